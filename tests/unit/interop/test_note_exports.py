"""What an interviewer types into a `note` item (plans/interview-library.toml: `setting`,
`interviewer_impression`) reaches every export as a text variable, like an open answer:
CSV and Parquet long tables, Stata and SPSS wide files, the codebook. It is device text:
no formula and no control character reaches a file, and it keeps to each format's length
limit."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from fieldtui.cli import main
from fieldtui.core.plan.load import load_plan
from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import HOSTILE, document, load_documents, record_plans
from tests.support.paths import PLANS

pyreadstat = pytest.importorskip("pyreadstat")

PLAN = PLANS / "interview-library.toml"
LONG_NOTE = "é" * 20_000  # 40,000 UTF-8 bytes: over SPSS's 32,767-byte text cell


def _dataset(tmp_path: Path) -> Path:
    plan = load_plan(PLAN)
    assert {i.id: i.kind for i in plan.items}["setting"] == "note"
    db = tmp_path / "notes.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, PLAN)
    docs = [document(plan_id=plan.id, answers=answers) for answers in (
        {"setting": HOSTILE, "interviewer_impression": "Open, relaxed."},
        {"setting": "At the library café", "interviewer_impression": LONG_NOTE},
        {"years_area": 3})]
    for doc in docs:
        doc["plan"]["hash"] = plan.content_hash
    load_documents(conn, docs)
    conn.close()
    return db


def _export(db: Path, out: Path, fmt: str) -> Path:
    out.mkdir(exist_ok=True)
    conn = open_dataset(db)
    try:
        [path] = [p for p in export_files(conn, Target(out, fmt, [], True, False, "tester"))
                  if p.name.startswith("interview_library")]
    finally:
        conn.close()
    return path


def _check_cells(df: Any, long_limit: int | None) -> None:
    assert list(df["setting"]) == [
        "'=HYPERLINK(\"http://evil\")\\x1b]0;title\\x07\\x1b[2J\\x9b2J\\x9d0;t\\x07[bold]B"
        "[/bold]", "At the library café", ""]
    assert list(df["setting_m"])[:2] == [1, 1]
    impression = list(df["interviewer_impression"])
    assert impression[0] == "Open, relaxed."
    if long_limit is None:
        assert impression[1] == LONG_NOTE
    else:
        assert len(impression[1].encode("utf-8")) <= long_limit
        assert impression[1].startswith("é" * 100) and impression[1].endswith("…")


def test_a_note_item_is_a_text_variable_in_stata_and_spss(tmp_path: Path) -> None:
    db = _dataset(tmp_path)
    df, meta = pyreadstat.read_dta(str(_export(db, tmp_path / "dta", "dta")))
    assert meta.column_names_to_labels["setting"] == \
        "Note the place where the interview happens."
    _check_cells(df, None)  # Stata 15 strL: no limit to cut to
    df, meta = pyreadstat.read_sav(str(_export(db, tmp_path / "sav", "sav")))
    _check_cells(df, 32_767)
    assert "setting_m" in meta.column_names


def test_a_note_item_is_in_the_long_tables_and_the_codebook(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _dataset(tmp_path)
    main(["export", str(db), "-o", str(tmp_path / "csv"), "--plaintext"])
    rows = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "answers.csv").read_text())))
    notes = {r["value"] for r in rows if r["item_id"] == "setting"}
    assert notes == {"'=HYPERLINK(\"http://evil\")\\x1b]0;title\\x07\\x1b[2J\\x9b2J\\x9d0;t"
                     "\\x07[bold]B[/bold]", "At the library café"}
    pq = pytest.importorskip("pyarrow.parquet")
    main(["export", str(db), "-o", str(tmp_path / "pq"), "--plaintext", "--format", "parquet"])
    table = pq.read_table(tmp_path / "pq" / "answers.parquet").to_pylist()
    assert {r["value"] for r in table if r["item_id"] == "setting"} == notes
    book = tmp_path / "book.md"
    main(["codebook", str(db), "-o", str(book)])
    capsys.readouterr()
    text = book.read_text()
    section = text.split("### setting\n")[1].split("###")[0]
    assert "- item: `setting` (note)\n- type: text\n" in section
    assert "### setting_m\n" in text and "### interviewer_impression\n" in text
