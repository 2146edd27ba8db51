"""One roster's Stata/SPSS file: one row per member of the roster in each session.

The key is (`session_id`, `member`): `member` is what the roster's answers carry ("m2", or
"m2/v1" in a nested roster), `parent` the member of the outer roster a nested one repeats
in, `position` the member's place in its roster (1 = first). Then the items asked in the
roster, coded and with missing reasons exactly as in the plan's file (`wide.put`). Only
members still in their roster are rows (a removed member's answers are not data).
"""

from __future__ import annotations

import json

from fieldtui.core.plan.model import Plan
from fieldtui.interop.columns import ROSTER_FIXED, ItemColumns, plan_columns
from fieldtui.interop.passed_over import Reached, later_answered
from fieldtui.interop.wide import CHUNK, Wide, answer_reason, empty_columns, put
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.export_cells import data_cell


def build_roster_wide(conn: Dataset, plan_id: str, plans: list[Plan],
                      roster: str, numeric: frozenset[str] = frozenset()) -> Wide:
    """The members of `roster` in the sessions of `plan_id` (all versions), with their
    answers to the roster's items."""
    import numpy as np
    import pyarrow as pa

    items = plan_columns(plans, roster=roster, numeric=numeric)
    members = conn.execute(
        "SELECT r.sk, r.session_id, r.member, r.parent, r.position, s.plan_version "
        "FROM rosters r JOIN sessions s ON s.sk = r.sk WHERE s.plan_id=? AND r.roster=? "
        "ORDER BY r.sk, r.parent, r.position", (plan_id, roster)).fetchall()
    row_of = {(sk, member): i for i, (sk, _, member, *_) in enumerate(members)}
    fixed = {
        "session_id": pa.chunked_array([pa.array([data_cell(m[1]) for m in members],
                                                 pa.string())], pa.string()),
        "member": np.array([data_cell(m[2]) for m in members], dtype=object),
        "parent": np.array([data_cell(m[3]) for m in members], dtype=object),
        "position": np.array([m[4] for m in members], dtype=np.int32),
        "plan_version": np.array([m[5] for m in members], dtype=np.int32)}
    values, reasons = empty_columns(items, fixed["plan_version"])
    wide = Wide(plan_id, items, len(members), fixed, values, reasons, ROSTER_FIXED)
    reached = Reached(plans, fixed["plan_version"])
    by_id: dict[str, list[ItemColumns]] = {}  # an id whose kind changed: one entry a kind
    for entry in items:
        by_id.setdefault(entry.item.id, []).append(entry)
    cursor = conn.execute(
        "SELECT a.sk, a.member, a.item_id, a.value, a.skipped, a.skip_reason, a.asked "
        "FROM answers a JOIN sessions s ON s.sk = a.sk WHERE s.plan_id=? AND a.member != ''",
        (plan_id,))
    while rows := cursor.fetchmany(CHUNK):
        for sk, member, item_id, raw, skipped, reason_text, asked in rows:
            i = row_of.get((sk, member))
            if i is None:
                continue
            if asked:
                reached.saw(i, item_id)
            for entry in by_id.get(item_id, ()):
                if not plan_version_lacks(entry.versions, members[i][5]):
                    put(wide, entry, i, json.loads(raw),
                        answer_reason(asked, skipped, reason_text))
                    break
    # passed over, not "not reached": before the member's own later answer, or a member
    # before one of the same roster and parent who has answers (interop/passed_over.py)
    reached.mark(items, reasons)
    reached.mark_rows(items, reasons,
                      later_answered([(m[0], m[3]) for m in members], reached.last))
    return wide


def plan_version_lacks(versions: list[int], version: int) -> bool:
    """True when the row's plan version does not have the item."""
    return version not in versions
