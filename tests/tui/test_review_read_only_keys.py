"""The review screens on a read-only dataset offer only the keys that work: the keys that
would write (send back, keep a revision, code or settle a theme) are not in the footer nor
in F1's list, and pressed anyway they say in one line why not. On a writable dataset the
same keys are offered."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.help import HelpScreen
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.screens.review_conflicts import ConflictsScreen
from fieldtui.tui.screens.theme_coding import ThemeCodingScreen
from tests.support.app_support import wait_ready
from tests.support.read_only_folder import Fill
from tests.support.read_only_folder import read_only_folder as read_only_folder
from tests.support.review_world import review_dataset
from tests.support.screen_text import screen_lines

REFUSED = ("read-only: the dataset's folder cannot be written — copy it somewhere writable "
           "to decide")


def _footer(app: ReviewApp) -> set[str]:
    """The keys the footer shows (enabled or dimmed: a dimmed key is still offered)."""
    return {key.key for key in app.screen.query(FooterKey) if key.display}


def _said(app: ReviewApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def _help(app: ReviewApp, pilot: Pilot[None]) -> str:
    """F1's text over the current screen; closed again."""
    under = app.screen
    await pilot.press("f1")
    await wait_ready(pilot, lambda: isinstance(app.screen, HelpScreen))
    text = "\n".join(screen_lines(app))
    await pilot.press("escape")
    await wait_ready(pilot, lambda: app.screen is under)
    return text


async def _walk(app: ReviewApp, pilot: Pilot[None], *, read_only: bool) -> None:
    """Footer and help of the review, conflicts and themes screens."""
    await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                     and app.screen.query_one("#sessions", DataTable).row_count == 3)
    await pilot.pause()
    shown = _footer(app)
    assert {"f", "c", "t", "r", "q"} <= shown, shown
    assert ("b" in shown) is not read_only, shown
    assert ("Send back" in await _help(app, pilot)) is not read_only

    await pilot.press("c")
    await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
    await pilot.pause()
    shown = _footer(app)
    assert "escape" in shown, shown
    assert ({"k", "i"} & shown == set()) is read_only, shown
    helped = await _help(app, pilot)
    assert ("Keep current" in helped or "Keep incoming" in helped) is not read_only
    await pilot.press("escape")
    await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen))

    await pilot.press("t")
    await wait_ready(pilot, lambda: isinstance(app.screen, ThemeCodingScreen)
                     and app.screen.query_one("#themes-units", DataTable).row_count > 0)
    await pilot.pause()
    shown = _footer(app)
    assert "escape" in shown and "s" not in shown, shown  # `s`: no disagreement here
    assert ("t" in shown) is not read_only, shown
    assert ("Code" in await _help(app, pilot)) is not read_only


async def test_a_read_only_review_offers_no_write_key_and_refuses_one_pressed(
        tmp_path: Path, read_only_folder: Callable[[Fill], Path]) -> None:
    db, _ = review_dataset(tmp_path)
    share = read_only_folder(lambda folder: shutil.copyfile(db, folder / db.name) and None)
    app = ReviewApp(share / db.name, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await _walk(app, pilot, read_only=True)
        await pilot.press("t")  # hidden, pressed anyway: one line, no dialog
        await wait_ready(pilot, lambda: REFUSED in _said(app))
        assert isinstance(app.screen, ThemeCodingScreen)
        app.clear_notifications()
        await pilot.press("escape", "b")
        await wait_ready(pilot, lambda: REFUSED in _said(app))
        assert isinstance(app.screen, ReviewScreen)
        app.clear_notifications()
        await pilot.press("c")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        for key in ("k", "i"):
            await pilot.press(key)
            await wait_ready(pilot, lambda: REFUSED in _said(app))
            assert isinstance(app.screen, ConflictsScreen)
            app.clear_notifications()
        assert not [n for n in app._notifications if n.severity == "error"]


async def test_a_writable_review_offers_its_write_keys(tmp_path: Path) -> None:
    db, _ = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await _walk(app, pilot, read_only=False)
        await pilot.press("escape", "b")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
