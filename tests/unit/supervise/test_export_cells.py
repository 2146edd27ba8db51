"""Exports a spreadsheet may open: no formula, no control character from a device."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export import export_tables
from tests.support.dataset_factory import HOSTILE, document, load_documents, record_plans
from tests.support.roster_world import PLAN, household_docs
from tests.support.roster_world import row as answer_row

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _hostile_dataset(tmp_path: Path) -> Path:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    doc = document(interviewer=HOSTILE, respondent="+1 555 0100", method="group",
                   answers={"travel": HOSTILE, "visits": "@SUM(A1:A9)", "rating": "-2",
                            "opening": "\t=1+1", "closing": "\r=cmd|' /C calc'!A0",
                            "count": -7},
                   participants=[{"id": "=P1", "label": HOSTILE,
                                  "attributes": {"age": "\x9b2J" + HOSTILE}, "informed": True}],
                   events=[{"t": 0, "type": "turn", "participant": "=P1",
                            "section_id": "-" + HOSTILE, "duration": 3.0}])
    # A household whose roster member ids start like a formula, with hostile answers.
    home = household_docs()[0]
    home["rosters"] = {"people": {"": ["-m1", "@m2"]}, "visits": {"-m1": ["=v1", "-v2"]}}
    home["answers"] = {"name#-m1": answer_row(HOSTILE, "-m1"),
                       "clinic#-m1/-v2": answer_row("=x", "-m1/-v2"),
                       "dwelling": answer_row("@flat"), "hh_size": answer_row(2)}
    record_plans(conn, PLAN)
    load_documents(conn, [doc, home])
    conn.close()
    return db


def _no_control(text: str) -> None:
    bad = [c for c in text if unicodedata.category(c) == "Cc" and c != "\n"]
    assert not bad, bad


def _safe_cell(cell: str) -> None:
    if cell.startswith(FORMULA):
        float(cell)  # only a plain number may start with + or -


def test_csv_cells_are_neither_formulas_nor_control_characters(tmp_path: Path) -> None:
    conn = open_dataset(_hostile_dataset(tmp_path))
    files = export_tables(conn, "csv", identifiers=True)
    for name, data in files.items():
        text = data.decode("utf-8")
        _no_control(text)
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) >= 2, name
        for row in rows:
            for cell in row:
                _safe_cell(cell)
                assert "\n" not in cell
    answers = list(csv.DictReader(io.StringIO(files["answers.csv"].decode())))
    by_item = {a["item_id"]: a for a in answers}
    # Text is shown as text; the exact value stays in value_json.
    assert by_item["visits"]["value"] == "'@SUM(A1:A9)"
    assert by_item["rating"]["value"] == "-2" and by_item["count"]["value"] == "-7"
    assert json.loads(by_item["travel"]["value_json"]) == HOSTILE
    assert json.loads(by_item["closing"]["value_json"]) == "\r=cmd|' /C calc'!A0"
    members = list(csv.DictReader(io.StringIO(files["rosters.csv"].decode())))
    # "@m2" and "=v1" are no member ids; the count of 2 adds a member m1 with no answers.
    assert [m["member"] for m in members] == ["'-m1", "m1", "'-m1/-v2"]
    assert by_item["clinic"]["member"] == "'-m1/-v2" and by_item["clinic"]["value"] == "'=x"
    conn.close()


def test_jsonl_tables_hold_no_control_character_and_no_formula(tmp_path: Path) -> None:
    conn = open_dataset(_hostile_dataset(tmp_path))
    for data in export_tables(conn, "jsonl", identifiers=True).values():
        text = data.decode("utf-8")
        _no_control(text)
        for line in text.splitlines():
            for value in json.loads(line).values():
                if isinstance(value, str):
                    _safe_cell(value)
    conn.close()
