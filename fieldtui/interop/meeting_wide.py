"""A group meeting plan's participants and speaking turns as Stata/SPSS files.

Beside the plan's file (one row per session) go `PLAN_participants` (one row per
participant of each session, keyed by `session_id` and `participant`) and `PLAN_turns`
(one row per speaking turn, keyed by `session_id` and `n`). Both carry the plan file's
`session_id`, so an analyst merges them onto it (Stata `merge m:1 session_id using PLAN`).
Like the plan's file, each is written in parts of at most the exporter's PART_ROWS rows
(`PLAN_turns_part1`, ...), a session's rows never parted.

A participant's coverage attributes (`[group.coverage]`, every version of the plan) are one
coded variable each, its choices as value labels (a choice's code is its 1-based position
in the first version that lists it), with the plan file's missing reasons: no value given
is `skipped`, a value the version's choices lack `invalid`, an attribute the session's
version has no `not in this plan version`. `informed` is 0/1. A turn's `at` is a time
(Stata %tc, SPSS DATETIME, UTC) and its `duration` seconds. Participant labels identify
people: they are `participant_label` only with --with-identifiers, as in the csv tables.
"""

from __future__ import annotations

import json
from typing import Any

from fieldtui.core.i18n import N_
from fieldtui.core.missing import Missing
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.roster import attribute_label
from fieldtui.interop.columns import ItemColumns, Variable
from fieldtui.interop.names import Namer
from fieldtui.interop.wide import CHUNK, Wide, empty_columns, iso_seconds, put
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.export_cells import data_cell, data_text

# The files' names after the plan's stem: PLAN_participants, PLAN_turns.
MEETING_FILES = ("participants", "turns")

# (name, label, kind, identifier), as columns.FIXED; "flag" is 0/1 with labels no/yes.
PARTICIPANT_FIXED: tuple[tuple[str, str, str, bool], ...] = (
    ("session_id", N_("Session id"), "text", False),
    ("participant", N_("Participant id in the session (P1, P2, ...)"), "text", False),
    ("participant_label", N_("Participant label (identifier)"), "text", True),
    ("plan_version", N_("Plan version the session was asked from"), "int", False),
    ("informed", N_("Well informed about the situation"), "flag", False),
)
TURN_FIXED: tuple[tuple[str, str, str, bool], ...] = (
    ("session_id", N_("Session id"), "text", False),
    ("n", N_("Turn number in the session's events"), "int", False),
    ("at", N_("When the turn was recorded (UTC)"), "datetime", False),
    ("participant", N_("Participant id of the speaker (P1, P2, ...)"), "text", False),
    ("participant_label", N_("Participant label of the speaker (identifier)"), "text", True),
    ("section_id", N_("Agenda section of the turn"), "category", False),
    ("duration", N_("Speaking time in seconds"), "float", False),
)


def meeting_part_bounds(conn: Dataset, name: str, plan_id: str,
                        rows: int) -> list[tuple[int, int]]:
    """(after_sk, last_sk) of each part of at most `rows` rows of the meeting table `name`
    (participants or turns) of `plan_id`'s sessions; a session's rows stay in one part (a
    session of more rows than `rows` is a part of its own); one part when there are none."""
    if name not in MEETING_FILES:
        raise ValueError(name)
    cursor = conn.execute(
        f"SELECT t.sk, COUNT(*) FROM {name} t JOIN sessions s ON s.sk = t.sk "
        "WHERE s.plan_id = ? GROUP BY t.sk ORDER BY t.sk", (plan_id,))
    bounds: list[tuple[int, int]] = []
    after, count, last = 0, 0, 0
    while chunk := cursor.fetchmany(CHUNK):
        for sk, n in chunk:
            if count and count + n > rows:
                bounds.append((after, last))
                after, count = last, 0
            count, last = count + n, int(sk)
    return [*bounds, (after, last)] if count else bounds or [(0, 2**62)]


def has_meeting_rows(conn: Dataset, plan_id: str) -> bool:
    """True when a session of `plan_id` has participants or speaking turns."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM participants WHERE sk IN "
        "(SELECT sk FROM sessions WHERE plan_id = ?)) OR EXISTS (SELECT 1 FROM turns WHERE sk "
        "IN (SELECT sk FROM sessions WHERE plan_id = ?))", (plan_id, plan_id)).fetchone()
    return bool(row[0])


def attribute_columns(plans: list[Plan]) -> list[ItemColumns]:
    """The coverage attributes of these versions of a group plan, one coded variable each
    (as a choice item: `wide.put` codes a value and tells why one is missing)."""
    found: dict[str, ItemColumns] = {}
    for plan in sorted(plans, key=lambda p: p.version):
        if plan.group is None:
            continue
        for key, choices in plan.group.coverage.items():
            item = Item(id=key, kind="choice",
                        prompt=data_text(attribute_label(key, plan.group.labels)),
                        options=tuple(choices))
            entry = found.setdefault(key, ItemColumns(item, [], {}, []))
            entry.item = item  # the latest wording labels the variable
            entry.versions.append(plan.version)
            entry.asked[plan.version] = item
            for choice in choices:
                entry.codes.setdefault(choice, len(entry.codes) + 1)
    namer = Namer(tuple(name for name, *_ in PARTICIPANT_FIXED))
    for key, entry in found.items():
        labels = {code: data_text(choice) for choice, code in entry.codes.items()}
        entry.variables = [Variable(namer.name(key), entry.item.prompt, "coded", key,
                                    "attribute", "", labels, entry.versions)]
    return list(found.values())


def _session_ids(values: list[str]) -> Any:
    import pyarrow as pa

    return pa.chunked_array([pa.array([data_cell(v) for v in values], pa.string())],
                            pa.string())


def build_participants_wide(conn: Dataset, plan_id: str, plans: list[Plan],
                            identifiers: bool, bounds: tuple[int, int] = (0, 2**62)) -> Wide:
    """The participants of the sessions of `plan_id` (all versions) with after < sk <= last
    (`bounds`), with their attributes."""
    import numpy as np

    items = attribute_columns(plans)
    rows = conn.execute(
        "SELECT p.session_id, p.participant_id, p.label, p.attributes, p.informed, "
        "s.plan_version FROM participants p JOIN sessions s ON s.sk = p.sk "
        "WHERE s.plan_id = ? AND p.sk > ? AND p.sk <= ? ORDER BY p.sk, p.participant_id",
        (plan_id, *bounds)).fetchall()
    fixed: dict[str, Any] = {
        "session_id": _session_ids([r[0] for r in rows]),
        "participant": np.array([data_cell(r[1]) for r in rows], dtype=object),
        "plan_version": np.array([r[5] for r in rows], dtype=np.int32),
        "informed": np.array([int(bool(r[4])) for r in rows], dtype=np.int8)}
    if identifiers:
        fixed["participant_label"] = np.array([data_cell(r[2]) for r in rows], dtype=object)
    values, reasons = empty_columns(items, fixed["plan_version"])
    wide = Wide(plan_id, items, len(rows), fixed, values, reasons, PARTICIPANT_FIXED)
    absent = Missing.NOT_IN_VERSION.number
    for i, row in enumerate(rows):
        attributes = json.loads(row[3])
        if not isinstance(attributes, dict):  # a device's odd document: no attribute given
            attributes = {}
        for entry in items:
            if wide.reasons[entry.variables[0].name][i] != absent:
                put(wide, entry, i, attributes.get(entry.item.id), None)
    return wide


def _whole(np: Any, numbers: list[int]) -> Any:
    """Turn numbers as int32 (a Stata long), or as doubles when a device's numbers go
    beyond it (an event's `n` is any 64-bit number)."""
    if all(-(2**31) < n < 2**31 for n in numbers):
        return np.array(numbers, dtype=np.int32)
    return np.array(numbers, dtype=np.float64)


def build_turns_wide(conn: Dataset, plan_id: str, identifiers: bool,
                     bounds: tuple[int, int] = (0, 2**62)) -> Wide:
    """The speaking turns of the sessions of `plan_id` with after < sk <= last (`bounds`),
    in each session's order. A speaker's label is read only `identifiers` (its column is
    written only then); each text (a label, a speaker, an agenda item) is escaped once, its
    cell shared by all the turns that name it: a device's label can be a megabyte."""
    import numpy as np

    cells: dict[str, str] = {}

    def cell(text: str | None) -> str:
        found = cells.get(text or "")
        if found is None:
            found = cells[text or ""] = data_cell(text or "")
        return found

    label, join = ("p.label", "LEFT JOIN participants p ON p.sk = t.sk AND "
                   "p.participant_id = t.participant ") if identifiers else ("NULL", "")
    cursor = conn.execute(
        f"SELECT t.session_id, t.n, t.at, t.participant, {label}, t.section_id, t.duration "
        f"FROM turns t JOIN sessions s ON s.sk = t.sk {join}WHERE s.plan_id = ? "
        "AND t.sk > ? AND t.sk <= ? ORDER BY t.sk, t.n", (plan_id, *bounds))
    columns: dict[str, list[Any]] = {name: [] for name, *_ in TURN_FIXED}
    while rows := cursor.fetchmany(CHUNK):
        for sid, n, at, who, named, section, duration in rows:
            columns["session_id"].append(sid)
            columns["n"].append(n)
            columns["at"].append(iso_seconds(at))
            columns["participant"].append(cell(who))
            if identifiers:
                columns["participant_label"].append(cell(named))
            columns["section_id"].append(cell(section))
            columns["duration"].append(np.nan if duration is None else float(duration))
    fixed: dict[str, Any] = {
        "session_id": _session_ids(columns["session_id"]),
        "n": _whole(np, columns["n"]),
        "at": np.array(columns["at"], dtype=np.float64),
        "participant": np.array(columns["participant"], dtype=object),
        "section_id": np.array(columns["section_id"], dtype=object),
        "duration": np.array(columns["duration"], dtype=np.float64)}
    if identifiers:
        fixed["participant_label"] = np.array(columns["participant_label"], dtype=object)
    return Wide(plan_id, [], len(columns["n"]), fixed, {}, {}, TURN_FIXED)
