"""The words a follow-up's status reads as, for the people who raised the concern, come
from one place (core/concern.reply_status_word): the published summary and the device's
"What we heard" screen said them from two copies of one table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldtui.core.concern import reply_status_word
from fieldtui.core.i18n import set_language
from fieldtui.supervise.followups import STATUSES
from fieldtui.sync.replies import Reply
from fieldtui.tui.screens.heard import heard_text


@pytest.fixture(params=["en", "zh"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language("en")


def test_every_status_has_its_words_in_both_languages(lang: str) -> None:
    words = [reply_status_word(code) for code in STATUSES]
    assert len(set(words)) == len(STATUSES)
    if lang == "en":
        assert words == ["not yet acted on", "being worked on", "settled",
                         "could not be settled"]
    else:
        assert all(not any("a" <= ch <= "z" for ch in word) for word in words), words


def test_the_device_shows_the_same_words_and_an_unknown_code_as_it_is(lang: str) -> None:
    replies = [(f"C{n}", Reply("pump", code, "done", "2026-12-01"))
               for n, code in enumerate([*STATUSES, "half-done"])]
    shown = str(heard_text([], replies))
    colon = ": " if lang == "en" else "："  # full width beside the Chinese words
    for code in STATUSES:
        assert f"— {reply_status_word(code)}{colon}done" in shown
    assert f"— half-done{colon}done" in shown
    if lang == "zh":  # the line said "已解决: done", an English colon after Chinese words
        assert ": " not in shown.split("\n", 2)[-1], shown
