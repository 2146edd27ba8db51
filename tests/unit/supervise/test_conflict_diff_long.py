"""A conflict's difference shows a long answer cut, saying how long it is; the values
compared (and kept) stay whole.

A device's text answer can be megabytes; its repr made one line as long in the review's
conflict view."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.canonical import canonical_json
from fieldtui.supervise.conflicts import list_conflicts, resolve_conflict
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.review_data import conflict_diff
from fieldtui.supervise.session_rows import content_hash
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES

LONG = "walk\x1b" * 50_000  # 250000 characters, an escape in each five


def _conflict(tmp_path: Path, kept_value: str, new_value: str) -> Path:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    kept = document(answers={"travel": kept_value})
    load_documents(conn, [kept])
    incoming = dict(kept, answers=dict(kept["answers"],
                                       travel=dict(kept["answers"]["travel"], value=new_value)))
    conn.execute("INSERT INTO conflicts (session_id, kept_hash, incoming_hash, incoming_bundle,"
                 " incoming_document, detected_at) VALUES (?,?,?,?,?,?)",
                 (kept["session_id"], content_hash(kept), content_hash(incoming), "c" * 64,
                  canonical_json(incoming).decode(), "2026-12-04T10:00:00"))
    conn.close()
    return db


def test_a_long_answer_is_cut_in_the_diff_and_kept_whole(tmp_path: Path) -> None:
    db = _conflict(tmp_path, "bus", LONG)
    conn = open_dataset(db)
    try:
        [conflict] = list_conflicts(conn)
        lines = conflict_diff(conn, conflict)
        line = lines[1]
        assert len(line) < 1000, len(line)
        assert line.startswith("  travel: kept 'bus' · incoming 'walk\\x1bwalk")
        assert line.endswith("… (250000 characters)")
        assert "\x1b" not in line
        assert lines[2:] == ["    (they first differ at character 1)"]
        resolve_conflict(conn, conflict.id, "incoming", "the later copy", "Sam")
        [value] = conn.execute("SELECT value FROM answers WHERE item_id='travel'").fetchone()
        assert value == canonical_json(LONG).decode()
    finally:
        conn.close()


def test_long_answers_differing_only_at_the_end_still_show(tmp_path: Path) -> None:
    db = _conflict(tmp_path, LONG + "a", LONG + "b")
    conn = open_dataset(db)
    try:
        [conflict] = list_conflicts(conn)
        lines = conflict_diff(conn, conflict)
        assert lines[1].count("… (250001 characters)") == 2
        assert lines[2:] == ["    (they first differ at character 250001)"]
    finally:
        conn.close()


def test_a_short_answer_is_shown_whole(tmp_path: Path) -> None:
    db = _conflict(tmp_path, "bus", "on foot")
    conn = open_dataset(db)
    try:
        [conflict] = list_conflicts(conn)
        assert conflict_diff(conn, conflict)[1:] == ["  travel: kept 'bus' · incoming 'on foot'"]
    finally:
        conn.close()
