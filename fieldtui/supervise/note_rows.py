"""Dataset schema 9: the "not asked" rows of `note` items.

A `note` the interviewer types is data (a text variable), so an item of that kind whose
condition (its own `relevant` or its section's) was false gets a "not asked" row
(`asked` 0), as every other item does (asked.py). Merges of schema 4 to 8 gave a note no
such row unless the device had kept an answer aside for it, so their exports say "not
reached" for it. The upgrade adds, to each session of a plan with a note and a condition
(current or replaced), the rows the merge makes now: the same function
(`asked.session_data`) decides, and a row already there is never replaced.
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.asked import plan_shape, session_data
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.session_rows import answer_row, shape_for

# (sessions table, its answers table): current work, and the sessions revisions replaced.
SESSION_TABLES = (("sessions", "answers"), ("replaced_sessions", "replaced_answers"))


def note_plans(conn: Dataset) -> list[tuple[str, int]]:
    """(id, version) of the recorded plans with a `note` item and a condition: only their
    sessions can lack a row (the others are not read)."""
    out = []
    for plan_id, version, text in conn.execute(
            "SELECT plan_id, version, text FROM plans ORDER BY plan_id, version").fetchall():
        plan = parse_plan(str(text), f"{plan_id} v{version}").plan
        if plan is not None and plan_shape(plan).conditional and any(
                item.kind == "note" for item in plan.items):
            out.append((str(plan_id), int(version)))
    return out


def add_note_rows(conn: Dataset, answers: str, sk: Any, sid: str,
                  document: dict[str, Any]) -> int:
    """Add to `answers` the "not asked" rows of notes a session's merge left out (the
    caller holds the transaction); how many."""
    shape = shape_for(conn, document.get("plan") or {})
    if shape is None or shape.plain:
        return 0
    notes = {item.id for item in shape.plan.items if item.kind == "note"}
    rows, _members = session_data(document, shape)
    wanted = [(item_id, member, row) for item_id, member, row, asked in rows
              if not asked and item_id in notes]
    if not wanted:
        return 0
    have = {(str(i), str(m)) for i, m in conn.execute(
        f"SELECT item_id, member FROM {answers} WHERE sk=?", (sk,)).fetchall()}
    new = [answer_row(sk, sid, item_id, member, row, False)
           for item_id, member, row in wanted if (item_id, member) not in have]
    if new:
        conn.executemany(
            f"INSERT INTO {answers} (sk, session_id, item_id, member, value, at, skipped, "
            "skip_reason, key_covered, asked, lang) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT DO NOTHING", new)
    return len(new)
