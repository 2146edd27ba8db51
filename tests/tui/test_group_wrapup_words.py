"""A meeting's wrap-up speaks of questions not yet discussed, not of required items
unanswered: a moderator marks an agenda question discussed (k); nobody answers it. The walk
of the park meeting read "Required items unanswered (7)" and "7 required unanswered or
answers refused by their check" there."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.wrapup import WrapUpScreen, missing_text
from tests.support.app_support import wait_until
from tests.support.group_poll_support import ClockedStore, DeviceStub, FakeClock, HostApp, people
from tests.support.paths import PLANS


def test_the_meetings_list_names_the_questions_not_yet_discussed() -> None:
    plan = load_plan(PLANS / "group-park.toml")
    text, count = missing_text(plan, {})
    assert count > 0
    assert f"Questions not yet discussed ({count})" in text.plain
    assert "Required items unanswered" not in text.plain
    interview = load_plan(PLANS / "interview-library.toml")  # an interview keeps its words
    assert "Required items unanswered" in missing_text(interview, {})[0].plain


async def test_completing_a_meeting_with_questions_left_asks_in_its_words(
        isolated_home: Path, clock: FakeClock) -> None:
    plan = load_plan(PLANS / "group-park.toml")
    app = HostApp(WrapUpScreen(plan, DeviceStub(isolated_home), ClockedStore(people(3), clock)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: screen.unanswered > 0, what="the list")
        await pilot.press("ctrl+g")
        said = str(screen.query_one("#wrapup-confirm", Static).render())
    assert "questions not yet discussed" in said and "required" not in said
