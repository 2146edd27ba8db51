"""A hostile device controls its whole session document; the `events` view (schema 12) reads
every stored document each time an analyst queries it. One session must never make that
query fail for everyone, on SQLite or PostgreSQL: what the view's JSON functions cannot
read is refused at merge (a number that is not finite anywhere, a mono or duration past a
double), and a document that got in before (a dataset of schema 11 upgraded, NaN let in
then) gives no events instead of an error. PostgreSQL reads every string of a document as
text when it looks up `events`, and its text holds no NUL: a NUL anywhere in a document
(merged as before) is read as U+FFFD, not an error."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.bundle import payload_v1
from fieldtui.store.study import Study
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.session_rows import body_bytes
from tests.support.dataset_factory import Device, Store, document, load_documents
from tests.support.events_world import session_documents
from tests.support.merge_study import (
    merge_bundles,
    study,  # noqa: F401  (fixture)
)
from tests.support.vector_openers import VECTORS

AT = "2026-11-20T09:00:00.000+00:00"
NUMBER = "__number__"  # written in the payload as the bare number a case names


def _event(**fields: Any) -> dict[str, Any]:
    return {"n": 0, "at": AT, "type": "nav", **fields}


Change = Callable[[dict[str, Any]], None]
REFUSED: dict[str, tuple[Change, str | None]] = {
    # Python reads 1e400 as Infinity and stores it so: no JSON to SQLite or PostgreSQL
    "1e400 in a text field": (lambda d: d.update(reflections=NUMBER), "1e400"),
    "-1e400 in an event's extra field": (
        lambda d: d.update(events=[_event(volume=NUMBER)]), "-1e400"),
    # PostgreSQL's view casts a duration to a double
    "a duration past a double": (lambda d: d.update(events=[_event(duration=10**400)]), None),
    "a mono past a double": (lambda d: d.update(events=[
        _event(mono=-(10**309))]), None),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_number_the_view_cannot_read_is_refused_at_merge(
        case: str, study: tuple[Study, x25519.Identity], tmp_path: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    made, identity = study
    store = Store(tmp_path / "collector")
    dev = Device("Ana", study_id=made.study_id)
    store.enroll(dev)
    change, number = REFUSED[case]
    # text that reads like the words is no number: it merges
    good = dev.doc(events=[{"t": 1, "type": "nav", "note": "NaN, Infinity"}])
    good["reflections"] = "NaN or Infinity, -Infinity"
    store.put(dev.bundle([good], made.recipients))
    bad = dev.doc()
    change(bad)
    if number is not None:  # a device that writes its own JSON
        real = payload_v1.signed_part
        monkeypatch.setattr(payload_v1, "signed_part", lambda manifest, sessions: real(
            manifest, sessions).replace(f'"{NUMBER}"'.encode(), number.encode()))
    store.put(dev.bundle([bad], made.recipients))
    monkeypatch.undo()
    db = tmp_path / "d.sqlite"
    report = merge_bundles(made, identity, store, db)
    assert report.sessions_added == 1, report.refused
    [(_, reason)] = report.refused
    assert "\n" not in reason and reason.isprintable()
    conn = open_dataset(db)
    try:
        assert [tuple(r) for r in conn.execute("SELECT session_id, n FROM events")] == [
            (good["session_id"], 0)]
    finally:
        conn.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def dataset_spec(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return tmp_path / "d.sqlite"


def _docs() -> dict[str, dict[str, Any]]:
    """A plain session and sessions with a NUL somewhere other than an event's field (all
    merged as before), one with the text of an escape (a backslash, then u0000)."""
    docs = {name: document(session_id=f"{i + 100:032x}") for i, name in enumerate(
        ("plain", "nul answer-side", "nul in extra", "nul key in extra", "nul in an object",
         "escape text", "words"))}
    for doc in docs.values():
        doc["events"] = [_event(mono=1.0), _event(n=1, type="answer", item_id="q1")]
    docs["nul answer-side"]["reflections"] = "a\x00b"
    docs["nul answer-side"]["position"] = {"k\x00": "\x00\x00"}
    docs["nul in extra"]["events"][0]["said"] = {"deep": ["x\x00"]}
    docs["nul key in extra"]["events"][1]["said"] = {"a\x00": 1}
    docs["nul in an object"]["events"][0]["at"] = {"when": "\x00"}
    docs["escape text"]["events"][0]["note"] = {"t": "\\u0000 and \\\x00"}
    docs["words"]["reflections"] = 'NaN "Infinity" \\"NaN'
    return docs


def _put_raw(conn: Any, sid: str, doc: dict[str, Any]) -> None:
    """Store a document as a merge before schema 12 could (NaN in it), as its JSON."""
    conn.execute("BEGIN")
    conn.execute("UPDATE sessions SET document=? WHERE session_id=?",
                 (body_bytes(doc).decode(), sid))
    conn.execute("COMMIT")


def _nan_doc() -> dict[str, Any]:
    doc = document(session_id="f" * 32)
    doc["events"] = [_event(mono=1.0)]
    doc["reflections"] = float("nan")
    doc["position"] = {"x": float("-inf")}
    return doc


def test_one_session_never_breaks_the_events_view(dataset_spec: Any) -> None:
    docs = _docs()
    conn = open_dataset(dataset_spec, create=True)
    try:
        nan = _nan_doc()
        load_documents(conn, [*docs.values(), {**nan, "reflections": "", "position": {}}])
        _put_raw(conn, nan["session_id"], nan)
        # numbers n that are no whole numbers, kept by merges before schema 12 (the table
        # rounded them in PostgreSQL): the view gives them, as the table did
        floats = docs["plain"]
        _put_raw(conn, floats["session_id"], {**floats, "events": [
            _event(n=0.0), _event(n=1000.0, type="answer")]})
        rows = conn.execute("SELECT session_id, n, type, at, extra FROM events "
                            "ORDER BY session_id, n").fetchall()
    finally:
        conn.close()
    # every session's two events but the NaN one's (no JSON to SQL: no events)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (d["session_id"], 1000 if d is docs["plain"] and n else n, kind)
        for d in docs.values() for n, kind in ((0, "nav"), (1, "answer"))]
    by_sid = {(r[0], r[1]): r for r in rows}
    escape = json.loads(by_sid[(docs["escape text"]["session_id"], 0)][4])
    assert escape == {"note": {"t": "\\u0000 and \\\x00"}} or escape == {  # SQLite keeps
        "note": {"t": "\\u0000 and \\\ufffd"}}  # the NUL, PostgreSQL's text cannot: U+FFFD
    assert by_sid[(docs["words"]["session_id"], 0)][3] == AT


OLD_EVENTS = ("CREATE TABLE IF NOT EXISTS {prefix}events (sk INTEGER NOT NULL, session_id TEXT "
              "NOT NULL, n INTEGER NOT NULL, at TEXT, mono REAL, type TEXT NOT NULL, item_id "
              "TEXT, from_item TEXT, section_id TEXT, participant TEXT, duration REAL, extra "
              "TEXT, PRIMARY KEY (sk, n)) WITHOUT ROWID")
HOSTILE_ROWS = [(1, "a" * 32, 2**63 - 1, "\x1b[2J", 1e308, "=cmd()", "x\u202ey", None, "",
                 "P1", -1e308, '{"a": NaN}'),
                (1, "a" * 32, -(2**63), None, None, "", None, None, None, None, None, "{")]


def _counts(conn: Any) -> dict[str, int]:
    return {table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("sessions", "answers", "turns", "consent", "participants",
                          "replaced_sessions")}


def test_a_schema_11_sqlite_dataset_with_hostile_rows_upgrades(tmp_path: Path) -> None:
    vector = tmp_path / "v11.sqlite"
    shutil.copyfile(VECTORS / "dataset" / "v11-events.sqlite", vector)
    raw = sqlite3.connect(vector)
    try:
        raw.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", HOSTILE_ROWS)
        sk, sid = raw.execute("SELECT sk, session_id FROM sessions ORDER BY sk").fetchone()
        nan = {**_nan_doc(), "session_id": sid}
        raw.execute("UPDATE sessions SET document=? WHERE sk=?", (body_bytes(nan).decode(), sk))
        raw.commit()
        before = _counts(raw)
    finally:
        raw.close()
    conn = open_dataset(vector)
    try:
        assert conn.execute("SELECT type FROM sqlite_master WHERE name='events'"
                            ).fetchone() == ("view",)
        assert _counts(conn) == before
        sids = {r[0] for r in conn.execute("SELECT session_id FROM events")}
        assert sids and sid not in sids  # the NaN document gives no events, the rest do
        conn.execute("SELECT * FROM replaced_events").fetchall()
    finally:
        conn.close()


def test_a_schema_11_postgresql_dataset_with_hostile_rows_upgrades(pg_url: str) -> None:
    from fieldtui.supervise.pg_dataset import pg_ddl

    conn = open_dataset(pg_url, create=True)
    try:
        docs = [*session_documents(), *_docs().values()]
        load_documents(conn, docs)
        # back to schema 11: tables of events (the hostile rows in them), NaN in a document
        conn.execute("BEGIN")
        for prefix in ("", "replaced_"):
            conn.execute(f"DROP VIEW {prefix}events")
            conn.execute(pg_ddl(OLD_EVENTS.format(prefix=prefix)))
        conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                         [(r[0], r[1], r[2], r[3].replace("\x00", "") if r[3] else r[3],
                           *r[4:]) for r in HOSTILE_ROWS])
        conn.execute("UPDATE meta SET value='11' WHERE key='schema_version'")
        conn.execute("COMMIT")
        _put_raw(conn, docs[0]["session_id"], {**_nan_doc(), "session_id": docs[0][
            "session_id"]})
        before = _counts(conn)
    finally:
        conn.close()
    conn = open_dataset(pg_url)  # upgrades it
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                            ).fetchone()[0] == "13"
        assert _counts(conn) == before
        sids = {r[0] for r in conn.execute("SELECT session_id FROM events")}
        assert sids == {d["session_id"] for d in docs[1:] if d["events"]}
        conn.execute("SELECT * FROM replaced_events").fetchall()
    finally:
        conn.close()


def test_a_schema_11_postgresql_dataset_with_views_over_its_events_table_says_so(
        pg_url: str) -> None:
    """An analyst's view over the events table of schema 11: PostgreSQL cannot drop the table
    under it, and the open failed with "cannot drop table events because other objects
    depend on it" on every command. It is refused, the views named and what to do said,
    and the dataset is left as it was; once they are dropped it upgrades."""
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.supervise.pg_dataset import pg_ddl

    conn = open_dataset(pg_url, create=True)
    try:
        load_documents(conn, session_documents())
        conn.execute("BEGIN")
        for prefix in ("", "replaced_"):
            conn.execute(f"DROP VIEW {prefix}events")
            conn.execute(pg_ddl(OLD_EVENTS.format(prefix=prefix)))
        conn.execute("CREATE VIEW my_nav AS SELECT sk, n FROM events WHERE type = 'nav'")
        conn.execute("UPDATE meta SET value='11' WHERE key='schema_version'")
        conn.execute("COMMIT")
    finally:
        conn.close()
    with pytest.raises(FieldtuiError) as refused:
        open_dataset(pg_url)
    assert "my_nav" in str(refused.value) and "events" in str(refused.value)
    assert "drop those views" in refused.value.todo
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("SET search_path TO fieldtui_dataset")
        assert raw.execute("SELECT value FROM meta WHERE key='schema_version'"
                           ).fetchone() == ("11",)
        raw.execute("DROP VIEW my_nav")
    conn = open_dataset(pg_url)
    try:
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0
    finally:
        conn.close()
