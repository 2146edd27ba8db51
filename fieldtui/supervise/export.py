"""Tidy tables from the dataset: one row per session, per answer, per turn, per participant.

CSV: UTF-8, a header line, RFC 4180 quoting, empty cells for missing values, `true`/`false`
for flags, so pandas and R read the files as they are. JSON Lines: one object a line with
native types. Text from devices cannot act in a spreadsheet (see `spreadsheet`): a cell
that would start a formula is prefixed with `'` (the exact value stays in `value_json`),
and no control character reaches a file. Rows are read from SQLite in chunks and
written as they come (`write_csv`, `write_jsonl`): memory does not grow with the dataset.
The `missing` column of answers gives the reason an answer holds no value (core.missing):
`not-asked` rows stand for items whose condition was false (questionnaire logic). Answers
in a roster carry their `member` ("m2", "m2/v1" nested; empty outside rosters); the
`rosters` table has one row per member (session, roster, member, member id, parent,
position), so both join on (session_id, member). Calculations are answer rows.
Direct identifiers (interviewer name, respondent code, participant labels)
are left out unless asked for. Each table takes a plan id: then only that plan's sessions'
rows (`export --plan`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from fieldtui.core.missing import Missing, skip_reason
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.export_cells import data_cell
from fieldtui.supervise.poll_tables import split_item
from fieldtui.supervise.quality import dataset_flags
from fieldtui.supervise.spreadsheet import json_text

if TYPE_CHECKING:  # releases need numpy and scipy: a plain export does not load them
    from fieldtui.supervise.release import Release

Table = tuple[list[str], Iterable[dict[str, Any]]]

IDENTIFIER_COLUMNS = {"interviewer", "respondent", "participant_label"}
CHUNK = 20_000


def _rows(conn: Dataset, sql: str, args: tuple[Any, ...] = ()
          ) -> Iterator[dict[str, Any]]:
    """Rows as dicts, read CHUNK at a time: a table never sits in memory whole."""
    cursor = conn.execute(sql, args)
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(CHUNK):
        for row in chunk:
            yield dict(zip(names, row, strict=True))


SESSION_COLUMNS = ["session_id", "study_id", "plan_id", "plan_version", "method", "status",
                   "device_id", "interviewer", "respondent", "created", "completed",
                   "duration_s"]


def _of_plan(column: str, plan_id: str | None) -> tuple[str, tuple[str, ...]]:
    """(a WHERE clause keeping one plan's rows, its arguments); nothing for every plan.
    `column` is the plan id's column."""
    if plan_id is None:
        return "", ()
    return f" WHERE {column} = ?", (plan_id,)


def _of_plan_sessions(sk: str, plan_id: str | None) -> tuple[str, tuple[str, ...]]:
    """`_of_plan` for a table without the plan id: the rows whose session key `sk` is one
    of the plan's sessions."""
    if plan_id is None:
        return "", ()
    return f" WHERE {sk} IN (SELECT sk FROM sessions WHERE plan_id = ?)", (plan_id,)


def sessions_table(conn: Dataset, plan_id: str | None = None, *,
                   flags: bool = False) -> Table:
    """One row per kept session; with `flags`, its quality flag codes (computing them reads
    every session document, so memory then grows with the dataset)."""
    where, args = _of_plan("plan_id", plan_id)
    rows = _rows(conn, f"SELECT {', '.join(SESSION_COLUMNS)} FROM sessions{where} ORDER BY sk",
                 args)
    if not flags:
        return list(SESSION_COLUMNS), rows
    found = dataset_flags(conn)

    def flagged() -> Iterator[dict[str, Any]]:
        for row in rows:
            row["flags"] = ";".join(sorted({f.code for f in found.get(row["session_id"], [])}))
            yield row
    return [*SESSION_COLUMNS, "flags"], flagged()


ANSWER_COLUMNS = ["session_id", "plan_id", "item_id", "member", "value", "value_json",
                  "missing", "skipped", "skip_reason", "key_covered", "at", "lang"]
ANSWERS_SQL = ("SELECT a.session_id, s.plan_id, a.item_id, a.member, a.value, a.skipped, "
               "a.skip_reason, a.key_covered, a.at, a.lang, a.asked FROM answers a "
               "JOIN sessions s ON a.sk = s.sk")


def answer_row(r: dict[str, Any]) -> dict[str, Any]:
    """A row of ANSWERS_SQL as an answers-table row."""
    value = json.loads(r["value"])
    skipped = bool(r["skipped"])
    why = skip_reason(skipped, r["skip_reason"]) if r.pop("asked", 1) else Missing.NOT_ASKED
    if why is None and value in (None, "", []):
        why = Missing.SKIPPED
    r["value_json"] = json_text(value)
    r["value"] = value
    r["missing"] = why.code if why else None
    r["skipped"], r["key_covered"] = skipped, bool(r["key_covered"])
    return r


def answers_table(conn: Dataset, plan_id: str | None = None) -> Table:
    """One row per answer: `value` as text, `value_json` exactly, `missing` the reason code
    (core.missing) when the answer holds no value."""
    where, args = _of_plan("s.plan_id", plan_id)
    rows = _rows(conn, ANSWERS_SQL + where + " ORDER BY a.sk, a.item_id, a.member", args)
    return list(ANSWER_COLUMNS), (answer_row(r) for r in rows)


ROSTER_COLUMNS = ["session_id", "plan_id", "roster", "member", "member_id", "parent",
                  "position"]


def rosters_table(conn: Dataset, plan_id: str | None = None) -> Table:
    """One row per roster member still in its roster: `member` is the key answers carry,
    `parent` the member of the outer roster for a nested one, `position` 1-based."""
    where, args = _of_plan("s.plan_id", plan_id)
    return list(ROSTER_COLUMNS), _rows(
        conn, "SELECT r.session_id, s.plan_id, r.roster, r.member, r.member_id, r.parent, "
              f"r.position FROM rosters r JOIN sessions s ON r.sk = s.sk{where} "
              "ORDER BY r.sk, r.roster, r.parent, r.position", args)


def turns_table(conn: Dataset, plan_id: str | None = None) -> Table:
    """One row per speaking turn in a group meeting."""
    columns = ["session_id", "n", "participant", "participant_label", "section_id",
               "duration", "at"]
    where, args = _of_plan_sessions("t.sk", plan_id)
    return columns, _rows(conn, "SELECT t.session_id, t.n, t.participant, "
                                "p.label AS participant_label, t.section_id, t.duration, t.at "
                                "FROM turns t LEFT JOIN participants p ON p.sk = t.sk "
                                f"AND p.participant_id = t.participant{where} "
                                "ORDER BY t.sk, t.n", args)


def participants_table(conn: Dataset, plan_id: str | None = None) -> Table:
    """One row per meeting participant; attributes as a JSON object."""
    columns = ["session_id", "participant", "participant_label", "attributes", "informed"]
    where, args = _of_plan_sessions("sk", plan_id)

    def rows() -> Iterator[dict[str, Any]]:
        for r in _rows(conn, "SELECT session_id, participant_id AS participant, "
                             "label AS participant_label, attributes, informed "
                             f"FROM participants{where} ORDER BY sk, participant_id", args):
            r["informed"] = bool(r["informed"])
            r["attributes"] = json.loads(r["attributes"])
            yield r
    return columns, rows()


TABLES: dict[str, Callable[[Dataset, str | None], Table]] = {
    "sessions": sessions_table, "answers": answers_table, "turns": turns_table,
    "participants": participants_table, "rosters": rosters_table,
}


def release_table(rels: list[Release]) -> Table:
    """One row per published cell of these releases (count empty when suppressed);
    `by_item`/`by_category` are set for a crossed cell, `language` for an item's answers
    split by the language they were asked in."""
    columns = ["release", "plan_id", "item", "category", "by_item", "by_category", "count",
               "language"]
    rows: list[dict[str, Any]] = []
    for rel in rels:
        for cell, count in rel.cells().items():
            row = {"release": rel.name, "plan_id": rel.plan_id, "count": count,
                   "by_item": None, "by_category": None, "language": None}
            split = split_item(cell[1]) if cell[0] == "x" else None
            if split is not None:
                row.update(item=split, category=cell[4], language=cell[2])
            elif cell[0] == "x":
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
    return [c for c in columns if c not in IDENTIFIER_COLUMNS], rows


def cell(value: Any) -> str:
    """One CSV cell: empty for None, true/false, JSON for lists, safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json_text(value)
    return data_cell(str(value))


def write_csv(table: Table, out: IO[str]) -> None:
    """The table as CSV into a text stream (opened with newline="")."""
    columns, rows = table
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])


def write_jsonl(table: Table, out: IO[str]) -> None:
    """The table as JSON Lines into a text stream."""
    columns, rows = table
    for row in rows:
        out.write(json_text({c: _json_cell(row.get(c)) for c in columns}) + "\n")


def to_csv(table: Table) -> bytes:
    """The table as CSV bytes."""
    out = io.StringIO(newline="")
    write_csv(table, out)
    return out.getvalue().encode("utf-8")


def to_jsonl(table: Table) -> bytes:
    """The table as JSON Lines bytes."""
    out = io.StringIO()
    write_jsonl(table, out)
    return out.getvalue().encode("utf-8")


def export_release_tables(rels: list[Release], fmt: str) -> dict[str, bytes]:
    """file name -> contents of the releases' published tables."""
    render = to_csv if fmt == "csv" else to_jsonl
    return {f"tables.{fmt}": render(release_table(rels))}


def _json_cell(value: Any) -> Any:
    return data_cell(value) if isinstance(value, str) else value


def export_tables(conn: Dataset, fmt: str, *, identifiers: bool
                  ) -> dict[str, bytes]:
    """file name -> contents for every tidy table (in memory: for small datasets and
    tests; `fieldtui export` streams each table to its file instead)."""
    render = to_csv if fmt == "csv" else to_jsonl
    files = {}
    for name, build in TABLES.items():
        table = build(conn, None)
        if not identifiers:
            table = without_identifiers(table)
        files[f"{name}.{fmt}"] = render(table)
    return files
