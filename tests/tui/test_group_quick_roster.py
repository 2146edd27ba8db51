"""Fewer keys per participant: a roster row typed in one line, consent for the whole group."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, group_plan, stored_documents
from tests.support.paths import PLANS


def status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#status").render())


async def test_the_prepare_screen_opens_with_the_roster_focused(isolated_home: Path) -> None:
    """Its keys (a to add…) work from the first frame: the focus goes to the roster at once,
    never first to the one-line entry above it, where an early key would be typed."""
    focused: list[str | None] = []

    def hook(message: Message) -> None:
        if isinstance(message, events.DescendantFocus):
            focused.append(message.widget.id)

    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await wait_until(pilot, lambda: screen.roster.has_focus, what="the roster focused")
        await pilot.pause()
    assert focused and set(focused) == {"roster"}, focused


async def test_a_roster_row_is_typed_in_one_line(isolated_home: Path) -> None:
    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await pilot.press("l", *"Ana, 35-64, SOUTH, informed", "enter")
        await pilot.press(*"Bo, 18-34, n", "enter")
        [ana, bo] = screen.roster.entries
        assert (ana.id, ana.label, ana.attributes, ana.informed) == (
            "P1", "Ana", {"age": "35-64", "area": "south"}, True)
        assert (bo.label, bo.attributes, bo.informed) == (
            "Bo", {"age": "18-34", "area": "north"}, False)
        # A bad value: said in one line, nothing added, the line kept to correct it.
        await pilot.press(*"Cy, 99", "enter")
        assert "age '99' is not allowed: use one of 18-34, 35-64, 65+" in status(pilot)
        assert len(screen.roster.entries) == 2
        assert screen.query_one("#quick").value == "Cy, 99"  # type: ignore[attr-defined]
        # Escape leaves the line for the roster, not the screen.
        await pilot.press("escape")
        assert isinstance(app.screen, GroupPrepareScreen)
        assert screen.roster.has_focus


async def test_consent_for_the_whole_group_with_one_refusal(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(GroupPrepareScreen(group_plan(), device))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await pilot.press("l", *"Ann, 18-34, north, informed", "enter", *"Bea, 35-64, south",
                          "enter", *"Cal, 65+, north", "enter", "escape")
        await pilot.press("g")
        assert type(app.screen).__name__ == "GroupConsentDialog"
        await pilot.press("down", "space", "y")  # Bea refuses; the others agree
        assert isinstance(app.screen, GroupPrepareScreen)
        assert [e.consent for e in screen.roster.entries] == [True, False, True]
        assert "P2 Bea declined" in status(pilot)
        # Asked again, only those who have not given consent are listed.
        await pilot.press("g", "y")
        assert [e.consent for e in screen.roster.entries] == [True, True, True]
        await pilot.press("escape")
        await app.settle()
    (doc,) = stored_documents(device)
    assert [(c["participant"], c["given"]) for c in doc["consent"]] == [
        ("P1", True), ("P2", False), ("P3", True), ("P2", True)]
    assert [p["label"] for p in doc["participants"]] == ["Ann", "Bea", "Cal"]


def _cursor_row_shown(table: DataTable[str]) -> bool:
    """True when the roster's highlighted row is inside the rows the table shows."""
    first = round(table.scroll_y)
    rows = table.scrollable_content_region.height - table.header_height
    return first <= table.cursor_row < first + rows


async def test_the_highlighted_participant_stays_in_view_as_rows_are_typed(
        isolated_home: Path) -> None:
    """Six rows typed in the shipped park plan at 80x24: the last one, highlighted, was
    scrolled out of the roster (the table shrank as the status line grew to two rows), so
    c, e or d acted on a participant nobody could see."""
    plan = load_plan(PLANS / "group-park.toml")
    app = HostApp(GroupPrepareScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await pilot.press("l")
        for row in ("Amina, 18, owner, north, informed", "Bo, 35", "Chen, 60, renter, south",
                    "Dara, 18, renter, north", "Eli, 35, owner, south",
                    "Femi, 60, owner, north"):
            await pilot.press(*row, "enter")
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.roster.has_focus)
        await pilot.pause()
        assert len(screen.roster.entries) == 6 and screen.roster.cursor_row == 5
        assert _cursor_row_shown(screen.roster), (screen.roster.scroll_y,
                                                  screen.roster.scrollable_content_region)
        await pilot.press("up", "up")
        await pilot.pause()
        assert _cursor_row_shown(screen.roster)
