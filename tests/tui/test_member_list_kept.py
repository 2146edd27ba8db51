"""The interview's member list is mounted once and refilled: Next and Back across it, and
from one roster's list to another's, show the members a new list would show."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from fieldtui.tui.widgets.member_list import MemberList
from tests.support.app_support import wait_until
from tests.support.fakes import FakeStore
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import FIXTURES


def row(value: Any, member: str = "", item_id: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {"value": value, "skipped": False, "skip_reason": ""}
    return found | ({"item_id": item_id, "member": member} if member else {})


def household_run() -> tuple[HostApp, InterviewRunScreen]:
    """The household plan with two people named and two rooms, on the people's list."""
    plan = load_plan(FIXTURES / "household_logic.toml")
    store = FakeStore(plan, uuid.uuid4().hex)
    store.doc["answers"] = {"rooms": row(2), "name#m1": row("Ana", "m1", "name"),
                            "name#m2": row("Ben", "m2", "name")}
    store.doc["rosters"] = {"people": {"": ["m1", "m2"]}}
    store.doc["position"] = {"section_id": "people", "roster": True}

    class Host(HostApp):
        CSS_PATH = FieldtuiApp.CSS_PATH
        clock = staticmethod(time.monotonic)

    screen = InterviewRunScreen(plan, DeviceStub(Path("/nonexistent")), store)
    return Host(screen), screen


def as_new(run: InterviewRunScreen) -> tuple[Any, ...]:
    """What a member list made now for the step would hold (it renders from these)."""
    new = run.roster_view(run.step).member_list()
    return new.members, new.open_ended, new.sized_by, new.cursor


def held(members: MemberList) -> tuple[Any, ...]:
    return members.members, members.open_ended, members.sized_by, members.cursor


async def test_next_and_back_and_another_roster_refill_the_same_member_list() -> None:
    app, run = household_run()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: run.step.is_roster and run.step.section == "people",
                         what="the people's list")
        await pilot.pause()
        first = run.query_one(MemberList)
        assert "1. Ana" in str(first.render()) and "2. Ben" in str(first.render())
        await pilot.press("down")  # the cursor on Ben: a new list would stand on Ana again
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.step.member == "m1", what="Ana's first item")
        assert not first.display and not first.has_class("answer-entry")
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: run.step.is_roster, what="the list again")
        await pilot.pause()
        assert list(run.query(MemberList)) == [first] and first.display
        assert run.entries.current is first and app.focused is first
        assert held(first) == as_new(run) and "▸ 1. Ana" in str(first.render())
        # Another roster (the rooms, sized by the answer: 2) in the same widget, laid out
        # to its own rows.
        await run.go_to(run.walk.find_list("room_use"))
        await wait_until(pilot, lambda: run.step.section == "room_use", what="the rooms")
        await pilot.pause()
        assert list(run.query(MemberList)) == [first]
        shown = str(first.render())
        assert held(first) == as_new(run) and "Sized by the answer" in shown and "Ana" not in shown
        assert first.content_size.height == len(shown.splitlines())
