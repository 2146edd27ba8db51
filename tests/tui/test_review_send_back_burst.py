"""`b` and the comment typed behind it in one burst (a fast typist, keys over SSH): `b`
reads the dataset before its dialog opens, and the comment's letters reached the review
screen meanwhile: `t` opened Themes, and the dialog got only the last few letters ("it"
of "it was the bus, please change it"), sent back with that comment. Now the keys typed
behind `b` are the dialog's, in order."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.returns import get_return
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import burst, wait_ready, wait_until
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES

COMMENT = "it was the bus, please change it"


async def test_a_comment_typed_behind_b_is_the_comment_sent(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    doc = document(answers={"travel": "by bsu"})
    load_documents(conn, [doc])
    conn.close()
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 1)
        review = app.screen
        burst(app, "b", *COMMENT, "enter")
        await wait_until(pilot, lambda: any("sent back" in str(n.message)
                                            for n in app._notifications), what="the notice")
        assert app.screen is review, app.screen  # no Themes opened by the comment's `t`
    conn = open_dataset(db, read_only=True)
    try:
        assert get_return(conn, str(doc["session_id"])).comment == COMMENT
    finally:
        conn.close()
