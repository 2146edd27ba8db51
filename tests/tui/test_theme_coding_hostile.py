"""Theme coding against a hostile bundle: a device decides what its session document holds,
and the merge takes it as it is. Two quote events with no `n` (the merge numbers them by
position) must still be two texts the screen lists, not one id twice that crashes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from fieldtui.cli import main
from fieldtui.store.study import create_study
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.themes import units
from fieldtui.tui.review_app import ReviewApp
from tests.support.dataset_factory import Device, Store
from tests.support.paths import FIXTURES
from tests.support.themes_open import themes_opened

PASS = b"correct horse battery staple"


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")


def _merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notes: int = 0
            ) -> tuple[Path, str]:
    secret = tmp_path / "pass"
    secret.write_bytes(PASS + b"\n")
    secret.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(secret))
    study = create_study(tmp_path / "study", name="Bins", passphrase=PASS,
                         plans=[FIXTURES / "minimal_interview.toml"])
    store = Store(tmp_path / "collector")
    store.serve(tmp_path / "study")  # the study's collector: merge trusts its cards
    dev = Device("Ana", study_id=study.study_id)
    store.enroll(dev)
    doc = dev.doc(answers={"travel": "on foot", "visits": "None"})
    # a device's own events, with no `n`: the merge stores them as 0 and 1
    doc["events"] = [{"type": "quote", "text": "first quote", "at": doc["created"],
                      "mono": 1.0, "participant": None, "may_quote": True},
                     {"type": "quote", "text": "second quote", "at": doc["created"],
                      "mono": 2.0, "participant": None, "may_quote": True}]
    doc["notes"] = [{"text": "n", "at": "", "item_id": None} for _ in range(notes)]
    store.put(dev.bundle([doc], study.recipients))
    path = tmp_path / "data.sqlite"
    main(["merge", "--from", str(store.root), "--into", str(path), "--study",
          str(tmp_path / "study")])
    conn = open_dataset(path)
    try:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    finally:
        conn.close()
    return path, str(doc["session_id"])


def test_quotes_without_n_are_two_texts(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path, _sid = _merged(tmp_path, monkeypatch)
    conn = open_dataset(path)
    try:
        found = [u.unit for u in units(conn) if u.kind == "quote"]
    finally:
        conn.close()
    assert len(found) == 2 and len(set(found)) == 2, found


async def test_theme_coding_lists_both_quotes(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path, _sid = _merged(tmp_path, monkeypatch)
    app = ReviewApp(path, "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await themes_opened(app, pilot, 3)
        await pilot.pause()
        table = app.screen.query_one("#themes-units", DataTable)
        # the open answer and the two quotes ("visits", a choice, is no text to code)
        assert table.row_count == 3


def test_a_session_of_more_texts_than_sql_parameters_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A device decides how many notes a session holds: more than one statement takes `?`
    (SQLite's limit, 32,766 by default, is lowered to 200 on the connection that reads them,
    so 201 notes are enough; PostgreSQL's is 65,535), and the screen still reads them, with
    their codes."""
    import sqlite3

    from fieldtui.supervise.theme_coding import session_codes
    from fieldtui.supervise.themes import code_unit, set_code

    limit = 200
    many = limit + 1
    path, sid = _merged(tmp_path, monkeypatch, notes=many)
    conn = open_dataset(path)
    assert isinstance(conn, sqlite3.Connection)
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
    try:
        conn.execute("BEGIN")
        set_code(conn, "water", "Access to water")
        code_unit(conn, f"note:{sid}:{many - 1}", "alice", ["water"])
        conn.execute("COMMIT")
        found = session_codes(conn, sid)
        assert len(found) == many + 3
        assert found[-3].unit.unit == f"note:{sid}:{many - 1}"
        assert found[-3].by_coder == {"alice": ("water",)}
        assert all(not f.by_coder for f in found[:-3])
    finally:
        conn.close()
