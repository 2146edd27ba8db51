"""b on a poll response in review: the dialog asked what should be corrected and only after
the comment was typed said a poll response never goes back to the device; it says so at
once now, in one line, and asks nothing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready, wait_until
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES


async def test_b_on_a_poll_response_says_at_once_that_it_cannot_go_back(
        tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "poll_bins.toml")
    load_documents(conn, [document(method="poll", plan_id="poll-bins-mini",
                                   answers={"weekly": "None", "distance": 1})])
    conn.close()
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 1)
        await pilot.press("b")
        await wait_until(pilot, lambda: bool(app._notifications), what="a notice")
        said = [str(n.message) for n in app._notifications]
        assert len(said) == 1 and "is an anonymous poll response: it cannot go back" in said[0]
        assert isinstance(app.screen, ReviewScreen)  # no dialog asking for a comment
