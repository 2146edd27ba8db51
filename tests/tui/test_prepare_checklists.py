"""Every method shows its plan's checklist on prepare (Space ticks, ticks are saved) and the
tone reminders while it runs."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from fieldtui.tui.widgets.checklist import Checklist
from fieldtui.tui.widgets.roster_editor import RosterEntry
from fieldtui.tui.widgets.tone_strip import ToneStrip
from tests.conftest import PLANS
from tests.support.group_poll_support import (
    DeviceStub,
    HostApp,
    MemoryStore,
    group_plan,
    people,
    stored_documents,
)
from tests.support.screen_text import screen_lines


async def test_group_prepare_shows_the_checklist_and_saves_the_ticks(
        isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    plan = group_plan()
    app = HostApp(GroupPrepareScreen(plan, device))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        checklist = screen.query_one(Checklist)
        assert checklist.lines == plan.checklist
        await pilot.pause()
        assert any("☐ Book the room" in line for line in screen_lines(app))
        await pilot.press("k", "down", "space")  # "Print the agenda", before any session
        screen.roster.add(RosterEntry("P1", "Ann", {"age": "18-34", "area": "north"}))
        screen.roster.focus()
        await pilot.press("c", "y")  # the first consent creates the session
        await pilot.press("k", "up", "space")  # "Book the room", saved at once
        await pilot.press("escape")
        await app.settle()
    (doc,) = stored_documents(device)
    assert doc["checklist"] == ["Book the room", "Print the agenda"]


async def test_group_run_shows_the_tone_reminders(isolated_home: Path) -> None:
    plan = group_plan()
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), MemoryStore(people(3))))
    async with app.run_test(size=(80, 24)) as pilot:
        strip = app.screen.query_one(ToneStrip)
        assert strip.reminders == plan.reminders_for(plan.sections[0])
        assert f"Tone 1/{len(strip.reminders)}: {plan.tone_reminders[0]}" in str(strip.render())
        await pilot.press("n")
        assert strip.reminders == plan.reminders_for(plan.sections[1])


async def test_poll_prepare_checklist_ticks_go_into_each_respondents_session(
        isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    plan = load_plan(PLANS / "poll-bins.toml")
    app = HostApp(PollPrepareScreen(plan, device))
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.screen.query_one(Checklist)
        assert checklist.lines == plan.checklist
        await pilot.press("k", "space", "down", "down", "space")
        await pilot.press("s")
        run = app.screen
        assert isinstance(run, PollRunScreen)
        strip = run.query_one(ToneStrip)
        assert strip.reminders == plan.reminders_for(plan.sections[0])
        await pilot.press("y", "1", "x", "y", "e")  # consent first (the shipped poll asks)
        await app.settle()
        await pilot.pause()
    (doc,) = stored_documents(device)
    assert doc["checklist"] == [plan.checklist[0], plan.checklist[2]]
