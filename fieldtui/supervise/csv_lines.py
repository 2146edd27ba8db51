"""CSV of the two big tables (sessions, answers) with SQLite writing the lines.

Python's csv module costs several times what SQLite's own CSV output does. So SQLite builds
each CSV line itself when every cell of the row is plainly safe: printable ASCII, not
starting like a formula (`= + - @`), an answer value that is a JSON number, true, false or
null (its text is then the same in `value` and `value_json`), a real number whose text
reads back as the same number. Any other row comes back as its key and is written by the
Python path (`export.cell`), which escapes and quotes exactly as before. The output is
the same file either way, and the rules of `spreadsheet` hold for every cell.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable
from typing import IO, Any

from fieldtui.supervise.export import (
    ANSWER_COLUMNS,
    ANSWERS_SQL,
    CHUNK,
    _rows,
    answer_row,
    cell,
)

_TEXT, _INT, _REAL, _BOOL, _JSON, _RAW = "text", "int", "real", "bool", "json", "raw"


def _clean(sql: str, kind: str) -> str:
    """SQL: true when the cell needs no escaping."""
    if kind == _TEXT:
        return (f"({sql} IS NULL OR ({sql} NOT GLOB '*[^ -~]*' "
                f"AND {sql} NOT GLOB '[-=+@]*'))")
    if kind == _REAL:
        return f"({sql} IS NULL OR CAST(CAST({sql} AS TEXT) AS REAL) = {sql})"
    if kind == _JSON:
        return (f"({sql} IN ('null', 'true', 'false') OR ({sql} GLOB '[0-9-]*' "
                f"AND {sql} NOT GLOB '*[^0-9.eE+-]*'))")
    return "1"


def _text(sql: str, kind: str) -> str:
    """SQL: the cell's CSV text, given that it is clean."""
    if kind == _TEXT:
        return (f"CASE WHEN {sql} IS NULL THEN '' WHEN {sql} GLOB '*[,\"]*' "
                f"THEN '\"' || replace({sql}, '\"', '\"\"') || '\"' ELSE {sql} END")
    if kind in (_INT, _REAL):
        return f"COALESCE(CAST({sql} AS TEXT), '')"
    if kind == _BOOL:
        return f"CASE WHEN {sql} THEN 'true' ELSE 'false' END"
    return sql


# The SQL spelling of core.missing.skip_reason (ASCII reasons; others take the Python path).
_MISSING_SQL = (
    "CASE WHEN a.skipped THEN CASE "
    "WHEN lower(trim(a.skip_reason)) GLOB 'declined*' OR lower(trim(a.skip_reason)) = 'refused'"
    " THEN 'declined' WHEN lower(trim(a.skip_reason)) IN "
    "('don''t know', 'dont know', 'do not know', 'dk') THEN 'dont-know' ELSE 'skipped' END "
    "WHEN a.value IN ('null', '\"\"', '[]') THEN 'skipped' ELSE '' END")

_SESSION_KINDS = {"plan_version": _INT, "duration_s": _REAL}
_ANSWER_CELLS = {
    "session_id": ("a.session_id", _TEXT), "plan_id": ("s.plan_id", _TEXT),
    "item_id": ("a.item_id", _TEXT), "value": ("CASE WHEN a.value = 'null' THEN '' "
                                               "ELSE a.value END", _RAW),
    "value_json": ("a.value", _JSON), "missing": (_MISSING_SQL, _RAW),
    "skipped": ("a.skipped", _BOOL), "skip_reason": ("a.skip_reason", _TEXT),
    "key_covered": ("a.key_covered", _BOOL), "at": ("a.at", _TEXT)}


def _line_sql(cells: list[tuple[str, str]], source: str, key: str) -> str:
    clean = " AND ".join(_clean(sql, kind) for sql, kind in cells)
    line = " || ',' || ".join(_text(sql, kind) for sql, kind in cells)
    return (f"SELECT CASE WHEN {clean} THEN {line} END, "
            f"CASE WHEN {clean} THEN NULL ELSE {key} END FROM {source}")


def _write(conn: sqlite3.Connection, out: IO[str], columns: list[str], sql: str,
           slow: Callable[[Any], list[str]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    cursor = conn.execute(sql)
    while chunk := cursor.fetchmany(CHUNK):
        lines: list[str] = []
        for line, key in chunk:
            if line is None:
                out.write("".join(lines))
                lines = []
                writer.writerow(slow(key))
            else:
                lines.append(line + "\n")
        out.write("".join(lines))


def write_sessions_csv(conn: sqlite3.Connection, out: IO[str], columns: list[str]) -> None:
    """The sessions table (these of SESSION_COLUMNS) as CSV."""
    cells = [(c, _SESSION_KINDS.get(c, _TEXT)) for c in columns]
    sql = _line_sql(cells, "sessions", "sk") + " ORDER BY sk"
    picked = ", ".join(columns)

    def slow(sk: int) -> list[str]:
        [row] = _rows(conn, f"SELECT {picked} FROM sessions WHERE sk=?", (sk,))
        return [cell(row[c]) for c in columns]
    _write(conn, out, columns, sql, slow)


def write_answers_csv(conn: sqlite3.Connection, out: IO[str]) -> None:
    """The answers table as CSV."""
    sql = _line_sql([_ANSWER_CELLS[c] for c in ANSWER_COLUMNS],
                    "answers a JOIN sessions s ON a.sk = s.sk",
                    "a.sk || ' ' || a.item_id") + " ORDER BY a.sk, a.item_id"

    def slow(key: str) -> list[str]:
        sk, item_id = key.split(" ", 1)
        [row] = _rows(conn, ANSWERS_SQL + " WHERE a.sk=? AND a.item_id=?", (int(sk), item_id))
        converted = answer_row(row)
        return [cell(converted[c]) for c in ANSWER_COLUMNS]
    _write(conn, out, list(ANSWER_COLUMNS), sql, slow)


