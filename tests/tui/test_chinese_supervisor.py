"""The supervisor's screens in Simplified Chinese (the walk of test_chinese_screens): the
review screen (sessions, a session's detail, the conflicts and the reason asked), its help,
and the follow-up register with its prompt. Fails on any English word the interface
leaves, or on any text cut at 80x24. The dataset's own words (names, ids, item ids,
answers, a plan's own category) are the data's, not the interface's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, Static

from fieldtui.supervise.conflicts import list_conflicts
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.followups import register
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.correction_choices import ChoiceDialog
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.help import HelpScreen
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.screens.review_conflicts import ConflictsScreen
from tests.support.app_support import wait_ready
from tests.support.chinese_screen_walk import SIZE, Walk
from tests.support.chinese_walk import WORD, chinese
from tests.support.review_world import followup_dataset, review_dataset

__all__ = ["chinese"]

HEX = re.compile(r"\b[0-9a-f]{6,}\b")
HELP_SCROLLS = frozenset({"help-keys"})  # help's list of keys scrolls by design


def data_words(texts: list[str]) -> frozenset[str]:
    """The data's words, which a column may cut with … (a plan id: "mini-interv…")."""
    return frozenset(w.lower() for t in texts for w in WORD.findall(t))


def _text(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _ids(app: Any) -> list[str]:
    """The hex ids on screen (sessions, bundles, devices): codes, not words."""
    return sorted(set(HEX.findall(app.export_screenshot())), key=len, reverse=True)


def dataset_ids(db: Path) -> list[str]:
    """Every session's id and every incoming bundle's: codes that a line may wrap."""
    conn = open_dataset(db)
    try:
        sessions = [str(r[0]) for r in conn.execute("SELECT session_id FROM sessions")]
        return sessions + [c.incoming_bundle for c in list_conflicts(conn)]
    finally:
        conn.close()


async def test_the_review_screens_in_chinese_leave_no_english(tmp_path: Path,
                                                              chinese: None) -> None:
    db, short_id = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    # the dataset's words: names, plan and item ids, answers, a document's field
    data = ["Ana", "Ben", "mini-interview", "travel", "bus", "car", "walk", "added later",
            "reflections", "review.sqlite", "fieldtui review", "d" * 16, *dataset_ids(db)]
    async with app.run_test(size=SIZE) as pilot:
        walk = Walk(pilot, data, data_words(data))
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        table = app.screen.query_one("#sessions", DataTable)
        # the headings keep their columns: every column on screen at 80 columns
        assert sum(col.get_render_width(table) for col in table.ordered_columns) <= 78
        await walk.look("review: sessions", *_ids(app))
        await pilot.press("down", "down")
        await wait_ready(pilot, lambda: short_id in _text(app, "#detail"))
        await walk.look("review: a flagged session's detail", *_ids(app))
        await pilot.press("f")
        await wait_ready(pilot, lambda: table.row_count == 1)
        await walk.look("review: flagged only", *_ids(app))
        await pilot.press("f1")
        await wait_ready(pilot, lambda: isinstance(app.screen, HelpScreen))
        await walk.look("review: help", may_scroll=HELP_SCROLLS)
        await pilot.press("escape")
        await pilot.press("c")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen)
                         and "reflections" in _text(app, "#conflict-diff"))
        await walk.look("conflicts", *_ids(app))
        await pilot.press("i")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        await walk.look("conflicts: the reason asked", *_ids(app))
        app.screen.query_one(Input).value = "后来的版本"
        await pilot.press("enter")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen)
                         and "reflections" not in _text(app, "#conflict-diff"))
        await walk.look("conflicts: all resolved", *_ids(app))
    assert walk.problems() == {"english": {}, "cut": {}}


async def test_the_followup_register_in_chinese_leaves_no_english(tmp_path: Path,
                                                                  chinese: None) -> None:
    path = followup_dataset(tmp_path)
    conn = open_dataset(path)
    try:
        ids = [e.id for e in register(conn)]
    finally:
        conn.close()
    # the devices' words: the concerns, a plan's own category, the plan id, the due date
    data = ["[bold]pump[/bold] broken", "no teacher", "school", "mini-interview",
            "2000-01-01", "fieldtui followups", "followups --publish", *ids]
    app = FollowupApp(path, "sam")
    async with app.run_test(size=SIZE) as pilot:
        walk = Walk(pilot, data, data_words(data))
        await wait_ready(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        screen = app.screen
        await walk.look("register")
        await pilot.press("down")  # the pump: promised, overdue
        await pilot.pause()
        await walk.look("register: an overdue promise")
        await pilot.press("s")  # the statuses to choose from
        await wait_ready(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await walk.look("register: the statuses")
        await pilot.press("down", "enter")  # open → in progress
        await wait_ready(pilot, lambda: app.screen is screen)
        await walk.look("register: in progress")
        await pilot.press("r")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        await walk.look("register: the reply asked")
        await pilot.press("escape")
        await wait_ready(pilot, lambda: app.screen is screen)
        await pilot.press("f1")
        await wait_ready(pilot, lambda: isinstance(app.screen, HelpScreen))
        await walk.look("register: help", may_scroll=HELP_SCROLLS)
    assert walk.problems() == {"english": {}, "cut": {}}


async def test_theme_coding_in_chinese_leaves_no_english(tmp_path: Path,
                                                         chinese: None) -> None:
    """The kind of each text (answer, note, quote) showed as its English code."""
    from fieldtui.tui.screens.theme_coding import ThemeCodingScreen

    db, _short_id = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    data = ["Ana", "Ben", "mini-interview", "travel", "bus", "car", "walk", "sup-test",
            "fieldtui review", "d" * 16, *dataset_ids(db)]
    async with app.run_test(size=SIZE) as pilot:
        walk = Walk(pilot, data, data_words(data))
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        await pilot.press("t")
        await wait_ready(pilot, lambda: isinstance(app.screen, ThemeCodingScreen)
                         and bool(app.screen.items))
        await walk.look("themes: a session's texts", *_ids(app))
    assert walk.problems() == {"english": {}, "cut": {}}
