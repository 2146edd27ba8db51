"""An XLSForm `note` is text shown, nothing collected: it comes in as a `display` item and
goes back out as a `note`. A fieldtui `note` (a note the interviewer types) goes out as a
`text` row that Kobo and ODK collect, marked in the fieldtui column, and comes back a note."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

from fieldtui.core.plan.check import check_file
from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.cli_main import run
from tests.support.xlsform_books import bare, q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PLAN = """[plan]
id = "visit"
version = 2
title = "Visit"
method = "interview"
language = "en"
minutes = 10

[[section]]
id = "s1"
title = "Start"
minutes = 5

[[section.item]]
id = "age"
kind = "number"
prompt = "How old are you, in years?"

[[section.item]]
id = "setting"
kind = "note"
prompt = "Note the place where the interview happens."
hint = "For the interviewer only."

[[section.item]]
id = "thanks"
kind = "display"
prompt = "Thank you: ${age} years noted."
hint = "Read it aloud."
relevant = "${age} > 17"
"""


def _imported(path: Path, **kw: object) -> Plan:
    result = import_workbook(path, **kw)  # type: ignore[arg-type]
    assert not result.failed, [p.format("f") for p in result.problems]
    plan = parse_plan(result.text).plan
    assert plan is not None
    return plan


def _export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    source = tmp_path / "visit.toml"
    source.write_text(PLAN, encoding="utf-8")
    form = tmp_path / "visit.xlsx"
    code, out, err = run(["plan", "export", str(source), "--format", "xlsform", "-o",
                          str(form)], capsys)
    assert (code, out, err) == (0, f"wrote {form}\n", "")
    return source, form


def _rows(form: Path) -> dict[str, dict[str, object]]:
    sheet = openpyxl.load_workbook(form)["survey"]
    header = [c.value for c in sheet[1]]
    return {str(r[header.index("name")]): dict(zip(header, r, strict=True))
            for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("name")]}


def test_an_xlsform_note_comes_in_as_text_shown(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "S"), q("text", "a", "What is your name?"),
              q("note", "bye", "Thank you for your time, ${a}.", relevant="${a} != ''"),
              q("end group")]
    form = write_form(tmp_path / "f.xlsx", survey)
    item = _imported(form).item("bye")
    assert (item.kind, item.prompt, item.relevant) == (
        "display", "Thank you for your time, ${a}.", "${a} != ''")


def test_a_poll_form_with_a_note_imports(tmp_path: Path) -> None:
    """A poll may show text (a note in Kobo or ODK): no longer refused as an open item."""
    survey = [q("begin group", "s", "S"), q("note", "intro", "The next items are about buses."),
              q("integer", "trips", "How many bus trips did you make last week?"),
              q("end group")]
    form = write_form(tmp_path / "f.xlsx", survey)
    plan = _imported(form, method="poll")
    assert plan.item("intro").kind == "display"


def test_an_interviewer_note_goes_out_as_text_and_comes_back_a_note(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, form = _export(tmp_path, capsys)
    row = _rows(form)["setting"]
    assert row["type"] == "text"  # Kobo and ODK collect what the interviewer types
    assert json.loads(str(row["fieldtui"])) == {"kind": "note"}
    assert _imported(form).item("setting").kind == "note"


def test_a_display_item_goes_out_as_an_xlsform_note(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, form = _export(tmp_path, capsys)
    row = _rows(form)["thanks"]
    assert (row["type"], row["label"], row["relevant"], row["fieldtui"]) == (
        "note", "Thank you: ${age} years noted.", "${age} > 17", None)
    xform = convert(xlsform=form).xform
    assert 'nodeset="/data/s1/thanks" readonly="true()"' in xform
    assert 'nodeset="/data/s1/setting" type="string"' in xform
    assert 'nodeset="/data/s1/setting" readonly' not in xform


def test_round_trip_with_a_display_item_and_a_note(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, form = _export(tmp_path, capsys)
    result = import_workbook(form)
    assert result.problems == []
    back = parse_plan(result.text).plan
    assert back is not None and bare(back) == bare(load_plan(source))


def test_lenient_rows_become_text_shown(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """What a terminal cannot ask is said on screen, not typed into: a display item."""
    survey = [q("begin group", "s", "S"), q("text", "a", "What is your name?"),
              q("image", "photo", "Photo of the house"),
              q("calculate", "c", calculation="pulldata('x', 'y', 'z', 'w')"), q("end group")]
    form = write_form(tmp_path / "form.xlsx", survey)
    target = tmp_path / "out.toml"
    code, _, _ = run(["plan", "import", str(form), "--lenient", "-o", str(target)], capsys)
    assert code == 0 and [f for f in check_file(target) if f.level == "error"] == []
    plan = parse_plan(target.read_text()).plan
    assert plan is not None
    assert [plan.item(i).kind for i in ("photo", "c")] == ["display", "display"]
