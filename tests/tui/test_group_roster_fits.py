"""Every roster column stays readable above the coverage panel at 80x24."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.widgets.roster_editor import RosterEntry
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import PLANS


async def test_all_columns_fit_with_a_long_roster_at_80_columns(isolated_home: Path) -> None:
    app = HostApp(GroupPrepareScreen(load_plan(PLANS / "group-park.toml"),
                                     DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        # The demo plan's long area names, enough people for a scrollbar, declined consents
        # (every odd one: coverage leaves them out).
        for n in range(1, 17):
            screen.roster.add(RosterEntry(f"P{n}", f"Ann {n:02d}"[:5],
                                          {"age_band": "35-59", "tenure": "Renter",
                                           "area": "North of the park"}, True,
                                          n % 2 == 0, "2026-03-01T09:31:00.000+00:00"))
        screen.refresh_check()
        await pilot.pause()
        table = screen.roster
        assert table.show_vertical_scrollbar
        assert table.virtual_size.width <= table.scrollable_content_region.width
        coverage = str(screen.query_one("#coverage-text").render())
        assert "Size 8 (needs 6–10) · Informed 8 (needs 2)" in coverage


async def test_the_columns_narrow_again_when_a_long_label_leaves(isolated_home: Path) -> None:
    """A field walk added a participant whose label was a whole line (24 cells shown), then
    dropped them: the label column stayed that wide and the area was cut ("South of t")."""
    app = HostApp(GroupPrepareScreen(load_plan(PLANS / "group-park.toml"),
                                     DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        table = screen.roster
        attributes = {"age_band": "35-59", "tenure": "Renter", "area": "South of the park"}
        table.add(RosterEntry("P1", "Ana, 18-34, Owner, North, informed", attributes, True,
                              True, "2026-03-01T09:31:00.000+00:00"))
        table.add(RosterEntry("P2", "Bo", attributes, False, True,
                              "2026-03-01T09:31:00.000+00:00"))
        await pilot.pause()
        assert table.virtual_size.width > table.scrollable_content_region.width  # cut
        table.drop("P1")
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width
        table.replace_entry(RosterEntry("P2", "Bo " * 10, attributes, False, True,
                                        "2026-03-01T09:31:00.000+00:00"))
        table.replace_entry(RosterEntry("P2", "Bo", attributes, False, True,
                                        "2026-03-01T09:31:00.000+00:00"))
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width
