"""Poll sessions as the poll screen records them, for dataset schema 10.

A poll records a `selection` and a `consent` event as it starts (15 ms apart) and nothing
per item, for its respondent's anonymity. Schema 9 took a session's length from its
events' span, so every poll lasted 0.015 s in `duration_s`; schema 10 takes a poll's
from `created` to `completed`. Sessions: three polls of 95 s, 40 s and 300 s (the last one
replaced by a revision) and an interview whose events span 600 s.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tests.support.dataset_factory import T0, document, load_documents

POLLS = {"1" * 32: 95.0, "2" * 32: 40.0, "3" * 32: 300.0}
INTERVIEW = "4" * 32
REPLACED = "3" * 32
STARTS = [{"t": 0.0, "type": "selection"}, {"t": 0.015, "type": "consent"}]


def _after(seconds: float) -> str:
    start = datetime.fromisoformat(T0)
    return (start + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


def poll_duration_docs() -> list[dict[str, Any]]:
    """The three polls and the interview (the module docstring)."""
    docs = []
    for sid, span in POLLS.items():
        doc = document(session_id=sid, plan_id="poll-bins", method="poll",
                       answers={"home_type": "Flat"}, events=STARTS)
        doc["updated"] = doc["completed"] = _after(span)
        docs.append(doc)
    docs.append(document(session_id=INTERVIEW, answers={"q1": "yes"},
                         events=[{"t": 0.0, "type": "nav", "item_id": "q1"},
                                 {"t": 600.0, "type": "answer", "item_id": "q1"}]))
    return docs


def write_poll_duration_vector(where: Path) -> Path:
    """`dataset/v9-poll-durations.sqlite`: the sessions as the fieldtui running this merges
    them (`make_vectors.py --add-poll-durations`, run on the code of schema 9: 6cdb697)."""
    from fieldtui.supervise import replaced
    from fieldtui.supervise.dataset import open_dataset

    where.mkdir(parents=True, exist_ok=True)
    path = where / "v9-poll-durations.sqlite"
    conn = open_dataset(path, create=True)
    load_documents(conn, poll_duration_docs())
    conn.execute("BEGIN IMMEDIATE")
    replaced.move_session(conn, REPLACED)
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()
    return path
