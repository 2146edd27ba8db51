"""A CSV opened where the list separator is ";" (Excel in a French, German, Spanish or
Portuguese locale splits each line at every ";", quotes or not): no text a device wrote
may start a formula in a cell of its own there (OWASP: a separator inside a value starts
a new cell), on SQLite's fast lines and on the Python path alike."""

from __future__ import annotations

import io
from pathlib import Path

from fieldtui.supervise.csv_lines import write_answers_csv, write_sessions_csv
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export import export_tables, sessions_table
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES

FORMULA = ("=", "+", "-", "@", "\t", "\r")
PLAIN = "x;=1+1;y"  # printable ASCII, no comma or quote: a line SQLite writes by itself
QUOTED = 'x;=HYPERLINK("http://evil.invalid";"Click");'  # needs the csv module's quoting


def _dataset(tmp_path: Path) -> Path:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    load_documents(conn, [
        document(interviewer="Ana;@SUM(1+1);", respondent="R;-2+3;",
                 answers={"travel": PLAIN, "visits": QUOTED, "rating": "a;+1;b"})])
    conn.close()
    return db


def _no_formula_after_a_semicolon(name: str, text: str) -> None:
    assert "SUM" in text if name == "sessions.csv" else "HYPERLINK" in text
    for line in text.splitlines():
        for part in line.split(";")[1:]:
            assert not part.startswith(FORMULA), (name, line)


def test_no_cell_after_a_semicolon_starts_a_formula(tmp_path: Path) -> None:
    conn = open_dataset(_dataset(tmp_path))
    files = export_tables(conn, "csv", identifiers=True)
    for name in ("sessions.csv", "answers.csv"):
        _no_formula_after_a_semicolon(name, files[name].decode("utf-8"))
    # `fieldtui export`'s own path: SQLite writes the lines it finds plainly safe
    sessions, answers = io.BytesIO(), io.BytesIO()
    write_sessions_csv(conn, sessions, sessions_table(conn)[0])
    write_answers_csv(conn, answers)
    conn.close()
    _no_formula_after_a_semicolon("sessions.csv", sessions.getvalue().decode())
    _no_formula_after_a_semicolon("answers.csv", answers.getvalue().decode())
