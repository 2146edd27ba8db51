"""In Chinese the key that goes to the previous item (Ctrl+B and PgUp in an interview,
b in a poll) read 返回, the word of every Esc that leaves a screen ("esc 返回" on the
prepare screens): beside "^n 下一项" it read as leaving the interview. It reads 上一项
now, and the poll's hints say so too; Esc keeps 返回."""

from __future__ import annotations

from typing import Any

from fieldtui.core.i18n import _
from fieldtui.tui.screens.interview.prepare import InterviewPrepareScreen
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.chinese_walk import chinese

__all__ = ["chinese"]


def _words(cls: Any, key: str) -> list[str]:
    return [b.description for b in cls._merged_bindings.key_to_bindings.get(key, ())]


def test_the_previous_item_key_is_not_the_leave_key(chinese: None) -> None:
    assert _words(InterviewRunScreen, "ctrl+b") == ["上一项"]
    assert _words(InterviewRunScreen, "pageup") == ["上一项"]
    assert _words(PollRunScreen, "b") == ["上一项"]
    assert _words(InterviewPrepareScreen, "escape") == ["返回"]


def test_the_poll_hints_name_b_as_the_previous_item(chinese: None) -> None:
    for hint in ("Press the option's number · s: no answer · b: back",
                 "Type the number, Enter saves · s: no answer · b: back",
                 "Enter: next · b: back"):
        assert "b：上一项" in _(hint) and "返回" not in _(hint), _(hint)
