"""A letter typed into a number field is not kept, and the interviewer is told so in one
line: under the interview's number entry (where its range check speaks too), and in the
poll's warning note (where its refusals speak). What was typed before stays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from fieldtui.core.answer_keys import answer_key
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import flush, make_app, make_home, start_interview, wait_until
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import PLANS


def said(app: Any) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_the_interview_number_entry_says_a_letter_is_not_a_number(
        tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await run.go_to([i.id for i in run.items].index("years_area"))
        entry: Any = run.query_one(".answer-entry")
        await pilot.press("1", "x")
        await wait_until(pilot, lambda: "only a number" in str(entry.border_subtitle),
                         what="the refusal under the entry")
        assert entry.value == "1"  # what was typed stays
        await pilot.press("2")
        await wait_until(pilot, lambda: entry.value == "12", what="12")
        assert entry.border_subtitle == ""  # a good number: the note goes
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id != "years_area", what="moved on")
        await flush(app)


async def test_the_poll_number_field_says_a_letter_is_not_a_number(
        isolated_home: Path) -> None:
    from fieldtui.core.plan.load import load_plan

    plan = load_plan(PLANS / "poll-bins.toml")
    app = HostApp(PollRunScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y")
        await wait_until(pilot, lambda: run.item is not None and run.item.id == "home_type",
                         what="the first item")
        await pilot.press("4")
        await wait_until(pilot, lambda: run.item.id == "household_size", what="the number")
        field = run.query_one("#number", Input)
        await pilot.press("1", "k")
        await wait_until(pilot, lambda: "Only a number goes here" in said(app),
                         what="the refusal")
        assert "“k”" in said(app)
        assert field.value == "1"
        app.clear_notifications()
        await pilot.press("2", "enter")  # s and b stay the poll's keys; 12 is kept
        await wait_until(pilot, lambda: answer_key("household_size", "") in run.saved,
                         what="12 saved")
        assert run.saved[answer_key("household_size", "")] == (12, False)
        assert "Only a number" not in said(app)
