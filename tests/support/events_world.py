"""Sessions with every kind of event field, for the `events` view (schema 12) and the
schema 11 dataset vector written before it (tests/vectors/dataset/v11-events.sqlite)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.dataset_factory import document, load_documents

AT = "2026-11-20T09:00:00.000+00:00"
# Per session: its events. Numbers with and without `n`, extra fields (text with quotes,
# backslashes and Chinese, a list, an object), a turn, a mono and a duration that are text.
EVENTS: list[list[dict[str, Any]]] = [
    [{"n": 0, "at": AT, "mono": 100.0, "type": "nav", "item_id": "q1", "from": None},
     {"n": 1, "at": AT, "mono": 101, "type": "answer", "item_id": "问题 1",
      "note": "引号\" and \\ backslash", "value": [1, {"a": None}]},
     {"at": AT, "type": "turn", "participant": "P1", "section_id": "s1", "duration": 12.5},
     {"n": 7, "at": AT, "mono": "not a number", "type": "turn", "participant": "P2",
      "duration": "5"}],
    [],
    [{"n": 3, "type": "pause"}],
    [{"n": 0, "at": AT, "mono": 5.25, "type": "nav", "item_id": "q2", "from": "q1",
      "section_id": "s2", "reason": "jump"}],
]
REPLACED = 3  # the session moved to replaced_* (as a revision's original is)


def session_documents() -> list[dict[str, Any]]:
    """The documents, each with its events, ids fixed."""
    docs = [document(session_id=f"{k:032x}") for k in range(len(EVENTS))]
    for doc, events in zip(docs, EVENTS, strict=True):
        doc["events"] = events
    return docs


def write_events_vector(out: Path) -> None:
    """dataset/v11-events.sqlite, written by the fieldtui of schema 11 (tables of events)."""
    from fieldtui.supervise import replaced
    from fieldtui.supervise.dataset import open_dataset

    out.mkdir(parents=True, exist_ok=True)
    target = out / "v11-events.sqlite"
    target.unlink(missing_ok=True)
    conn = open_dataset(target, create=True)
    try:
        docs = session_documents()
        load_documents(conn, docs)
        conn.execute("BEGIN IMMEDIATE")
        replaced.move_session(conn, docs[REPLACED]["session_id"])
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
    finally:
        conn.close()
