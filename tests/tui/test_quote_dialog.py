"""The quote dialog of a meeting: the words, whether they agree to be quoted, who said it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.tui.screens.group.quote import QuoteDialog
from tests.support.app_support import wait_until
from tests.support.group_poll_support import HostApp


async def test_enter_on_the_consent_box_saves_the_quote_as_ticked(isolated_home: Path) -> None:
    """Words typed, Tab to 'they agree to be quoted', Space ticks it, Enter ('Enter saves'):
    the Enter unticked the box and saved nothing. Now it saves the quote, ticked."""
    results: list[Any] = []
    dialog = QuoteDialog([("P1", "Ann"), ("P2", "Bo")], "P2")
    app = HostApp(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is dialog)
        dialog.dismiss = results.append  # type: ignore[method-assign,assignment]
        await pilot.press(*"the lights are too dim", "tab", "space", "enter")
        await wait_until(pilot, lambda: bool(results))
    assert results == [("P2", "the lights are too dim", True)]


async def test_the_dialog_says_where_tab_goes(isolated_home: Path) -> None:
    """'Tab to change who said it' sent the focus to the consent box first."""
    dialog = QuoteDialog([("P1", "Ann")], "P1")
    app = HostApp(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is dialog)
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "may-quote"
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "who"
        heading = str(dialog.query_one("#quote-heading").render())
        assert "Tab: whether they agree to be quoted, then who said it" in heading, heading


async def test_the_heading_is_not_cut_at_80_columns(isolated_home: Path) -> None:
    """The heading ran past the dialog's width and lost its end ('quoted, then who said
    it)'): the key to reach who said it was not shown. It wraps."""
    from tests.support.screen_text import screen_lines

    dialog = QuoteDialog([("P1", "Ann")], "P1")
    app = HostApp(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is dialog)
        await pilot.pause()
        text = " ".join(line.strip(" │") for line in screen_lines(app))
        assert "be quoted, then who said it)" in " ".join(text.split()), text
