"""A poll with questionnaire logic: a follow-up not asked after "No", a constraint that holds
the item, labels shown and values stored, and a calculation saved with the answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, stored_documents
from tests.support.paths import FIXTURES

PLAN = load_plan(FIXTURES / "poll_logic.toml")


def messages(app: Any) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_a_poll_skips_what_is_not_relevant_and_holds_a_failed_check(
        isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(PollRunScreen(PLAN, device))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        assert "1  Yes" in str(run.query_one("#choices", Static).render())  # the label
        await pilot.press("2")  # No: "trips" is not asked
        await wait_until(pilot, lambda: run.item is not None and run.item.id == "satisfied",
                         what="the follow-up skipped")
        await pilot.press("1")  # the respondent is done
        await wait_until(pilot, lambda: run.item is None and not run.saving, what="thank-you, saved")
        await pilot.press("enter")  # the next respondent
        await wait_until(pilot, lambda: run.item is not None, what="next respondent")
        await pilot.press("1")  # Yes: "trips" is asked
        await wait_until(pilot, lambda: run.item.id == "trips", what="the follow-up")
        await pilot.press(*"50", "enter")
        await wait_until(pilot, lambda: "At most 40 trips" in messages(app), what="held")
        assert run.item.id == "trips"
        run.query_one("#number").value = ""
        await pilot.press(*"12", "enter")
        await wait_until(pilot, lambda: run.item.id == "satisfied", what="on")
        await pilot.press("2")
        await wait_until(pilot, lambda: run.item is None and not run.saving, what="thank-you, saved")
        await pilot.press("e")
        await app.settle()
        await pilot.pause()
    first, second = sorted(stored_documents(device), key=lambda d: len(d["answers"]))
    assert {k: v["value"] for k, v in first["answers"].items()} == {
        "uses_bus": "n", "satisfied": "1", "frequent": "no"}
    assert {k: v["value"] for k, v in second["answers"].items()} == {
        "uses_bus": "y", "trips": 12, "frequent": "yes", "satisfied": "0"}
