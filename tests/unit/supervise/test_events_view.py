"""`events` and `replaced_events` are views over the stored documents (schema 12): they give
the rows the tables of schema 11 held, on SQLite and PostgreSQL, and a dataset written
before them opens with the same events it had."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fieldtui.supervise import replaced
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import load_documents
from tests.support.events_world import REPLACED, session_documents
from tests.support.vector_openers import VECTORS

COLUMNS = ("sk, session_id, n, at, mono, type, item_id, from_item, section_id, participant, "
           "duration, extra")
FIELDS = {"n", "at", "mono", "type", "item_id", "from", "section_id", "participant",
          "duration"}
def _expected(sk: int, sid: str, i: int, e: dict[str, Any]) -> tuple[Any, ...]:
    """What the schema 11 table held for an event (session_rows._event_row then), with
    `mono` a number only (the table kept a device's text there as it was) and `extra`
    parsed (PostgreSQL spaces its JSON its own way)."""
    extra = {k: v for k, v in e.items() if k not in FIELDS}
    return (sk, sid, e.get("n", i), e.get("at"), _number(e.get("mono")), e.get("type", ""),
            e.get("item_id"), e.get("from"), e.get("section_id"), e.get("participant"),
            _number(e.get("duration")), extra or None)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _rows(conn: Any, table: str) -> list[tuple[Any, ...]]:
    """The rows of `table` (or view), `mono` and `duration` as numbers or None (a schema 11
    table kept a device's text as it was) and `extra` parsed."""
    rows = conn.execute(f"SELECT {COLUMNS} FROM {table} ORDER BY sk, n").fetchall()
    return [(*r[:4], _number(r[4]), *r[5:10], _number(r[10]),
             None if r[11] is None else json.loads(r[11])) for r in rows]


@pytest.fixture(params=["sqlite", "postgresql"])
def dataset(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    spec = (request.getfixturevalue("pg_url") if request.param == "postgresql"
            else tmp_path / "d.sqlite")
    conn = open_dataset(spec, create=True)
    yield conn
    conn.close()


def test_the_views_give_the_rows_the_tables_held(dataset: Any) -> None:
    docs = session_documents()
    load_documents(dataset, docs)
    sks = {sid: sk for sk, sid in dataset.execute("SELECT sk, session_id FROM sessions")}
    expected = sorted((_expected(sks[d["session_id"]], d["session_id"], i, e)
                       for d in docs for i, e in enumerate(d["events"])),
                      key=lambda r: (r[0], r[2]))
    assert _rows(dataset, "events") == expected
    assert _rows(dataset, "replaced_events") == []
    # the turns table is still made from the turn events
    assert [tuple(r) for r in dataset.execute(
        "SELECT participant, duration FROM turns ORDER BY n")] == [("P1", 12.5), ("P2", 5.0)]
    # a session moved aside (a revision replaced it) takes its events with it
    dataset.execute("BEGIN IMMEDIATE")
    replaced.move_session(dataset, docs[0]["session_id"])
    dataset.execute("COMMIT")
    assert _rows(dataset, "replaced_events") == [r for r in expected if r[1] == docs[0][
        "session_id"]]
    assert _rows(dataset, "events") == [r for r in expected if r[1] != docs[0]["session_id"]]


@pytest.mark.parametrize("name", ["v9-poll-durations", "v11-events"])
def test_a_dataset_written_with_event_tables_opens_with_the_same_events(
        name: str, tmp_path: Path) -> None:
    vector = tmp_path / f"{name}.sqlite"
    shutil.copyfile(VECTORS / "dataset" / f"{name}.sqlite", vector)
    raw = sqlite3.connect(f"file:{vector}?mode=ro", uri=True)
    try:
        assert raw.execute("SELECT type FROM sqlite_master WHERE name='events'"
                           ).fetchone() == ("table",)
        written = {table: _rows(raw, table) for table in ("events", "replaced_events")}
        sks = dict(raw.execute("SELECT session_id, sk FROM sessions UNION ALL "
                               "SELECT session_id, sk FROM replaced_sessions"))
    finally:
        raw.close()
    assert written["events"] and written["replaced_events"]
    if name == "v11-events":  # every kind of field, as the documents say them
        docs = session_documents()
        assert sorted(written["events"] + written["replaced_events"]) == sorted(
            _expected(sks[d["session_id"]], d["session_id"], i, e)
            for d in docs for i, e in enumerate(d["events"]))
    conn = open_dataset(vector)  # upgrades it
    try:
        assert conn.execute("SELECT type FROM sqlite_master WHERE name='events'"
                            ).fetchone() == ("view",)
        assert {table: _rows(conn, table) for table in written} == written
    finally:
        conn.close()


# The events table as schemas 1 to 11 made it (dataset_schema.py before schema 12).
OLD_EVENTS_TABLE = (
    "CREATE TABLE {name} (sk INTEGER NOT NULL, session_id TEXT NOT NULL, n INTEGER NOT NULL, "
    "at TEXT, mono REAL, type TEXT NOT NULL, item_id TEXT, from_item TEXT, section_id TEXT, "
    "participant TEXT, duration REAL, extra TEXT, PRIMARY KEY (sk, n))")


def test_a_postgres_dataset_of_schema_11_gets_the_views_with_the_same_events(
        pg_url: str) -> None:
    from fieldtui.supervise.pg_dataset import pg_ddl

    conn = open_dataset(pg_url, create=True)
    docs = session_documents()
    try:
        load_documents(conn, docs)
        conn.execute("BEGIN IMMEDIATE")
        replaced.move_session(conn, docs[REPLACED]["session_id"])
        conn.execute("COMMIT")
        expected = {table: _rows(conn, table) for table in ("events", "replaced_events")}
        # back to schema 11: tables holding the events, as its merges wrote them
        conn.execute("BEGIN IMMEDIATE")
        for name in ("events", "replaced_events"):
            conn.execute(f"DROP VIEW {name}")
            conn.execute(pg_ddl(OLD_EVENTS_TABLE.format(name=name)))
            for row in expected[name]:
                conn.execute(f"INSERT INTO {name} VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                             (*row[:11], None if row[11] is None else json.dumps(row[11])))
        conn.execute("UPDATE meta SET value='11' WHERE key='schema_version'")
        conn.execute("COMMIT")
    finally:
        conn.close()
    assert all(expected.values())
    conn = open_dataset(pg_url)  # upgrades it
    try:
        kinds = dict(conn.execute(
            "SELECT table_name, table_type FROM information_schema.tables WHERE "
            "table_schema = current_schema() AND table_name IN ('events', 'replaced_events')"))
        assert kinds == {"events": "VIEW", "replaced_events": "VIEW"}
        assert {table: _rows(conn, table) for table in expected} == expected
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                            ).fetchone()[0] == "13"
    finally:
        conn.close()
