"""The review list's minutes agree with the session's detail: a 30-second session read "0"
in the list (as if it had lasted no time) beside "0.5 min" in the detail; it reads "<1"."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.review import ReviewScreen, whole_minutes
from tests.support.app_support import wait_ready
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES


def test_whole_minutes() -> None:
    assert [whole_minutes(m) for m in (0.0, 0.2, 0.5, 0.99, 1.0, 6.7, 40.0)] == [
        "0", "<1", "<1", "<1", "1", "7", "40"]


async def test_a_30_second_session_is_under_a_minute_in_the_list(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    load_documents(conn, [document(answers={"travel": "bus"}, events=[
        {"t": 0, "type": "nav", "item_id": "travel", "from": None},
        {"t": 30, "type": "answer", "item_id": "travel"}])])
    conn.close()
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 1)
        await wait_ready(pilot, lambda: "0.5 min" in str(
            app.screen.query_one("#detail", Static).render()))
        assert str(app.screen.query_one("#sessions", DataTable).get_row_at(0)[3]) == "<1"
