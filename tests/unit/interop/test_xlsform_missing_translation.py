"""A text missing in one language of a bilingual form is said on the cell to fill in: the
row it is missing from (a choice's on the choices sheet, once, however many questions use
its list), in that language's column, with what to do in the form's terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.xlsform_books import write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
EN, FR = "label::English (en)", "label::Français (fr)"


def test_each_missing_text_is_said_on_its_own_cell(tmp_path: Path) -> None:
    survey = [{"type": "select_one yn", "name": "water", EN: "Piped water?", FR: "Eau courante ?"},
              {"type": "text", "name": "why", EN: "Why?"},
              {"type": "select_one yn", "name": "power", EN: "Power?", FR: "Électricité ?"}]
    choices = [{"list_name": "yn", "name": "yes", EN: "Yes", FR: "Oui"},
               {"list_name": "yn", "name": "no", EN: "No"}]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey, choices,
                                        {"form_id": "f", "default_language": "English (en)"}))
    missing = [p for p in result.problems if p.rule == "missing-translation"]
    assert [(p.sheet, p.row, p.column) for p in missing] == [
        ("survey", 3, FR), ("choices", 3, FR)]
    for problem in missing:
        line = problem.format("f.xlsx")
        assert "'fr'" in line and f"fill in its {FR} column" in line, line
        assert "section." not in line and 'fr = "' not in line, line
