"""A form's names for its languages come in with `plan import` and go back out with
`plan export`: `label::Chichewa (ny)` stayed "ny" in the app and came back as `label::ny (ny)`."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.cli_main import run
from tests.support.xlsform_books import write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _form(path: Path, other: str, default: str = "English (en)") -> Path:
    rows = [{"type": "begin group", "name": "s", "label::English (en)": "Start",
             f"label::{other}": "Yambani"},
            {"type": "text", "name": "a", "label::English (en)": "What is your name?",
             f"label::{other}": "Dzina lanu ndani?", "hint::English (en)": "First name",
             f"hint::{other}": "Dzina loyamba"},
            {"type": "select_one yn", "name": "b", "label::English (en)": "Do you farm?",
             f"label::{other}": "Kodi mumalima?"},
            {"type": "end group"}]
    choices = [{"list_name": "yn", "name": n, "label::English (en)": en, f"label::{other}": ny}
               for n, en, ny in (("yes", "Yes", "Inde"), ("no", "No", "Ayi"))]
    return write_form(path, rows, choices, {"default_language": default})


def _export(toml: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _out, err = run(["plan", "export", str(toml), "--format", "xlsform", "-o", str(out)],
                          capsys)
    assert code == 0, err
    return out


def test_a_language_the_app_does_not_name_keeps_the_forms_name_both_ways(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = import_workbook(_form(tmp_path / "f.xlsx", "Chichewa (ny)"))
    assert result.problems == []
    plan = parse_plan(result.text).plan
    assert plan is not None and plan.languages == ("en", "ny")
    assert plan.language_names == {"ny": "Chichewa"}
    toml = tmp_path / "f.toml"
    toml.write_text(result.text, encoding="utf-8")
    form = _export(toml, tmp_path / "back.xlsx", capsys)
    book = openpyxl.load_workbook(form)
    survey = [c.value for c in book["survey"][1]]
    assert {"label::Chichewa (ny)", "hint::Chichewa (ny)"} <= set(survey)
    assert not any(str(c).endswith("::ny (ny)") for c in survey)
    assert "label::Chichewa (ny)" in [c.value for c in book["choices"][1]]
    assert "<h:html" in convert(xlsform=form).xform  # pyxform takes the names as they are
    again = import_workbook(form)
    assert again.problems == [] and again.text == result.text


def test_a_default_name_is_not_written_into_the_plan(tmp_path: Path) -> None:
    """`English (en)`, `French (fr)`: the names export writes anyway; the plan says nothing."""
    result = import_workbook(_form(tmp_path / "f.xlsx", "French (fr)"))
    plan = parse_plan(result.text).plan
    assert plan is not None and plan.language_names == {}
    assert "language_names" not in result.text


def test_the_default_languages_name_is_kept_too(tmp_path: Path) -> None:
    result = import_workbook(_form(tmp_path / "f.xlsx", "Chichewa (ny)", "Chichewa (ny)"))
    plan = parse_plan(result.text).plan
    assert plan is not None and plan.language == "ny" and plan.language_names == {"ny": "Chichewa"}


@pytest.mark.parametrize("column", ["Chi]chewa (ny)", "Chi\u202echewa (ny)", "x" * 41 + " (ny)"])
def test_an_unfit_name_is_not_kept_and_the_column_is_still_read(tmp_path: Path,
                                                                 column: str) -> None:
    """A header from someone else's workbook: a name with a bracket or a control character,
    or too long for a plan, is dropped (the tag is read, the texts kept)."""
    result = import_workbook(_form(tmp_path / "f.xlsx", column))
    plan = parse_plan(result.text).plan
    assert plan is not None and plan.languages == ("en", "ny") and plan.language_names == {}
    assert plan.localized("ny").item("a").prompt == "Dzina lanu ndani?"
