"""A participant's label is shown as it was typed: never read as markup, never a crash."""

from __future__ import annotations

from pathlib import Path

from fieldtui.tui.screens.concern_dialog import ConcernDialog
from fieldtui.tui.screens.group.pick import ParticipantPicker
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.group.quote import QuoteDialog
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, group_plan
from tests.support.screen_text import screen_lines


async def test_a_label_with_markup_is_shown_as_typed_on_the_roster(isolated_home: Path) -> None:
    """'Bo [/]' made the roster table read it as markup: MarkupError, the app gone."""
    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await pilot.press("l", *"Ana [bold]x[/], 18-34, north", "enter")
        await pilot.press(*"Bo [/], 35-64, south", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 2, what="two on the roster")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Ana [bold]x[/]" in text
        assert "Bo [/]" in text


async def test_the_quote_dialog_shows_a_markup_label_as_typed(isolated_home: Path) -> None:
    """q with 'Bo [/]' speaking: the speaker choice read the label as markup and the app
    ended in a MarkupError, the meeting on screen gone."""
    dialog = QuoteDialog([("P1", "Ana [bold]x[/]"), ("P2", "Bo [/]")], "P2")
    app = HostApp(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is dialog)
        await pilot.pause()
        assert "2 Bo [/]" in "\n".join(screen_lines(app))
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert "1 Ana [bold]x[/]" in "\n".join(screen_lines(app))


async def test_the_speaker_picker_shows_a_markup_label_as_typed(isolated_home: Path) -> None:
    """p lists the participants: 'Bo [/]' was read as markup there too."""
    picker = ParticipantPicker("Who is speaking?", [("P1", "Ana [bold]x[/]"), ("P2", "Bo [/]")])
    app = HostApp(picker)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is picker)
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert " 1  Ana [bold]x[/]" in text and " 2  Bo [/]" in text


async def test_the_concern_dialog_shows_the_speaker_label_as_typed(isolated_home: Path) -> None:
    """Ctrl+R while 'Bo [/]' speaks: whose concern it is (preselected: the speaker) read
    the label as markup, a MarkupError instead of the dialog."""
    dialog = ConcernDialog(group_plan(), [("P1", "Ana [bold]x[/]"), ("P2", "Bo [/]")], "P2")
    app = HostApp(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is dialog)
        await pilot.pause()
        assert "P2 Bo [/]" in "\n".join(screen_lines(app))


async def test_a_very_long_label_leaves_the_other_columns_in_view(isolated_home: Path) -> None:
    """A 90-character label widened the label column past the screen: consent, informed
    and the coverage columns were out of sight at 80 columns. The label is cut with …"""
    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        long_label = "Ed " + "very" * 20 + "long"
        await pilot.press("l", *f"{long_label}, 18-34, north", "enter", "escape")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="on the roster")
        assert screen.roster.entries[0].label == long_label  # kept whole
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Consent" in text and "Informed" in text and "not asked" in text, text
        assert "Ed veryvery" in text and "…" in text, text
