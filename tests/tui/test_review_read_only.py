"""The review screen on a dataset in a folder the supervisor cannot write (a read-only share,
a copy with read-only permissions): it opens read-only, browses sessions, flags, conflicts
and themes, and every key that would write says why not in one line; nothing is written."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.screens.review_conflicts import ConflictsScreen
from fieldtui.tui.screens.theme_coding import ThemeCodingScreen
from fieldtui.tui.screens.theme_dialogs import CodeDialog
from tests.support.app_support import wait_ready
from tests.support.read_only_folder import Fill
from tests.support.read_only_folder import read_only_folder as read_only_folder
from tests.support.review_world import review_dataset
from tests.support.screen_text import screen_lines

REFUSED = ("read-only: the dataset's folder cannot be written — copy it somewhere writable "
           "to decide")


def _text(app: ReviewApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _said(app: ReviewApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _contents(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


async def test_a_read_only_dataset_is_browsed_and_every_write_refused_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        read_only_folder: Callable[[Fill], Path]) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    db, short_id = review_dataset(tmp_path)
    share = read_only_folder(lambda folder: shutil.copyfile(db, folder / db.name) and None)
    before = _contents(share)
    app = ReviewApp(share / db.name, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        summary = _text(app, "#review-summary")
        assert summary.startswith("read-only · 3 sessions · 1 flagged · 1 open conflict")
        assert "c to resolve" not in summary
        assert screen_lines(app)[0].startswith("read-only · ")  # the header says it
        await pilot.press("down", "down")
        await wait_ready(pilot, lambda: short_id in _text(app, "#detail"))
        assert "key points not covered" in _text(app, "#detail")

        await pilot.press("b")  # send back: refused, no dialog asking for a comment
        await wait_ready(pilot, lambda: REFUSED in _said(app))
        assert isinstance(app.screen, ReviewScreen)
        app.clear_notifications()

        await pilot.press("c")  # the conflicts are shown, with what differs
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen)
                         and "incoming 'added later'" in _text(app, "#conflict-diff"))
        assert "read-only" in _text(app, "#conflicts-title")
        for key in ("i", "k"):
            await pilot.press(key)
            await wait_ready(pilot, lambda: REFUSED in _said(app))
            assert isinstance(app.screen, ConflictsScreen)  # no reason asked
            app.clear_notifications()
        await pilot.press("escape")
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen))

        await pilot.press("t")  # themes: the texts are read, coding them is refused
        await wait_ready(pilot, lambda: isinstance(app.screen, ThemeCodingScreen)
                         and app.screen.query_one("#themes-units", DataTable).row_count > 0)
        assert "read-only" in _text(app, "#themes-title")
        for key in ("t", "enter"):
            await pilot.press(key)
            await wait_ready(pilot, lambda: REFUSED in _said(app))
            assert not isinstance(app.screen, (CodeDialog, LineDialog))
            app.clear_notifications()
        await pilot.press("escape")
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert not [n for n in app._notifications if n.severity == "error"]
    assert _contents(share) == before  # not a byte written, no -wal or -shm made


async def test_a_writable_dataset_does_not_say_read_only(tmp_path: Path) -> None:
    db, _ = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        assert "read-only" not in _text(app, "#review-summary")
        await pilot.press("b")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
