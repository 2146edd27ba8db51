"""The texts a supervisor codes into themes ("units"): open answers, notes and meeting
quotes of the stored sessions, named `answer:<session id>:<item id>`, `note:<session
id>:<number>`, `quote:<session id>:<event n>` (supervise/themes.py codes them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fieldtui.supervise.dataset_conn import Dataset


@dataclass(frozen=True)
class Unit:
    """One text to code."""

    unit: str
    session_id: str
    plan_id: str
    kind: str  # answer | note | quote
    text: str
    participant: str | None = None
    may_quote: bool = False


def units(conn: Dataset, plan_id: str | None = None,
          session_id: str | None = None) -> Iterator[Unit]:
    """Every text to code, session by session (refused sessions left out); only one
    plan's or one session's when given."""
    sql = "SELECT session_id, plan_id, method, document FROM sessions WHERE status != 'refused'"
    args: tuple[str, ...] = ()
    if plan_id is not None:
        sql += " AND plan_id=?"
        args = (plan_id,)
    if session_id is not None:
        sql += " AND session_id=?"
        args += (session_id,)
    for sid, plan, method, text in conn.execute(sql + " ORDER BY sk", args):
        yield from document_units(sid, plan, method, json.loads(text))


def document_units(sid: str, plan: str, method: str, doc: dict[str, Any]) -> Iterator[Unit]:
    """The texts to code of one stored session document (a current or a replaced one)."""
    answers = doc.get("answers")
    if method != "poll" and isinstance(answers, dict):
        for item_id, answer in answers.items():
            value = answer.get("value") if isinstance(answer, dict) else None
            # a skipped or declined answer is missing in the data, words left in it or not
            if isinstance(value, str) and value.strip() and not answer.get("skipped"):
                yield Unit(f"answer:{sid}:{item_id}", sid, plan, "answer", value)
    notes = doc.get("notes")
    for i, note in enumerate(notes if isinstance(notes, list) else []):
        if isinstance(note, dict) and isinstance(note.get("text"), str):
            yield Unit(f"note:{sid}:{i}", sid, plan, "note", note["text"])
    events = doc.get("events")
    for i, event in enumerate(events if isinstance(events, list) else []):
        if isinstance(event, dict) and event.get("type") == "quote" and isinstance(
                event.get("text"), str):
            who = event.get("participant")
            # the event's number as the merge stored it (its position when the device
            # gave none: the events table's key), so one session's quotes never share an id
            n = event.get("n", i)
            yield Unit(f"quote:{sid}:{n}", sid, plan, "quote", event["text"],
                       who if isinstance(who, str) else None, event.get("may_quote") is True)
