"""CSV of the two big tables (sessions, answers) with SQLite writing the lines.

Python's csv module costs several times what SQLite's own CSV output does. So SQLite joins
each row's cells into a line, and the line is written as it is when it is plainly safe:
printable ASCII (`str.isascii`, `str.isprintable`), no quote, exactly one comma between
cells (so no cell holds one and none needs quoting), no cell starting like a formula
(`= + - @`); in SQL, an answer value that is a JSON number, true, false or null (its text is
then the same in `value` and `value_json`), a real number whose text reads back as the same
number. Any other row is written by the Python path (`export.cell`), which escapes and
quotes as before. The file is the same either way; the rules of `spreadsheet` hold.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable
from typing import IO

from fieldtui.supervise.export import (
    ANSWER_COLUMNS,
    ANSWERS_SQL,
    CHUNK,
    _rows,
    answer_row,
    cell,
)

_TEXT, _INT, _REAL, _BOOL, _JSON, _RAW = "text", "int", "real", "bool", "json", "raw"


def _clean(sql: str, kind: str) -> str | None:
    """SQL: true when SQLite's text of the cell is the Python path's (None: always)."""
    if kind == _REAL:
        return f"({sql} IS NULL OR CAST(CAST({sql} AS TEXT) AS REAL) = {sql})"
    if kind == _JSON:
        return (f"({sql} IN ('null', 'true', 'false') OR ({sql} GLOB '[0-9-]*' "
                f"AND {sql} NOT GLOB '*[^0-9.eE+-]*'))")
    return None


def _text(sql: str, kind: str) -> str:
    """SQL: the cell's text (checked for quoting and escaping in Python)."""
    if kind in (_TEXT, _INT, _REAL):
        return f"coalesce({sql}, '')"
    if kind == _BOOL:
        return f"CASE WHEN {sql} THEN 'true' ELSE 'false' END"
    return sql


# The SQL spelling of core.missing.skip_reason (ASCII reasons; others take the Python path).
_MISSING_SQL = (
    "CASE WHEN NOT a.asked THEN 'not-asked' WHEN a.skipped THEN CASE "
    "WHEN lower(trim(a.skip_reason)) GLOB 'declined*' OR lower(trim(a.skip_reason)) = 'refused'"
    " THEN 'declined' WHEN lower(trim(a.skip_reason)) IN "
    "('don''t know', 'dont know', 'do not know', 'dk') THEN 'dont-know' ELSE 'skipped' END "
    "WHEN a.value IN ('null', '\"\"', '[]') THEN 'skipped' ELSE '' END")

_SESSION_KINDS = {"plan_version": _INT, "duration_s": _REAL}
_ANSWER_CELLS = {
    "session_id": ("a.session_id", _TEXT), "plan_id": ("s.plan_id", _TEXT),
    "item_id": ("a.item_id", _TEXT), "member": ("a.member", _TEXT),
    "value": ("CASE WHEN a.value = 'null' THEN '' ELSE a.value END", _RAW),
    "value_json": ("a.value", _JSON), "missing": (_MISSING_SQL, _RAW),
    "skipped": ("a.skipped", _BOOL), "skip_reason": ("a.skip_reason", _TEXT),
    "key_covered": ("a.key_covered", _BOOL), "at": ("a.at", _TEXT), "lang": ("a.lang", _TEXT)}


def _line_sql(cells: list[tuple[str, str]], source: str, sk: str, item: str, order: str
              ) -> str:
    """SQL giving (line or NULL, sk, item): NULL when SQLite's text would differ."""
    checks = [c for c in (_clean(sql, kind) for sql, kind in cells) if c is not None]
    line = " || ',' || ".join(_text(sql, kind) for sql, kind in cells)
    when = " AND ".join(checks) or "1"
    return (f"SELECT CASE WHEN {when} THEN {line} END, {sk}, {item} FROM {source} "
            f"ORDER BY {order}")


# What makes a joined block of lines (or one line) need the Python path: a control
# character (newlines join the lines), a quote, a cell starting like a formula.
_PLAIN = bytes(range(0x20, 0x7F)) + b"\n"  # printable ASCII and the joining newline
_FORMULA = tuple(sep + start for sep in ",\n" for start in "=+-@")


def _safe(block: str, cells: int) -> bool:
    """True when `block` (lines joined by newlines, `cells` cells in all) can be written
    as it is: substring searches and a byte translation, all in C."""
    return (block.isascii() and not block.encode("ascii").translate(None, _PLAIN)
            and block.count(",") == cells - block.count("\n") - 1
            and '"' not in block and block[:1] not in ("=", "+", "-", "@")
            and not any(p in block for p in _FORMULA))


def _write(conn: sqlite3.Connection, out: IO[str], columns: list[str], sql: str,
           slow: Callable[[int, str], list[str]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    cursor = conn.execute(sql)
    while chunk := cursor.fetchmany(CHUNK):
        lines = [row[0] for row in chunk]
        if None not in lines:  # the usual case: one check for the whole chunk
            block = "\n".join(lines)
            if _safe(block, len(columns) * len(lines)):
                out.write(block)
                out.write("\n")
                continue
        for line, sk, item in chunk:
            if line is not None and _safe(line, len(columns)):
                out.write(line)
                out.write("\n")
            else:
                writer.writerow(slow(sk, item))


def write_sessions_csv(conn: sqlite3.Connection, out: IO[str], columns: list[str]) -> None:
    """The sessions table (these of export.SESSION_COLUMNS) as CSV."""
    cells = [(c, _SESSION_KINDS.get(c, _TEXT)) for c in columns]
    sql = _line_sql(cells, "sessions", "sk", "''", "sk")
    picked = ", ".join(columns)

    def slow(sk: int, _: str) -> list[str]:
        [row] = _rows(conn, f"SELECT {picked} FROM sessions WHERE sk=?", (sk,))
        return [cell(row[c]) for c in columns]
    _write(conn, out, columns, sql, slow)


def write_answers_csv(conn: sqlite3.Connection, out: IO[str]) -> None:
    """The answers table as CSV."""
    sql = _line_sql([_ANSWER_CELLS[c] for c in ANSWER_COLUMNS],
                    "answers a JOIN sessions s ON a.sk = s.sk", "a.sk",
                    "a.item_id || char(31) || a.member", "a.sk, a.item_id, a.member")

    def slow(sk: int, key: str) -> list[str]:
        # A member never holds char(31) (member ids are plain), so the last one splits.
        item_id, member = key.rsplit("\x1f", 1)
        [row] = _rows(conn, ANSWERS_SQL + " WHERE a.sk=? AND a.item_id=? AND a.member=?",
                      (sk, item_id, member))
        converted = answer_row(row)
        return [cell(converted[c]) for c in ANSWER_COLUMNS]
    _write(conn, out, list(ANSWER_COLUMNS), sql, slow)
