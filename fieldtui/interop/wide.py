"""Fill one plan's wide table from the dataset in chunks, into compact numpy arrays.

pyreadstat writes a whole data frame at once (it cannot append), so memory is bounded by
keeping each column small rather than by streaming: coded answers are one int32 value
plus one int8 missing reason per session, repeated texts (status, device) are shared
objects, and rows are read from SQLite `CHUNK` at a time (sessions and answers both in
session-key order, joined as they go, both scanned in
key order so SQLite never sorts: `NOT INDEXED`, `CROSS JOIN`). The session id (and respondent code) are Arrow
string columns; only open answers cost a Python string per row.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fieldtui.core.missing import Missing, skip_reason
from fieldtui.core.plan.expr.values import parse_date
from fieldtui.core.plan.model import Plan
from fieldtui.interop.columns import DATE_KINDS, FIXED, ItemColumns, plan_columns
from fieldtui.interop.passed_over import Reached
from fieldtui.supervise.answer_values import fits
from fieldtui.supervise.dataset_conn import Dataset, dialect
from fieldtui.supervise.export_cells import data_cell
from fieldtui.supervise.number_bins import number_of
from fieldtui.supervise.spreadsheet import json_text

CHUNK = 5_000


@dataclass
class Wide:
    """The filled columns of one plan (or roster): `fixed` by name, `values`/`reasons` by
    variable; `spec` names the fixed variables (columns.FIXED or ROSTER_FIXED)."""

    plan_id: str
    items: list[ItemColumns]
    rows: int
    fixed: dict[str, Any]
    values: dict[str, Any]
    reasons: dict[str, Any]
    spec: tuple[tuple[str, str, str, bool], ...] = FIXED


def iso_seconds(text: str | None) -> float:
    """An ISO 8601 time as seconds since 1970 (NaN when absent or not a time)."""
    if not text:
        return float("nan")
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        return float("nan")


def planned(conn: Dataset, sql: str) -> str:
    """`sql` as written for SQLite, whose planner needs hints here (`NOT INDEXED`, a unary `+`
    on a column, `CROSS JOIN` to fix the join order), or without them for PostgreSQL, whose
    planner chooses for itself (and whose CROSS JOIN takes no ON)."""
    if dialect(conn) == "sqlite":
        return sql
    return (sql.replace(" NOT INDEXED", "").replace("CROSS JOIN", "JOIN")
            .replace("+s.", "s."))


def part_bounds(conn: Dataset, plan_id: str, rows: int) -> list[tuple[int, int]]:
    """(after_sk, last_sk) of each part of at most `rows` sessions of `plan_id`."""
    bounds: list[tuple[int, int]] = []
    after = 0
    while True:
        found = conn.execute(planned(
            conn, "SELECT max(sk) FROM (SELECT sk FROM sessions NOT INDEXED WHERE plan_id=? "
            "AND sk > ? ORDER BY sk LIMIT ?) AS part"), (plan_id, after, rows)).fetchone()[0]
        if found is None:
            return bounds
        bounds.append((after, int(found)))
        after = int(found)


def build_wide(conn: Dataset, plan_id: str, plans: list[Plan],
               identifiers: bool, bounds: tuple[int, int] = (0, 2**62),
               numeric: frozenset[str] = frozenset()) -> Wide:
    """Read the sessions of `plan_id` (all versions) with after < sk <= last into arrays
    (the items asked outside rosters; `numeric`: calculations stored as numbers)."""
    import numpy as np
    import pyarrow as pa

    items = plan_columns(plans, numeric=numeric)
    n = conn.execute("SELECT COUNT(*) FROM sessions WHERE plan_id=? AND sk > ? AND sk <= ?",
                     (plan_id, *bounds)).fetchone()[0]
    shared: dict[str, str] = {}

    def share(text: str | None) -> str:
        cell = data_cell(text or "")
        return shared.setdefault(cell, cell)

    sks = np.zeros(n, dtype=np.int64)
    texts: dict[str, list[Any]] = {"session_id": [], "respondent": []}  # Arrow chunks
    fixed: dict[str, Any] = {
        "plan_version": np.zeros(n, dtype=np.int32),
        "method": np.empty(n, dtype=object), "status": np.empty(n, dtype=object),
        "device_id": np.empty(n, dtype=object), "created": np.full(n, np.nan),
        "completed": np.full(n, np.nan), "duration_s": np.full(n, np.nan)}
    if identifiers:
        fixed["interviewer"] = np.empty(n, dtype=object)
    cursor = conn.execute(planned(
        conn, "SELECT sk, session_id, plan_version, method, status, device_id, interviewer, "
        "respondent, created, completed, duration_s FROM sessions NOT INDEXED "
        "WHERE plan_id=? AND sk > ? AND sk <= ? ORDER BY sk"), (plan_id, *bounds))
    i = 0
    while rows := cursor.fetchmany(CHUNK):
        texts["session_id"].append(pa.array([data_cell(r[1]) for r in rows], pa.string()))
        if identifiers:
            texts["respondent"].append(pa.array([data_cell(r[7] or "") for r in rows],
                                                pa.string()))
        for sk, _, version, method, status, device, who, _, created, done, dur in rows:
            sks[i] = sk
            fixed["plan_version"][i] = version
            fixed["method"][i], fixed["status"][i] = share(method), share(status)
            fixed["device_id"][i] = share(device)
            fixed["created"][i] = iso_seconds(created)
            fixed["completed"][i] = iso_seconds(done)
            fixed["duration_s"][i] = np.nan if dur is None else dur
            if identifiers:
                fixed["interviewer"][i] = share(who)
            i += 1
    for name, chunks in texts.items():
        if name == "session_id" or identifiers:  # a compact column: no Python str per row
            fixed[name] = pa.chunked_array(chunks, pa.string())
    values, reasons = empty_columns(items, fixed["plan_version"])
    wide = Wide(plan_id, items, n, fixed, values, reasons)
    reached = Reached(plans, fixed["plan_version"])
    _fill_answers(conn, wide, sks, bounds, reached)
    reached.mark(items, reasons)  # passed over before an answer: skipped, not "not reached"
    return wide


def empty_columns(items: list[ItemColumns], versions: Any) -> tuple[dict[str, Any],
                                                                     dict[str, Any]]:
    """Each variable's values and reasons before any answer: not reached, or not in the
    row's plan version."""
    import numpy as np

    n = len(versions)
    values: dict[str, Any] = {}
    reasons: dict[str, Any] = {}
    for entry in items:
        in_version = np.isin(versions, entry.versions)
        start = np.where(in_version, Missing.NOT_REACHED.number,
                         Missing.NOT_IN_VERSION.number).astype(np.int8)
        for var in entry.variables:
            reasons[var.name] = start.copy()
            if var.kind in ("number", *DATE_KINDS):
                values[var.name] = np.full(n, np.nan)
            elif var.kind == "text":
                values[var.name] = np.full(n, "", dtype=object)
            else:
                values[var.name] = np.zeros(n, dtype=np.int32)
    return values, reasons


_EPOCH = date(1970, 1, 1)
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?")


def date_value(kind: str, value: Any) -> float | None:
    """A date answer ("YYYY-MM-DD") as days since 1970-01-01, a time answer ("HH:MM",
    "HH:MM:SS") as seconds since midnight; None for a value that is neither."""
    if not isinstance(value, str):
        return None
    if kind == "date":
        day = parse_date(value)
        return None if day is None else float((day - _EPOCH).days)
    match = _TIME.fullmatch(value)
    if match is None:
        return None
    return float(int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3] or 0))


def answer_reason(asked: int, skipped: int, reason_text: str) -> Missing | None:
    """Why a stored answer row holds no value (before looking at the value)."""
    if not asked:
        return Missing.NOT_ASKED
    return skip_reason(True, reason_text) if skipped else None


def _fill_answers(conn: Dataset, wide: Wide, sks: Any,
                  bounds: tuple[int, int], reached: Reached) -> None:
    import numpy as np

    # An id can stand for two items (its kind changed between versions, one variable each):
    # the answer goes to the one its session's version has.
    by_id: dict[str, list[tuple[ItemColumns, Any]]] = {}
    for entry in wide.items:
        by_id.setdefault(entry.item.id, []).append(
            (entry, wide.reasons[entry.variables[0].name]))
    absent = Missing.NOT_IN_VERSION.number
    cursor = conn.execute(planned(
        conn, "SELECT a.sk, a.item_id, a.value, a.skipped, a.skip_reason, a.asked FROM answers a "
        "CROSS JOIN sessions s ON s.sk = a.sk WHERE +s.plan_id=? AND a.sk > ? AND a.sk <= ? "
        "AND a.member = '' ORDER BY a.sk"), (wide.plan_id, *bounds))
    loads = json.loads
    while rows := cursor.fetchmany(CHUNK):
        index = np.searchsorted(sks, np.fromiter((r[0] for r in rows), np.int64,
                                                 len(rows))).tolist()
        for i, (_, item_id, raw, skipped, reason_text, asked) in zip(index, rows, strict=True):
            if asked:
                reached.saw(i, item_id)
            for entry, reasons in by_id.get(item_id, ()):
                if reasons[i] != absent:  # else a version without it: counted by review
                    put(wide, entry, i, loads(raw), answer_reason(asked, skipped, reason_text))
                    break


def put(wide: Wide, entry: ItemColumns, i: int, value: Any, why: Missing | None) -> None:
    """One answer into its variables."""
    variables = entry.variables
    asked = entry.asked.get(int(wide.fixed["plan_version"][i]), entry.item)
    if why is None and value in (None, "", []) and entry.item.kind != "multi":
        why = Missing.SKIPPED
    if why is None and value is not None and not fits(asked, value):
        why = Missing.INVALID
    if why is not None:
        for var in variables:
            wide.reasons[var.name][i] = why.number
        return
    kind = entry.item.kind
    if kind == "multi":
        chosen = set(value or [])
        for var in variables:
            if var.option not in asked.options:
                wide.reasons[var.name][i] = Missing.NOT_IN_VERSION.number
                continue
            wide.values[var.name][i] = int(var.option in chosen)
            wide.reasons[var.name][i] = 0
    elif variables[0].kind == "text":
        text, flag = variables
        wide.values[text.name][i] = data_cell(value if isinstance(value, str)
                                              else json_text(value))
        wide.values[flag.name][i] = 1
        wide.reasons[text.name][i] = wide.reasons[flag.name][i] = 0
    elif variables[0].kind in DATE_KINDS:
        when = date_value(variables[0].kind, value)
        wide.values[variables[0].name][i] = float("nan") if when is None else when
        wide.reasons[variables[0].name][i] = 0 if when is not None else \
            Missing.INVALID.number
    elif variables[0].kind == "number":
        number = number_of(value)
        wide.values[variables[0].name][i] = float("nan") if number is None else number
        wide.reasons[variables[0].name][i] = 0 if number is not None else \
            Missing.INVALID.number
    else:
        code = entry.codes[value] if kind == "choice" else int(value)
        wide.values[variables[0].name][i] = code
        wide.reasons[variables[0].name][i] = 0
