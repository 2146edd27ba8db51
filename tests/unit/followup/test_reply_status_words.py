"""The words a follow-up's status reads as, for the people who raised the concern, come
from one place (core/concern.reply_status_word): the published summary and the device's
"What we heard" screen said them from two copies of one table, and the replies shown for a
returning respondent or group said the register's code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldtui.core.concern import reply_status_word
from fieldtui.core.i18n import set_language
from fieldtui.supervise.followups import STATUSES
from fieldtui.sync.replies import Reply
from fieldtui.tui.screens.heard import heard_text
from fieldtui.tui.screens.returning import replies_text
from tests.support.zh_punctuation import ascii_pauses


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
    said = {"en": "— {status}: done", "zh": "——{status}：done"}[lang]
    for code in STATUSES:
        assert said.format(status=reply_status_word(code)) in shown
    assert said.format(status="half-done") in shown
    assert [hit for line in shown.splitlines() for hit in ascii_pauses(line)] == []


def test_a_returning_respondents_replies_say_the_same_words(lang: str) -> None:
    """A field walk saw "— in-progress: Thursday evening opening …" on the prepare screen of
    a returning respondent: the register's code, in English and with an ASCII colon under the
    Chinese interface, where the summary and "What we heard" say "being worked on"."""
    replies = [Reply("pump", code, "done", "2026-12-01") for code in [*STATUSES, "half-done"]]
    for shown in (replies_text("R-1", replies).plain,
                  replies_text("R-1", replies, group=True).plain):
        said = {"en": "“pump” — {status}: done", "zh": "“pump”——{status}：done"}[lang]
        for code in STATUSES:
            assert said.format(status=reply_status_word(code)) in shown
        assert said.format(status="half-done") in shown
        assert "in-progress" not in shown and "cannot-settle" not in shown
        assert [hit for line in shown.splitlines() for hit in ascii_pauses(line)] == []
