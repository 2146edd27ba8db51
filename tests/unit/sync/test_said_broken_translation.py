"""A collector answers in the language a request asks for (Accept-Language): any client can
ask for Chinese. A Chinese translation that names a value its message does not pass (a typo
in the .po: `{device}` for `{device_id}`), or gives a value a format it cannot take, must
not turn every refusal asked for in Chinese into a failed request (500 and a traceback on
the operator's terminal): the reason is said in English instead."""

from __future__ import annotations

import gettext
import re
import string

import pytest

from fieldtui.core import said as said_module
from fieldtui.core.i18n import LOCALE_DIR
from fieldtui.core.said import Said


class _Broken(gettext.NullTranslations):
    """A catalog whose every translation is `text`."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def gettext(self, message: str) -> str:
        return self.text


@pytest.mark.parametrize("broken", [
    "设备 {device} 不允许在此",  # a value the message does not pass
    "设备 {0} 不允许在此",  # a positional one
    "设备 {device_id:d} 不允许在此",  # a format the value cannot take
    "设备 {device_id.x} 不允许在此",  # an attribute it lacks
    "设备 {device_id 不允许在此",  # a brace left open
])
def test_a_broken_translation_says_the_english(monkeypatch: pytest.MonkeyPatch,
                                                broken: str) -> None:
    monkeypatch.setattr(said_module, "translation", lambda lang: _Broken(broken))
    refusal = Said("device {device_id} is not allowed here", {"device_id": "0123abcd"})
    assert refusal.in_language("zh") == "device 0123abcd is not allowed here"


def test_a_broken_translation_of_the_collectors_own_language_says_the_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the operator's language is Chinese, its catalog broken
    monkeypatch.setattr("fieldtui.core.i18n._state",
                        {"lang": "zh", "translation": _Broken("{speed:g} 太慢")})
    slow = Said("the upload came slower than {rate:g} bytes/s and was cut; retry when the "
                "connection is better", {"rate": 100.0})
    assert str(slow).startswith("the upload came slower than 100 bytes/s")


def test_a_broken_message_is_not_hidden() -> None:
    with pytest.raises(KeyError):
        Said("device {device_id} is not allowed here").in_language("zh")


def test_no_chinese_translation_names_a_value_its_message_does_not() -> None:
    """The catalog itself: every msgstr's fields are among its msgid's (the plurals are
    checked in test_plurals)."""
    from babel.messages.pofile import read_po

    with open(LOCALE_DIR / "zh" / "LC_MESSAGES" / "fieldtui.po", "rb") as handle:
        catalog = read_po(handle, locale="zh")

    def fields(text: str) -> set[str]:
        return {re.split(r"[.\[]", name)[0] for _lit, name, _spec, _conv
                in string.Formatter().parse(text) if name is not None}

    wrong = [m.id for m in catalog if m.id and isinstance(m.id, str) and m.string
             and "{" in m.id + m.string and not fields(m.string) <= fields(m.id)]
    assert wrong == []
