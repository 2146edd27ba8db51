"""`b` holds the keys typed behind it for its dialog while a worker reads the dataset. When
that read failed with anything but a FieldtuiError (a locked or damaged database: the
worker's error, said in one line), the keys stayed held for good: every later key on the
review screen was swallowed (`t` no longer opened Themes). Now the failed read lets them go."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import DataTable

from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens import review_send_back
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready, wait_until
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES


async def test_keys_act_again_after_the_send_back_read_failed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    load_documents(conn, [document(answers={"travel": "by bus"})])
    conn.close()

    def locked(*_args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(review_send_back, "_waiting", locked)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 1)
        review = app.screen
        await pilot.press("b")
        await wait_until(pilot, lambda: any("database is locked" in str(n.message)
                                            for n in app._notifications), what="the error")
        await pilot.press("t")
        await wait_until(pilot, lambda: app.screen is not review, what="Themes opened by t")
