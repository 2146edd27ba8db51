"""Dataset schema 9: a dataset merged before a `note` whose condition was false got its "not
asked" row (schema 8) gets those rows when opened, exactly the rows a fresh merge of the
same sessions holds, so its exports say not asked (.e, -995, `not-asked`), not "not
reached" (tests/support/note_world.py has the sessions)."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise import dataset_upgrade, note_rows
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
from tests.support.note_world import NOTES, SIDS, answer_tables, fill
from tests.support.read_only_folder import Fill
from tests.support.read_only_folder import read_only_folder as read_only_folder

A, B, C, D, E, F = SIDS


def _datasets(tmp_path: Path) -> tuple[Path, Path]:
    """(a schema-8 dataset, a dataset merged now) of the same sessions."""
    old, new = tmp_path / "old" / "data.sqlite", tmp_path / "new" / "data.sqlite"
    for path, schema_8 in ((old, True), (new, False)):
        path.parent.mkdir()
        conn = open_dataset(path, create=True)
        fill(conn, path.parent, schema_8=schema_8)
        conn.close()
    return old, new


def _plain(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The answer tables read with plain sqlite3 (no upgrade)."""
    conn = sqlite3.connect(path)
    try:
        return answer_tables(conn)
    finally:
        conn.close()


def _note_rows(tables: dict[str, list[tuple[Any, ...]]]) -> set[tuple[Any, ...]]:
    return {(r[0][:1], r[1], r[2], r[3], r[8]) for rows in tables.values() for r in rows
            if r[1] in NOTES}


def test_opening_a_schema_8_dataset_adds_the_note_rows_a_merge_now_makes(
        tmp_path: Path) -> None:
    old, new = _datasets(tmp_path)
    before, fresh = _plain(old), _plain(new)
    missing = _note_rows(fresh) - _note_rows(before)
    assert missing == {  # what schema 8 left out: notes whose condition was false
        ("a", "school_note", "m1", "null", 0), ("b", "room", "", "null", 0),
        ("b", "home_note", "", "null", 0), ("b", "school_note", "m1", "null", 0),
        ("d", "home_note", "", "null", 0), ("e", "room", "", "null", 0),
        ("e", "home_note", "", "null", 0), ("e", "school_note", "m1", "null", 0)}
    assert ("d", "room", "", "null", 0) in _note_rows(before)  # kept aside: a row already
    conn = open_dataset(old)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                            ).fetchone()[0] == str(SCHEMA_VERSION) == "13"
        assert answer_tables(conn) == fresh  # answers and replaced_answers, row for row
    finally:
        conn.close()


def _long_and_wide(db: Path, out: Path) -> tuple[dict[tuple[str, str, str], str], Any]:
    """(session, note, member) -> missing reason of the CSV answers table, and the
    plan's Stata file read back."""
    pyreadstat = pytest.importorskip("pyreadstat")
    conn = open_dataset(db)
    try:
        files = {p.name: p for fmt in ("csv", "dta") for p in export_files(
            conn, Target(out / fmt, fmt, [], True, False, "tester"))}
    finally:
        conn.close()
    rows = csv.DictReader(io.StringIO(files["answers.csv"].read_text("utf-8")))
    reasons = {(r["session_id"][:1], r["item_id"], r["member"]): r["missing"]
               for r in rows if r["item_id"] in NOTES}
    [dta] = [p for name, p in files.items() if name.startswith("note_upgrade")
             and name.endswith(".dta") and "people" not in name]
    frame, _meta = pyreadstat.read_dta(str(dta), user_missing=True)
    return reasons, frame


def test_the_upgraded_dataset_exports_the_notes_as_not_asked_like_a_fresh_merge(
        tmp_path: Path) -> None:
    old, new = _datasets(tmp_path)
    for folder in ("o", "n"):
        (tmp_path / folder / "csv").mkdir(parents=True)
        (tmp_path / folder / "dta").mkdir()
    got, got_wide = _long_and_wide(old, tmp_path / "o")
    want, want_wide = _long_and_wide(new, tmp_path / "n")
    assert got == want
    assert got[("b", "room", "")] == got[("b", "home_note", "")] == "not-asked"
    assert got[("b", "school_note", "m1")] == got[("a", "school_note", "m1")] == "not-asked"
    assert ("c", "room", "") not in got  # session C ended before it: not reached
    assert list(got_wide["session_id"]) == list(want_wide["session_id"])
    for note in ("room", "home_note"):
        assert list(got_wide[f"{note}_m"]) == list(want_wide[f"{note}_m"]), note
    by_session = dict(zip((s[:1] for s in got_wide["session_id"]), got_wide["room_m"],
                          strict=True))
    assert (by_session["b"], by_session["c"], by_session["d"]) == ("e", "d", "e")


def test_opening_it_again_changes_nothing_and_no_row_is_overwritten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, _new = _datasets(tmp_path)
    conn = sqlite3.connect(old)
    # a row the upgrade would add, already there with another value: it stays as it is
    conn.execute("INSERT INTO answers (sk, session_id, item_id, member, value, at, skipped, "
                 "skip_reason, key_covered, asked) SELECT sk, session_id, 'room', '', "
                 "'\"typed\"', NULL, 0, 'kept', 0, 1 FROM sessions WHERE session_id=?", (B,))
    conn.commit()
    conn.close()
    monkeypatch.setattr(dataset_upgrade, "UPGRADE_BATCH", 2)  # several batches
    read: list[str] = []
    real = note_rows.session_data
    monkeypatch.setattr(note_rows, "session_data",
                        lambda doc, shape: read.append(doc["session_id"]) or real(doc, shape))
    open_dataset(old).close()
    # Each session of the plan with notes once (E's from replaced_sessions); F's plan has
    # no note: its document is never read.
    assert sorted(read) == [A, B, C, D, E]
    once = _plain(old)
    assert ("b", "room", "", '"typed"', 1) in _note_rows(once)
    read.clear()
    open_dataset(old).close()
    assert read == [] and _plain(old) == once


def test_a_schema_8_dataset_without_conditional_notes_is_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.dataset_factory import document, load_documents, record_plans
    from tests.support.note_world import PLAIN

    path = tmp_path / "plain.sqlite"
    conn = open_dataset(path, create=True)
    record_plans(conn, PLAIN)
    load_documents(conn, [document(answers={"travel": "bus"}) for _ in range(3)])
    conn.execute("UPDATE meta SET value='8' WHERE key='schema_version'")
    conn.close()
    before = _plain(path)
    monkeypatch.setattr(note_rows, "session_data", None)  # would fail if called
    conn = open_dataset(path)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                        ).fetchone()[0] == str(SCHEMA_VERSION)
    conn.close()
    assert _plain(path) == before


def test_a_schema_8_dataset_in_a_read_only_folder_is_refused_in_one_line_unchanged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        read_only_folder: Callable[[Fill], Path]) -> None:
    """As for every older schema (dataset_readonly.needs_upgrade): read as it is, its
    notes would say "not reached"; the owner's open upgrades it."""
    from fieldtui.cli import main

    old, _new = _datasets(tmp_path)

    def copy(folder: Path) -> None:
        (folder / old.name).write_bytes(old.read_bytes())
    share = read_only_folder(copy)
    before = (share / old.name).read_bytes()
    with pytest.raises(SystemExit) as ended:
        main(["report", str(share / old.name)])
    assert ended.value.code != 0
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "was written by an older fieldtui (schema 8)" in err
    assert (share / old.name).read_bytes() == before


def test_a_schema_8_postgres_dataset_gets_the_rows_of_a_fresh_merge(
        tmp_path: Path, pg_url: str) -> None:
    _old, new = _datasets(tmp_path)
    conn = open_dataset(pg_url, create=True)
    try:
        fill(conn, tmp_path, schema_8=True)
        assert _note_rows(answer_tables(conn)) != _note_rows(_plain(new))
    finally:
        conn.close()
    for _ in range(2):  # the second open finds schema 9: nothing to do
        conn = open_dataset(pg_url)
        try:
            assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                                ).fetchone()[0] == str(SCHEMA_VERSION)
            assert answer_tables(conn) == _plain(new)
        finally:
            conn.close()
