"""Every roster column stays readable above the coverage panel at 80x24: the columns
share the width (tui/column_fit.py), the widest cut with …, none pushed off screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.widgets.roster_editor import RosterEditor, RosterEntry
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import PLANS
from tests.support.screen_text import screen_lines

# Each coverage attribute named by a label of 24 characters
LABELS = {"age_band": "Age band (last birthday)", "tenure": "Tenure of their own home",
          "area": "Side of the park at home"}


def labelled_plan() -> Plan:
    text = (PLANS / "group-park.toml").read_text("utf-8").replace(
        "[[section]]", "[group.coverage_labels]\n" + "".join(
            f'{key} = "{label}"\n' for key, label in LABELS.items()) + "\n[[section]]", 1)
    plan = parse_plan(text).plan
    assert plan is not None
    return plan


def within_and_headed(app: Any, table: RosterEditor, headings: list[str]) -> None:
    """Every column within the table's width, and each heading shown whole or cut with …
    after three characters or more (what it was stays recognisable)."""
    assert table.virtual_size.width <= table.scrollable_content_region.width, (
        table.virtual_size, table.scrollable_content_region)
    line = screen_lines(app)[table.content_region.y]
    x = table.content_region.x
    for column, heading in zip(table.ordered_columns, headings, strict=True):
        shown = line[x + 1:x + 1 + column.width].rstrip()
        x += column.get_render_width(table)
        assert shown == heading or (
            shown.endswith("…") and len(shown) >= 4 and heading.startswith(shown[:-1])), (
            heading, shown, line)
    assert x <= table.content_region.right, line


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
        # the 24 cells of label and the area fit beside consent and coverage: those that
        # do not fit whole are cut to share the width (the label pushed them off screen)
        within_and_headed(app, table, ["#", "Label", "Consent", "Informed", "Age band",
                                       "Tenure", "Area"])
        assert "South of the" in "\n".join(screen_lines(app))
        table.drop("P1")
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width
        table.replace_entry(RosterEntry("P2", "Bo " * 10, attributes, False, True,
                                        "2026-03-01T09:31:00.000+00:00"))
        table.replace_entry(RosterEntry("P2", "Bo", attributes, False, True,
                                        "2026-03-01T09:31:00.000+00:00"))
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width


async def test_columns_named_by_long_coverage_labels_fit_80_columns(isolated_home: Path) -> None:
    """Coverage labels of 24 characters as headings, with a label of 24 cells shown: the
    table was 104 columns wide at 80, the area and most coverage off screen."""
    app = HostApp(GroupPrepareScreen(labelled_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        table = screen.roster
        attributes = {"age_band": "60+", "tenure": "Owner", "area": "North of the park"}
        for n in range(1, 17):  # enough for a scroll bar
            table.add(RosterEntry(table.new_id(), f"Participant number {n:02d} of the walk",
                                  attributes, n % 2 == 0, None))
        await pilot.pause()
        within_and_headed(app, table, ["#", "Label", "Consent", "Informed",
                                       *LABELS.values()])
        text = "\n".join(screen_lines(app))
        assert "Participan" in text and "not asked" in text and "North of" in text, (
            "\n".join(screen_lines(app)))
