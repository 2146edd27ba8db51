"""The review table at 80 columns cut "Demo Inter…" and "key-points, sh…" while the Plan
column had room to spare (fixed widths): the columns are sized to what they hold, the
spare room going to those that were cut."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.widgets import DataTable

from fieldtui.core import i18n
from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import PLANS
from tests.support.screen_text import cut_widgets, screen_lines


def _dataset(tmp_path: Path) -> Path:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, PLANS / "interview-library.toml")
    plan = load_plan(PLANS / "interview-library.toml")
    docs = [document(interviewer="Demo Interviewer", plan_id="interview-library")
            for _ in range(3)]
    for doc in docs:  # sessions of the plan recorded: flagged short, key points missed
        doc["plan"].update(version=plan.version, hash=plan.content_hash)
    load_documents(conn, docs)
    conn.close()
    return db


async def test_the_spare_room_goes_to_the_cut_columns(tmp_path: Path) -> None:
    app = ReviewApp(_dataset(tmp_path), "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        await pilot.pause()
        rows = [line for line in screen_lines(app) if "interview-library" in line
                and not line.startswith(("Interviewer", "Session"))]
        assert len(rows) == 3, screen_lines(app)
        row = rows[0]
        assert row.lstrip().startswith("Demo Interviewer "), row  # whole
        assert "key-points, sho" in row and row.rstrip().endswith("interview-library"), row
        assert cell_len(row) <= 80
        assert cut_widgets(app) == []


async def test_the_columns_fit_80_in_chinese(tmp_path: Path) -> None:
    i18n.set_language("zh")
    try:
        app = ReviewApp(_dataset(tmp_path), "sup-test")
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                             and app.screen.query_one("#sessions", DataTable).row_count == 3)
            await pilot.pause()
            rows = [line for line in screen_lines(app)
                    if line.lstrip().startswith("Demo Interviewer")]
            assert rows and all(cell_len(r) <= 80 and "interview-library" in r
                                for r in rows), screen_lines(app)
            assert cut_widgets(app) == []
    finally:
        i18n.set_language("en")
