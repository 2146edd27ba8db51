"""The first Ctrl+G of a wrap-up with required questions left said "▲ 1 required unanswered
or answer refused by its check (listed above): ..." (a field walk): clumsy, and one count for
two lists. It now says each plainly, counted (ngettext), in English and Chinese; a meeting
keeps its own words (test_group_wrapup_words.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from fieldtui.core.i18n import set_language
from fieldtui.tui.screens.wrapup import confirm_line
from tests.support.app_support import make_app, make_home, start_interview, wait_screen, wait_until

TAIL = " (listed above) — Ctrl+G again completes anyway, Esc goes back"


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("en")


def test_each_list_is_said_plainly_and_counted() -> None:
    assert confirm_line(1, 0) == "1 required question has no answer" + TAIL
    assert confirm_line(3, 0) == "3 required questions have no answer" + TAIL
    assert confirm_line(0, 1) == "1 answer breaks its check" + TAIL
    assert confirm_line(2, 1) == ("2 required questions have no answer; 1 answer breaks its "
                                  "check" + TAIL)


def test_in_chinese(chinese: None) -> None:
    assert confirm_line(1, 0) == "1 道必答题没有回答（见上方）：再按 Ctrl+G 仍然完成，Esc 返回"
    assert confirm_line(2, 1) == ("2 道必答题没有回答；1 个回答未通过检查（见上方）：再按 Ctrl+G "
                                  "仍然完成，Esc 返回")


async def test_the_interviews_wrapup_says_so(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+f")
        await wait_screen(pilot, "WrapUpScreen")
        screen = app.screen
        await wait_until(pilot, lambda: getattr(screen, "unanswered", 0) > 0, what="the list")
        await pilot.press("ctrl+g")
        said = str(screen.query_one("#wrapup-confirm", Static).render())
        n = getattr(screen, "unanswered")  # noqa: B009
    assert said == f"▲ {n} required questions have no answer" + TAIL, said
