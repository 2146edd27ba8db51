"""The texts a supervisor codes into themes ("units"): open answers, notes and meeting
quotes of the stored sessions, named `answer:<session id>:<item id>`, `note:<session
id>:<number>`, `quote:<session id>:<event n>` (supervise/themes.py codes them).

An answer is a text to code only when it is free text a person said: an item of kind
"open" in the plan the session was asked from (a choice's "Yes" or "35 to 59" is an option
already coded by the plan), and in a meeting not the "discussed" the moderator's `k` saves. A dataset merged without the plan texts cannot tell, and offers
every answer given as words, as it always did."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fieldtui.core.discussed import DISCUSSED
from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.asked import answer_rows
from fieldtui.supervise.dataset_conn import Dataset

# plan hash -> the ids of its open items (None: its text does not parse)
_OPEN: dict[str, frozenset[str] | None] = {}


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
    sql = ("SELECT session_id, plan_id, method, document, plan_version FROM sessions "
           "WHERE status != 'refused'")
    args: tuple[str, ...] = ()
    if plan_id is not None:
        sql += " AND plan_id=?"
        args = (plan_id,)
    if session_id is not None:
        sql += " AND session_id=?"
        args += (session_id,)
    known: dict[tuple[str, int], frozenset[str] | None] = {}
    for sid, plan, method, text, version in conn.execute(sql + " ORDER BY sk", args):
        key = (str(plan), int(version))
        if key not in known:
            known[key] = open_items(conn, *key)
        yield from document_units(sid, plan, method, json.loads(text), known[key])


def open_items(conn: Dataset, plan_id: str, version: int) -> frozenset[str] | None:
    """The ids of the open items of a plan version the dataset recorded (None: it holds no
    text of it, or one that does not parse: which answers are free text is unknown)."""
    row = conn.execute("SELECT hash, text FROM plans WHERE plan_id=? AND version=?",
                       (plan_id, version)).fetchone()
    if row is None:
        return None
    return _open_ids(str(row[0]), str(row[1]), f"{plan_id} v{version}")


def open_items_of(conn: Dataset, versions: set[tuple[str, int]]
                  ) -> dict[tuple[str, int], frozenset[str] | None]:
    """`open_items` of each of these plan versions, the plans read in one statement."""
    found: dict[tuple[str, int], frozenset[str] | None] = dict.fromkeys(versions)
    if versions:
        for plan_id, version, digest, text in conn.execute(
                "SELECT plan_id, version, hash, text FROM plans"):
            key = (str(plan_id), int(version))
            if key in found:
                found[key] = _open_ids(str(digest), str(text), f"{plan_id} v{version}")
    return found


def _open_ids(digest: str, text: str, name: str) -> frozenset[str] | None:
    """The open items of the plan `text` (of hash `digest`), parsed once a hash."""
    if digest not in _OPEN:
        plan = parse_plan(text, name).plan
        if len(_OPEN) > 64:
            _OPEN.clear()
        _OPEN[digest] = None if plan is None else frozenset(
            item.id for item in plan.items if item.kind == "open")
    return _OPEN[digest]


def document_units(sid: str, plan: str, method: str, doc: dict[str, Any],
                   open_ids: frozenset[str] | None = None) -> Iterator[Unit]:
    """The texts to code of one stored session document (a current or a replaced one):
    the answers to the items in `open_ids` (None: the plan is unknown, every answer given
    as words), its notes and its meeting quotes."""
    answers = doc.get("answers")
    if method != "poll" and isinstance(answers, dict):
        for (key, answer), (item_id, _member, _row) in zip(
                answers.items(), answer_rows(doc), strict=True):
            if open_ids is not None and item_id not in open_ids:
                continue  # a choice, a number, a date: not words a person said
            value = answer.get("value") if isinstance(answer, dict) else None
            if method == "group" and value == DISCUSSED:
                continue  # the moderator's mark (k), not words said: its quotes are those
            # a skipped or declined answer is missing in the data, words left in it or not
            if isinstance(value, str) and value.strip() and not answer.get("skipped"):
                yield Unit(f"answer:{sid}:{key}", sid, plan, "answer", value)
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
