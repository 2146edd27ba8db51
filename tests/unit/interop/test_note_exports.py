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
        doc["plan"].update(version=plan.version, hash=plan.content_hash)
    load_documents(conn, docs)
    conn.close()
    return db


def _export(db: Path, out: Path, fmt: str, plan: str = "interview_library") -> Path:
    out.mkdir(exist_ok=True)
    conn = open_dataset(db)
    try:
        [path] = [p for p in export_files(conn, Target(out, fmt, [], True, False, "tester"))
                  if p.name.startswith(plan)]
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


# A note in a section asked only when the interview took place at home, and a note of its
# own asked only then: both "not asked" (.e, -995, `not-asked`) when it took place
# elsewhere, never "not reached" (.d, -994), which would say the session ended before it.
CONDITIONAL_NOTES = """\
[plan]
id = "note-logic"
version = 1
title = "Notes with conditions"
method = "interview"
language = "en"
minutes = 10

[[section]]
id = "where"
title = "Where"
minutes = 2

[[section.item]]
id = "place"
kind = "choice"
prompt = "Where does the interview take place?"
options = [{ value = "home", label = "At home" }, { value = "other", label = "Elsewhere" }]

[[section.item]]
id = "room"
kind = "note"
prompt = "Note the room the interview happens in."
relevant = "${place} = 'home'"

[[section]]
id = "home"
title = "At home"
minutes = 2
relevant = "${place} = 'home'"

[[section.item]]
id = "home_note"
kind = "note"
prompt = "Note who else is at home."

[[section.item]]
id = "home_size"
kind = "number"
prompt = "How many rooms does the home have?"
min = 1
max = 30
"""


def _conditional_dataset(tmp_path: Path) -> Path:
    path = tmp_path / "note-logic.toml"
    path.write_text(CONDITIONAL_NOTES, encoding="utf-8")
    plan = load_plan(path)
    db = tmp_path / "note-logic.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, path)
    docs = [document(plan_id=plan.id, answers=answers) for answers in (
        {"place": "home", "room": "Kitchen", "home_note": "Her son", "home_size": 3},
        {"place": "other"},  # neither note was asked
        {"place": "home"})]  # asked, but the session ended before them: not reached
    for doc in docs:
        doc["plan"].update(version=plan.version, hash=plan.content_hash)
    load_documents(conn, docs)
    conn.close()
    return db


def test_a_note_whose_condition_was_false_is_not_asked_in_every_export(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _conditional_dataset(tmp_path)
    dta = _export(db, tmp_path / "dta", "dta", "note_logic")
    sav = _export(db, tmp_path / "sav", "sav", "note_logic")
    df, _meta = pyreadstat.read_dta(str(dta), user_missing=True)
    assert list(df["home_size"]) == [3, "e", "d"]  # an answer of the section, as a check
    for note in ("room", "home_note"):  # own condition; its section's condition
        assert list(df[f"{note}_m"]) == [1, "e", "d"], note
        assert list(df[note]) == [df[note][0], "", ""]
    df, _meta = pyreadstat.read_sav(str(sav), user_missing=True)
    for note in ("room", "home_note"):
        assert list(df[f"{note}_m"]) == [1, -995, -994], note
    main(["export", str(db), "-o", str(tmp_path / "csv"), "--plaintext"])
    rows = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "answers.csv").read_text())))
    reasons = {(r["item_id"], r["value"], r["missing"]) for r in rows
               if r["item_id"] in ("room", "home_note")}
    assert reasons == {("room", "Kitchen", ""), ("home_note", "Her son", ""),
                       ("room", "", "not-asked"), ("home_note", "", "not-asked")}
    book = tmp_path / "book.md"
    main(["codebook", str(db), "-o", str(book)])
    capsys.readouterr()
    for note in ("room", "home_note"):
        section = book.read_text().split(f"### {note}\n")[1].split("###")[0]
        assert "otherwise not-asked" in section, note
