"""XLSForm's `required_message` (and its `::language` columns) in and out: import keeps it
as the item's `required_message`, export writes it back, and a plan carrying it goes round
the trip unchanged."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.interop.xlsform.exporter import export_plan
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.paths import FIXTURES
from tests.support.xlsform_books import bare, q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PLAN = FIXTURES / "required_messages.toml"
EN, FR = "::English (en)", "::French (fr)"


def test_import_keeps_it_in_one_language(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "Home"),
              q("integer", "n", "How many rooms are there?", required="yes",
                required_message="Count the kitchen too."),
              q("end group")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert [p.format("f.xlsx") for p in result.problems] == []
    plan = parse_plan(result.text).plan
    assert plan is not None
    assert plan.item("n").required_message == "Count the kitchen too."


def test_import_keeps_it_in_every_language(tmp_path: Path) -> None:
    survey = [{"type": "begin group", "name": "s", f"label{EN}": "Travel",
               f"label{FR}": "Voyage"},
              {"type": "integer", "name": "n", f"label{EN}": "How many trips?",
               f"label{FR}": "Combien de voyages ?", "required": "${n} != 0",
               f"required_message{EN}": "Please answer.",
               f"required_message{FR}": "Veuillez répondre."},
              {"type": "end group"}]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert [p.format("f.xlsx") for p in result.problems] == []
    plan = parse_plan(result.text).plan
    assert plan is not None
    assert plan.item("n").required_message == "Please answer."
    assert plan.localized("fr").item("n").required_message == "Veuillez répondre."


def test_on_a_row_that_is_not_required_it_is_said_not_to_be_kept(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "Home"),
              q("text", "t", "What is the street called?", required_message="Needed."),
              q("end group")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert [p.format("f.xlsx") for p in result.problems] == [
        "f.xlsx: survey row 3, column required_message: warning: not-kept: required_message is "
        "not kept on a row that is not required — make the row required, or clear the message"]
    plan = parse_plan(result.text).plan
    assert plan is not None and plan.item("t").required_message == ""


def test_export_writes_it_per_language_and_pyxform_converts_it(tmp_path: Path) -> None:
    form = tmp_path / "f.xlsx"
    form.write_bytes(export_plan(PLAN))
    sheet = openpyxl.load_workbook(form)["survey"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("name")]: dict(zip(header, r, strict=True))
            for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("name")]}
    assert rows["rooms"]["required_message::English (en)"] == \
        "The room count sets the sample weight: ask again."
    assert rows["rooms"]["required_message::Chinese (zh)"] == "房间数决定样本权重:请再问一次。"
    assert rows["tenure"]["required_message::Chinese (zh)"] == "自有或租住决定下一部分。"
    assert "required_message" not in (rows["street"]["fieldtui"] or "")
    xform = convert(xlsform=form).xform
    assert "jr:requiredMsg" in xform and "房间数决定样本权重:请再问一次。" in xform


def test_a_plan_with_it_goes_round_the_trip(tmp_path: Path) -> None:
    form = tmp_path / "f.xlsx"
    form.write_bytes(export_plan(PLAN))
    result = import_workbook(form)
    assert result.problems == []
    back = parse_plan(result.text).plan
    assert back is not None
    original = load_plan(PLAN)
    assert bare(back) == bare(original)
    for lang in original.languages:
        assert bare(back.localized(lang)) == bare(original.localized(lang))
    assert back.localized("zh").item("rooms").required_message == "房间数决定样本权重:请再问一次。"
