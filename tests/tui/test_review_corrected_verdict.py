"""A corrected session in the review screen says how to approve or reject it.

The detail read "corrected: approve or reject it", but the screen has no key that does
either and neither the footer nor F1 names the command: a supervisor new to the tool was
left with a request and no way to act on it. The detail now names the commands, with this
dataset and the session's id, ready to paste."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.returns import return_session
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready
from tests.support.review_world import review_dataset


def _detail(app: ReviewApp) -> str:
    return str(app.screen.query_one("#detail", Static).render())


def _with_return(tmp_path: Path, status: str) -> tuple[Path, str]:
    db, short_id = review_dataset(tmp_path)
    conn = open_dataset(db)
    conn.execute("BEGIN IMMEDIATE")
    return_session(conn, short_id, "ask about travel again", {}, "Sam")
    conn.execute("UPDATE returns SET status=?", (status,))
    conn.execute("COMMIT")
    conn.close()
    return db, short_id


async def _detail_of(db: Path, short_id: str, monkeypatch: pytest.MonkeyPatch,
                     read_only: bool = False) -> str:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReviewApp(db, "sup-test", read_only=read_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        await pilot.press("down", "down")
        await wait_ready(pilot, lambda: short_id in _detail(app) and "↩" in _detail(app))
        return " ".join(_detail(app).split())


async def test_a_corrected_session_names_the_approve_and_reject_commands(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, short_id = _with_return(tmp_path, "corrected")
    detail = await _detail_of(db, short_id, monkeypatch)
    assert "corrected: approve or reject it" in detail, detail
    assert f"fieldtui review {db} --approve {short_id[:8]}" in detail, detail
    assert "(or --reject)" in detail, detail


async def test_a_session_still_waiting_for_its_correction_names_no_verdict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, short_id = _with_return(tmp_path, "returned")
    detail = await _detail_of(db, short_id, monkeypatch)
    assert "waiting for the correction" in detail and "--approve" not in detail, detail


async def test_a_read_only_dataset_offers_no_verdict_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where this user cannot write the dataset, the detail still named `review --approve`,
    which fails there: it now says a verdict needs write access."""
    db, short_id = _with_return(tmp_path, "corrected")
    detail = await _detail_of(db, short_id, monkeypatch, read_only=True)
    assert "corrected: approve or reject it" in detail, detail
    assert "--approve" not in detail and "--reject" not in detail, detail
    assert "a verdict needs write access: this dataset is read-only here" in detail, detail
