"""Two supervisors on one conflict, on the review screen: the second is told who resolved
it, and the conflict leaves their list. Before, it stayed listed as open (title
"Conflicts to resolve: 1", k and i live) beside the notice "pick an open conflict"."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from fieldtui.supervise.conflicts import list_conflicts, resolve_conflict
from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.screens.review_conflicts import ConflictsScreen
from tests.support.app_support import wait_ready
from tests.support.review_world import review_dataset


@pytest.fixture(params=["file", "postgresql"])
def dataset_at(request: pytest.FixtureRequest) -> str | None:
    """None: a SQLite file; else a database of the test PostgreSQL cluster."""
    return request.getfixturevalue("pg_url") if request.param == "postgresql" else None


async def test_a_conflict_the_other_supervisor_resolved_leaves_the_list(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset_at: str | None) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    db, _short = review_dataset(tmp_path, dataset_at)
    app = ReviewApp(db, "bo")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and "1 open conflict" in str(app.screen.query_one(
                             "#review-summary", Static).render()))  # loaded
        await pilot.press("c")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        await wait_ready(pilot, lambda: "reflections: kept" in str(  # shown: keys ready
            screen.query_one("#conflict-diff", Static).render()))
        other = open_dataset(db)  # the other supervisor, meanwhile
        [conflict] = list_conflicts(other, open_only=True)
        resolve_conflict(other, conflict.id, "incoming", "reflections added", "ann")
        other.close()
        await pilot.press("k")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press(*"original is right", "enter")
        await wait_ready(pilot, lambda: bool(app._notifications))
        said = [str(n.message) for n in app._notifications]
        assert len(said) == 1 and "is already resolved (by ann at" in said[0]
        await wait_ready(pilot, lambda: screen.query_one("#conflicts", DataTable).row_count == 0)
        title = str(screen.query_one("#conflicts-title", Static).render())
        assert "Conflicts to resolve: 0" in title
        assert "No open conflicts" in str(screen.query_one("#conflict-diff", Static).render())
    conn = open_dataset(db)
    [done] = list_conflicts(conn)
    assert done.resolved_by == "ann" and done.reason == "reflections added"  # not overwritten
    conn.close()
