"""Turn one session document into dataset rows, and put them in or take them out."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from fieldtui.core.canonical import canonical_json, sha256_hex
from fieldtui.core.concern import check_row
from fieldtui.supervise.cell_key import new_record_key

# Fields that change as a session travels (sealed, receipted) without changing what was said.
_TRANSIT_FIELDS = ("status",)
# One encoder, built once: json.dumps with options builds a new one on every call.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def body_bytes(document: dict[str, Any]) -> bytes:
    """Canonical JSON of what a session says (everything but its transit status)."""
    return canonical_json({k: v for k, v in document.items() if k not in _TRANSIT_FIELDS})


def content_hash(document: dict[str, Any]) -> str:
    """Hash of what a session says: two revisions differ exactly when their hashes do."""
    return sha256_hex(body_bytes(document))


def stored_document(text: str, status: str) -> dict[str, Any]:
    """A session document as stored (its body) with its status put back."""
    doc: dict[str, Any] = json.loads(text)
    doc["status"] = status
    return doc


def session_duration(document: dict[str, Any]) -> float | None:
    """Seconds from the first to the last event (monotonic), else created → completed."""
    monos = [e["mono"] for e in document.get("events", [])
             if isinstance(e.get("mono"), int | float)]
    if len(monos) >= 2:
        return float(max(monos) - min(monos))
    start, end = document.get("created"), document.get("completed")
    if start and end:
        try:
            return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
        except ValueError:
            return None
    return None


def insert_session(conn: sqlite3.Connection, document: dict[str, Any], bundle_sha: str,
                   body: bytes, record_key: int | None = None) -> None:
    """Insert a session and all its child rows (the caller holds the transaction).

    `body` is `body_bytes(document)`, computed once by the caller for the content hash.
    A new session gets a fresh random record key; a revision keeps the one it replaces.
    """
    sid = document["session_id"]
    plan = document.get("plan") or {}
    cursor = conn.execute(
        "INSERT INTO sessions VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (sid, document.get("study_id", ""), document.get("device_id", ""),
         document.get("interviewer", ""), plan.get("id", ""), int(plan.get("version", 0)),
         plan.get("hash", ""), document.get("method", ""), document.get("status", ""),
         document.get("respondent"), document.get("created", ""),
         document.get("updated", ""), document.get("completed"),
         session_duration(document), sha256_hex(body), bundle_sha, body.decode(),
         new_record_key() if record_key is None else record_key))
    sk = cursor.lastrowid
    answers = document.get("answers") or {}
    conn.executemany(
        "INSERT INTO answers VALUES (?,?,?,?,?,?,?,?)",
        [(sk, sid, item_id, _value_json(a.get("value")), a.get("at"),
          int(bool(a.get("skipped"))), a.get("skip_reason") or "",
          int(bool(a.get("key_covered")))) for item_id, a in answers.items()])
    conn.executemany(
        "INSERT INTO participants VALUES (?,?,?,?,?,?)",
        [(sk, sid, p.get("id", ""), p.get("label", ""),
          _encode(p.get("attributes") or {}),
          int(bool(p.get("informed")))) for p in document.get("participants") or []])
    events = document.get("events") or []
    conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                     [(sk, *_event_row(sid, i, e)) for i, e in enumerate(events)])
    conn.executemany(
        "INSERT INTO turns VALUES (?,?,?,?,?,?,?)",
        [(sk, sid, e.get("n", i), e.get("at"), e.get("participant") or "", e.get("section_id"),
          float(e.get("duration") or 0.0))
         for i, e in enumerate(events) if e.get("type") == "turn"])
    conn.executemany(
        "INSERT INTO consent VALUES (?,?,?,?,?,?,?)",
        [(sk, sid, i, c.get("participant"), int(bool(c.get("given"))), c.get("at"),
          c.get("text_hash")) for i, c in enumerate(document.get("consent") or [])])
    insert_concerns(conn, sk, sid, str(document.get("method", "")), document)


def insert_concerns(conn: sqlite3.Connection, sk: Any, sid: str, method: str,
                    document: dict[str, Any]) -> None:
    """The concerns a session raised, as rows; a malformed one (hostile) is left out, and a
    poll's never keeps a participant (bundle_rules refuses one that has)."""
    raw = document.get("concerns")
    rows = []
    for idx, entry in enumerate(raw if isinstance(raw, list) else []):
        row = check_row(entry, method)
        if row is not None:
            rows.append((sk, sid, idx, None if method == "poll" else row["participant"],
                         row["description"], row["category"], row["urgency"],
                         int(row["settled"]), int(row["promise"]), row["due"], row["at"]))
    conn.executemany("INSERT INTO concerns VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)


_EVENT_COLUMNS = ("n", "at", "mono", "type", "item_id", "from", "section_id", "participant",
                  "duration")


def _event_row(sid: str, i: int, e: dict[str, Any]) -> tuple[Any, ...]:
    """An event as a row: the common fields in columns, anything else as JSON in `extra`."""
    extra = {k: v for k, v in e.items() if k not in _EVENT_COLUMNS}
    duration = e.get("duration")
    return (sid, e.get("n", i), e.get("at"), e.get("mono"), e.get("type", ""),
            e.get("item_id"), e.get("from"), e.get("section_id"), e.get("participant"),
            float(duration) if isinstance(duration, int | float) else None,
            _encode(extra) if extra else None)


def _value_json(value: Any) -> str:
    # Most poll answers are small integers: skip the encoder for them.
    if type(value) is int:
        return str(value)
    return _encode(value)


def delete_session(conn: sqlite3.Connection, session_id: str) -> None:
    """Remove a session and its child rows (used only when a supervisor picks a revision)."""
    row = conn.execute("SELECT sk FROM sessions WHERE session_id=?", (session_id,)).fetchone()
    if row is None:
        return
    for table in ("answers", "participants", "turns", "events", "consent", "concerns",
                  "sessions"):
        conn.execute(f"DELETE FROM {table} WHERE sk=?", (row[0],))
