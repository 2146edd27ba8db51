"""Tidy tables from the dataset: one row per session, per answer, per turn, per participant.

CSV: UTF-8, a header line, RFC 4180 quoting, empty cells for missing values, `true`/`false`
for flags, so pandas and R read the files as they are. JSON Lines: one object a line with
native types. Text from devices cannot act in a spreadsheet (see `spreadsheet`): a cell
that would start a formula is prefixed with `'` (the exact value stays in `value_json`),
and no control character reaches a file. Direct identifiers (interviewer name, respondent code, participant labels)
are left out unless asked for.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from fieldtui.supervise.quality import dataset_flags
from fieldtui.supervise.release import Release
from fieldtui.supervise.spreadsheet import json_text, no_formula, text_cell

Table = tuple[list[str], list[dict[str, Any]]]

IDENTIFIER_COLUMNS = {"interviewer", "respondent", "participant_label"}


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def sessions_table(conn: sqlite3.Connection) -> Table:
    """One row per kept session, with its quality flag codes."""
    rows = _rows(conn, "SELECT session_id, study_id, plan_id, plan_version, method, status, "
                       "device_id, interviewer, respondent, created, completed, duration_s "
                       "FROM sessions ORDER BY created, session_id")
    flags = dataset_flags(conn)
    for row in rows:
        row["flags"] = ";".join(sorted({f.code for f in flags.get(row["session_id"], [])}))
    columns = ["session_id", "study_id", "plan_id", "plan_version", "method", "status",
               "device_id", "interviewer", "respondent", "created", "completed", "duration_s",
               "flags"]
    return columns, rows


def answers_table(conn: sqlite3.Connection) -> Table:
    """One row per answer: `value` as text, `value_json` exactly."""
    columns = ["session_id", "plan_id", "item_id", "value", "value_json", "skipped",
               "skip_reason", "key_covered", "at"]
    rows = []
    for r in _rows(conn, "SELECT a.session_id, s.plan_id, a.item_id, a.value, a.skipped, "
                         "a.skip_reason, a.key_covered, a.at FROM answers a JOIN sessions s "
                         "ON a.sk = s.sk ORDER BY s.created, a.session_id, a.item_id"):
        value = json.loads(r.pop("value"))
        r["value_json"] = json_text(value)
        r["value"] = value
        r["skipped"], r["key_covered"] = bool(r["skipped"]), bool(r["key_covered"])
        rows.append(r)
    return columns, rows


def turns_table(conn: sqlite3.Connection) -> Table:
    """One row per speaking turn in a group meeting."""
    columns = ["session_id", "n", "participant", "participant_label", "section_id",
               "duration", "at"]
    return columns, _rows(conn, "SELECT t.session_id, t.n, t.participant, "
                                "p.label AS participant_label, t.section_id, t.duration, t.at "
                                "FROM turns t LEFT JOIN participants p ON p.sk = t.sk "
                                "AND p.participant_id = t.participant "
                                "ORDER BY t.session_id, t.n")


def participants_table(conn: sqlite3.Connection) -> Table:
    """One row per meeting participant; attributes as a JSON object."""
    columns = ["session_id", "participant", "participant_label", "attributes", "informed"]
    rows = _rows(conn, "SELECT session_id, participant_id AS participant, "
                       "label AS participant_label, attributes, informed FROM participants "
                       "ORDER BY session_id, participant_id")
    for r in rows:
        r["informed"] = bool(r["informed"])
        r["attributes"] = json.loads(r["attributes"])
    return columns, rows


TABLES: dict[str, Callable[[sqlite3.Connection], Table]] = {
    "sessions": sessions_table, "answers": answers_table, "turns": turns_table,
    "participants": participants_table,
}


def release_table(rels: list[Release]) -> Table:
    """One row per published cell of these releases (count empty when suppressed);
    `by_item`/`by_category` are set for a crossed cell."""
    columns = ["release", "plan_id", "item", "category", "by_item", "by_category", "count"]
    rows: list[dict[str, Any]] = []
    for rel in rels:
        for cell, count in rel.cells().items():
            row = {"release": rel.name, "plan_id": rel.plan_id, "count": count,
                   "by_item": None, "by_category": None}
            if cell[0] == "x":
                row.update(by_item=cell[1], by_category=cell[2], item=cell[3],
                           category=cell[4])
            elif cell[0] == "m":
                row.update(item=cell[1], category=f"{cell[2]}: {cell[3]}")
            else:
                row.update(item=cell[1], category=cell[2])
            rows.append(row)
    return columns, rows


def without_identifiers(table: Table) -> Table:
    """Drop the direct-identifier columns."""
    columns, rows = table
    kept = [c for c in columns if c not in IDENTIFIER_COLUMNS]
    return kept, [{c: r.get(c) for c in kept} for r in rows]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json_text(value)
    return text_cell(str(value))


def to_csv(table: Table) -> bytes:
    """The table as CSV bytes."""
    columns, rows = table
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue().encode("utf-8")


def to_jsonl(table: Table) -> bytes:
    """The table as JSON Lines bytes."""
    columns, rows = table
    return "".join(json_text({c: _json_cell(row.get(c)) for c in columns}) + "\n"
                   for row in rows).encode("utf-8")


def export_release_tables(rels: list[Release], fmt: str) -> dict[str, bytes]:
    """file name -> contents of the releases' published tables."""
    render = to_csv if fmt == "csv" else to_jsonl
    return {f"tables.{fmt}": render(release_table(rels))}
def _json_cell(value: Any) -> Any:
    return no_formula(value) if isinstance(value, str) else value


def export_tables(conn: sqlite3.Connection, fmt: str, *, identifiers: bool
                  ) -> dict[str, bytes]:
    """file name -> contents for every tidy table."""
    render = to_csv if fmt == "csv" else to_jsonl
    files = {}
    for name, build in TABLES.items():
        table = build(conn)
        if not identifiers:
            table = without_identifiers(table)
        files[f"{name}.{fmt}"] = render(table)
    return files
