"""A meeting participant's short number is theirs for the meeting: the prepare table showed
its place in the roster (after P2 was dropped, P3 was shown as 2) while the dialogs named
the id (P3), and the meeting numbered its keys, bars and lists by place again. The number
is now the id's, given once and never again: the table, the dialogs and the meeting show
the same one, whoever was dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.group_poll_support import (
    DeviceStub,
    HostApp,
    MemoryStore,
    group_plan,
    people,
    roster_focused,
)
from tests.support.screen_text import screen_lines


def _row_of(app: Any, label: str) -> str:
    return next(line for line in screen_lines(app) if f" {label} " in line)


async def test_a_drop_renumbers_no_one_in_the_table_or_the_dialogs(
        isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (app, pilot, screen):
        await pilot.press("l", *"Ann, 18-34, north, informed", "enter", *"Bea, 35-64, south",
                          "enter", *"Cal, 65+, north", "enter", "escape")
        await wait_until(pilot, lambda: screen.roster.has_focus, what="the roster")
        assert _row_of(app, "Cal").split()[0] == "P3"
        screen.roster.move_cursor(row=1)
        await pilot.press("d")  # Bea, not asked for consent yet: dropped at once
        await wait_until(pilot, lambda: len(screen.roster.entries) == 2, what="Bea dropped")
        await pilot.pause()
        assert _row_of(app, "Ann").split()[0] == "P1"
        assert _row_of(app, "Cal").split()[0] == "P3"  # was "2"
        screen.roster.move_cursor(row=1)
        await pilot.press("c")
        await wait_screen(pilot, "ConsentDialog")
        assert any("Consent of P3 Cal" in line for line in screen_lines(app))
        await pilot.press("y")
        await wait_until(pilot, lambda: screen.roster.entries[1].consent is True,
                         what="Cal's consent")
        await pilot.pause()
        # the first frame after a change: the id whole, not cut to the heading's width
        row = _row_of(app, "Cal").split()
        assert row[0] == "P3" and row[2] == "given", row
        # a new participant takes a new number, never Bea's
        await pilot.press("l", *"Dan, 35-64, south", "enter", "escape")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 3, what="Dan added")
        assert screen.roster.entries[2].id == "P4"


async def test_a_resumed_draft_never_gives_a_dropped_participants_id_again(
        isolated_home: Path) -> None:
    """P3 consented, then was dropped, and the draft was left: its consent record stays.
    Resumed, the next participant was given P3 again, and took that consent as theirs."""
    store = MemoryStore(people(2))
    store.doc["consent"] = [{"participant": "P1", "given": True, "at": "2026-12-04T10:00:00Z"},
                            {"participant": "P3", "given": True, "at": "2026-12-04T10:01:00Z"}]
    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home), store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await wait_until(pilot, lambda: len(screen.roster.entries) == 2, what="the draft")
        await pilot.press("l", *"Cal, 65+, north", "enter", "escape")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 3, what="Cal added")
        cal = screen.roster.entries[2]
        assert (cal.id, cal.consent) == ("P4", None)


async def test_the_meeting_numbers_its_keys_bars_and_lists_as_the_roster(
        isolated_home: Path) -> None:
    roster = [p for p in people(3) if p["id"] != "P2"]  # Bea dropped before the meeting
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home), MemoryStore(roster)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query("#bars")), what="the meeting")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert " 1 Ann" in shown and " 3 Cal" in shown and " 2 Cal" not in shown, shown
        await pilot.press("3")
        speaker = app.screen.query_one("#speaker", Static)
        await wait_until(pilot, lambda: "Speaking: 3 Cal" in str(speaker.render()),
                         what="Cal speaking")
        await pilot.press("2")
        await wait_until(pilot, lambda: any(
            "No participant 2: they left the roster before the meeting." in str(n.message)
            for n in app._notifications), what="no one numbered 2")
        assert "Speaking: 3 Cal" in str(speaker.render())
        await pilot.press("1")
        await wait_until(pilot, lambda: "Speaking: 1 Ann" in str(speaker.render()),
                         what="Ann speaking")
        assert any("3 Cal spoke" in line for line in screen_lines(app))
        await pilot.press("p")
        await wait_screen(pilot, "ParticipantPicker")
        listed = "\n".join(screen_lines(app))
        assert " 1  Ann" in listed and " 3  Cal" in listed, listed



async def test_each_column_is_as_wide_as_its_cells_before_the_next_frame(
        isolated_home: Path) -> None:
    """A change redraws the roster: its widths were set back to the headings' until the
    table measured the rows (later, when idle), and a frame drawn before showed "P" for P1
    and "given 2" for "given 20:48" until the cursor moved."""
    async with roster_focused(isolated_home) as (_app, pilot, screen):
        await pilot.press("l", *"Ann, 18-34, north, informed", "enter", "escape")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="Ann added")
        table = screen.roster
        table.set_consent("P1", True, "2026-12-04T20:48:00Z")
        # no pause: the widths the next frame is drawn with
        key, label, consent = (column.get_render_width(table) - 2 * table.cell_padding
                               for column in table.ordered_columns[:3])
        assert (key, label, consent) == (len("P1"), len("Label"), len("given 20:48"))
