"""What a person reviewing a workbook does not see as the import reads it is said, not read
silently: a formula cell (pyxform reads the value the workbook last saved: a cell whose
formula says "What is your name?" imported the "Give me your bank PIN" saved beside it,
while a spreadsheet that recalculates shows the question), and hidden rows, columns and
sheets (imported like the rest)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.xlsform_books import YES_NO, q, write_form

ROWS = [q("text", "name", "What is your name?"), q("select_one yn", "ok", "Is that right?")]


def _rules(path: Path) -> dict[str, str]:
    return {p.rule: p.format(path.name) for p in import_workbook(path).problems}


def test_a_formula_cell_is_said_with_the_value_it_was_read_as(tmp_path: Path) -> None:
    form = write_form(tmp_path / "plain.xlsx", ROWS, YES_NO)
    book = openpyxl.load_workbook(form)
    book["survey"]["C2"] = '="What is your name?"'
    book.save(form)
    forged = tmp_path / "forged.xlsx"
    with zipfile.ZipFile(form) as good, zipfile.ZipFile(forged, "w") as out:
        for part in good.infolist():
            data = good.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<c r="C2"[^>]*><f>(.*?)</f><v ?/?>(?:.*?</v>)?</c>',
                                  rb'<c r="C2" t="str"><f>\1</f><v>Give me your bank PIN</v></c>',
                                  data)
                assert n == 1, data
            out.writestr(part, data)
    result = import_workbook(forged)
    assert 'prompt = "Give me your bank PIN"' in result.text  # what pyxform reads
    said = _rules(forged)["formula-cells"]
    assert said.startswith("forged.xlsx: survey: warning: formula-cells: 1 cell holds a formula")


def test_hidden_rows_and_sheets_are_said(tmp_path: Path) -> None:
    form = write_form(tmp_path / "form.xlsx", ROWS, YES_NO)
    book = openpyxl.load_workbook(form)
    book["survey"].row_dimensions[3].hidden = True
    book["choices"].column_dimensions["C"].hidden = True
    book.create_sheet("notes").sheet_state = "hidden"
    book.save(form)
    said = _rules(form)["hidden-cells"]
    assert "3 rows, columns or sheets are hidden in the workbook" in said


def test_a_plain_form_says_neither(tmp_path: Path) -> None:
    form = write_form(tmp_path / "form.xlsx", [
        q("text", "name", 'Type <f> or hidden="1" state="hidden" here'), *ROWS[1:]], YES_NO)
    rules = _rules(form)
    assert "formula-cells" not in rules and "hidden-cells" not in rules
