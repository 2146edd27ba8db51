"""The constraint's message under the entry takes a row kept for it: typing a value its
constraint refuses (and back) shows and clears the message without laying the screen out
again, and nothing on the screen moves (counted by the screen's layout signal, never timed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.tui.screens.interview.answer_flow import check_line
from tests.support.app_support import make_app, wait_until
from tests.support.household_logic_walk import at, household_home, start
from tests.support.layout_probe import count_layouts


def regions(run: Any) -> dict[str, Any]:
    """Where the entry, the message row and the status line are."""
    return {w.id or "entry": w.region for w in (
        run.query_one(".answer-entry"), run.query_one("#item-check"),
        run.query_one("#item-status"))}


async def test_the_constraint_message_shows_and_clears_without_a_layout(
        tmp_path: Path) -> None:
    app = make_app(household_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start(pilot)
        await pilot.press(*"Ada", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "water"), what="water")
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: at(run, "water_other"), what="where else")
        await pilot.press(*"River", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "rooms"), what="rooms")
        check = run.query_one("#item-check", Static)
        await pilot.press("1")  # one room: allowed
        await wait_until(pilot, lambda: run.walk.value("rooms") == 1, what="1 room")
        for _ in range(5):
            await pilot.pause(0.02)
        before = regions(run)
        assert check.region.height == 1 and str(check.render()).strip() == ""
        layouts = count_layouts(run)
        await pilot.press("2")  # 12 rooms: in the entry's range, refused by the constraint
        await wait_until(pilot, lambda: "at most 9 rooms" in str(check.render()),
                         what="the constraint message")
        assert layouts == []
        assert regions(run) == before
        await pilot.press("backspace")  # 1 again: the message goes, nothing moves
        await wait_until(pilot, lambda: str(check.render()).strip() == "", what="cleared")
        assert layouts == []
        assert regions(run) == before


def test_a_message_keeps_the_skip_key_only_when_the_row_has_room() -> None:
    rooms = "A home here has at most 9 rooms"
    assert check_line(rooms, 52) == f"✗ {rooms} (Ctrl+S to skip)"
    phones = "That is more than three phones per person; please check the number."
    assert check_line(phones, 52) == f"✗ {phones}"  # the row ends it in …
    assert check_line(rooms, 40) == f"✗ {rooms}"
