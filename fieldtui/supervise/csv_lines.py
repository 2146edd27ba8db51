"""CSV of the two big tables (sessions, answers) with SQLite writing the lines.

Python's csv module costs several times what SQLite's own CSV output does. So SQLite joins
each row's cells into a line, a block of sessions at a time into one string, and a block is
written as it is when it is plainly safe: printable ASCII, no quote, exactly one comma
between cells (so no cell holds one and none needs quoting), no cell starting like a formula
(`= + - @`); in SQL, an answer value that is a JSON number, true, false or null (its text is
then the same in `value` and `value_json`), a real number whose text reads back as the same
number. A block that is not is taken line by line, and a line that is not is written by the
Python path (`export.cell`), which escapes and quotes as before. The file is the same either
way; the rules of `spreadsheet` hold.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import IO

from fieldtui.core.missing import DECLINED_PREFIX, DECLINED_WORDS, DONT_KNOW_WORDS, Missing
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.export import (
    ANSWER_COLUMNS,
    ANSWERS_SQL,
    _rows,
    answer_row,
    cell,
)

_TEXT, _INT, _REAL, _BOOL, _JSON, _RAW = "text", "int", "real", "bool", "json", "raw"


def _clean(sql: str, kind: str) -> str | None:
    """SQL: true when SQLite's text of the cell is the Python path's (None: always)."""
    if kind == _REAL:
        return f"({sql} IS NULL OR CAST(CAST({sql} AS TEXT) AS REAL) = {sql})"
    if kind == _JSON:  # a one-digit code, the usual answer, without the patterns
        return (f"CASE WHEN length({sql}) = 1 THEN {sql} BETWEEN '0' AND '9' "
                f"ELSE {sql} IN ('null', 'true', 'false') OR ({sql} GLOB '[0-9-]*' "
                f"AND {sql} NOT GLOB '*[^0-9.eE+-]*') END")
    return None


def _text(sql: str, kind: str, *, printf: bool = False) -> str:
    """SQL: the cell's text (checked for quoting and escaping in Python); `printf` prints
    NULL as an empty text by itself."""
    if kind in (_TEXT, _INT, _REAL):
        return sql if printf else f"coalesce({sql}, '')"
    if kind == _BOOL:
        return f"CASE WHEN {sql} THEN 'true' ELSE 'false' END"
    return sql


def _words(words: frozenset[str]) -> str:
    """SQL: a list of the printable ASCII words (a line holding any other character is
    written by the Python path, which reads the reason with core.missing itself)."""
    return ", ".join("'" + w.replace("'", "''") + "'" for w in sorted(words)
                     if w.isascii() and w.isprintable())


# core.missing.skip_reason spelled in SQL, from its own words: on printable ASCII, SQLite's
# lower() and trim() read a reason as Python's lower() and strip() do.
_REASON = "lower(trim(a.skip_reason))"
_MISSING_SQL = (
    f"CASE WHEN NOT a.asked THEN 'not-asked' WHEN a.skipped THEN CASE "
    f"WHEN {_REASON} GLOB '{DECLINED_PREFIX}*' OR {_REASON} IN ({_words(DECLINED_WORDS)})"
    f" THEN '{Missing.DECLINED.code}' WHEN {_REASON} IN ({_words(DONT_KNOW_WORDS)}) "
    f"THEN '{Missing.DONT_KNOW.code}' ELSE '{Missing.SKIPPED.code}' END "
    f"WHEN a.value IN ('null', '\"\"', '[]') THEN '{Missing.SKIPPED.code}' ELSE '' END")

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
    """SQL giving (line or NULL, sk, item) for the sessions sk BETWEEN ? AND ?: NULL when
    SQLite's text would differ. `source`: the FROM clause, ending in WHERE or AND."""
    checks = [c for c in (_clean(sql, kind) for sql, kind in cells) if c is not None]
    line = " || ',' || ".join(_text(sql, kind) for sql, kind in cells)
    when = " AND ".join(checks) or "1"
    return (f"SELECT CASE WHEN {when} THEN {line} END, {sk}, {item} FROM {source} "
            f"{sk} BETWEEN ? AND ? ORDER BY {order}")


def _block_sql(cells: list[tuple[str, str]], source: str, sk: str, order: str) -> str:
    """SQL giving (lines joined by newlines, 1 when SQLite's text is the Python path's on
    every line, the number of lines) for the sessions sk BETWEEN ? AND ?: one Python
    string per block, not one per row, and `printf` joins the cells in one allocation.
    `source`: the FROM clause, ending in WHERE or AND."""
    checks = [c for c in (_clean(sql, kind) for sql, kind in cells) if c is not None]
    spec = ",".join("%s" for _ in cells)
    texts = ", ".join(_text(sql, kind, printf=True) for sql, kind in cells)
    line = f"printf('{spec}', {texts})"
    when = " AND ".join(checks) or "1"
    # The subquery's ORDER BY keeps it from being flattened into the aggregate, so the
    # lines reach group_concat in that order (the test compares with the Python path).
    # As a BLOB: the bytes come to Python as they are, with no decoding to check them.
    return (f"SELECT CAST(group_concat(line, char(10)) AS BLOB), min(ok), count(*) FROM "
            f"(SELECT {line} AS line, {when} AS ok FROM {source} "
            f"{sk} BETWEEN ? AND ? ORDER BY {order})")


# Each byte as its class: what makes a block (lines joined by newlines) need the Python
# path is a "!" (a control or non-printable character, a quote, any byte of a non-ASCII
# character), a cell starting like a formula ("=" at the start or after a "," that stands
# for a comma or a newline, or after a ";": a spreadsheet whose list separator is ";" splits
# there), or more separators than cells (a comma or a newline inside a cell).
_CLASSES = bytes(
    ord(","
        if b in b",\n" else "=" if b in b"=+-@" else ";" if b == 0x3B
        else "a" if 0x20 <= b < 0x7F and b != 0x22 else "!") for b in range(256))


def _plain(block: bytes, cells: int) -> bool:
    """True when `block` (UTF-8, `cells` cells in all) can be written as it is: a byte
    translation and three scans, all in C."""
    classes = block.translate(_CLASSES)
    return not (b"!" in classes or classes[:1] == b"=" or b",=" in classes
                or b";=" in classes or classes.count(b",") != cells - 1)


# Sessions per SQLite query: a block of lines is a few MB.
BLOCK = 2_000


def _csv_line(row: list[str]) -> bytes:
    """One row through the csv module (quoting as RFC 4180 wants), as UTF-8."""
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\n").writerow(row)
    return text.getvalue().encode("utf-8")


def _write(conn: Dataset, out: IO[bytes], columns: list[str],
           sql: tuple[str, str, str], slow: Callable[[int, str], list[str]]) -> None:
    """`sql`: (block query, per-line query, the sk range of the table)."""
    block_sql, line_sql, bounds = sql
    out.write(_csv_line(columns))
    low, high = conn.execute(bounds).fetchone()
    if low is None:
        return
    for first in range(low, high + 1, BLOCK):
        last = first + BLOCK - 1
        block, ok, lines = conn.execute(block_sql, (first, last)).fetchone()
        if not lines:
            continue
        if ok and _plain(block, len(columns) * lines):  # the usual case
            out.write(block)
            out.write(b"\n")
            continue
        for line, sk, item in conn.execute(line_sql, (first, last)):
            data = b"" if line is None else line.encode("utf-8")
            out.write(data + b"\n" if data and _plain(data, len(columns))
                      else _csv_line(slow(sk, item)))


def write_sessions_csv(conn: Dataset, out: IO[bytes], columns: list[str]
                       ) -> None:
    """The sessions table (these of export.SESSION_COLUMNS) as CSV (UTF-8) into `out`."""
    cells = [(c, _SESSION_KINDS.get(c, _TEXT)) for c in columns]
    sql = (_block_sql(cells, "sessions WHERE", "sk", "sk"),
           _line_sql(cells, "sessions WHERE", "sk", "''", "sk"),
           "SELECT min(sk), max(sk) FROM sessions")
    picked = ", ".join(columns)

    def slow(sk: int, _: str) -> list[str]:
        [row] = _rows(conn, f"SELECT {picked} FROM sessions WHERE sk=?", (sk,))
        return [cell(row[c]) for c in columns]
    _write(conn, out, columns, sql, slow)


def write_answers_csv(conn: Dataset, out: IO[bytes]) -> None:
    """The answers table as CSV (UTF-8) into `out`."""
    cells = [_ANSWER_CELLS[c] for c in ANSWER_COLUMNS]
    source = "answers a JOIN sessions s ON a.sk = s.sk WHERE"
    order = "a.sk, a.item_id, a.member"
    sql = (_block_sql(cells, source, "a.sk", order),
           _line_sql(cells, source, "a.sk", "a.item_id || char(31) || a.member", order),
           "SELECT min(sk), max(sk) FROM answers")

    def slow(sk: int, key: str) -> list[str]:
        # A member never holds char(31) (member ids are plain), so the last one splits.
        item_id, member = key.rsplit("\x1f", 1)
        [row] = _rows(conn, ANSWERS_SQL + " WHERE a.sk=? AND a.item_id=? AND a.member=?",
                      (sk, item_id, member))
        converted = answer_row(row)
        return [cell(converted[c]) for c in ANSWER_COLUMNS]
    _write(conn, out, list(ANSWER_COLUMNS), sql, slow)
