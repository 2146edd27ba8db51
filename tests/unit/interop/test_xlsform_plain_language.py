"""A form whose default language is in plain `label` columns and a translation in
`label::Français (fr)` ones (as Kobo writes a form given a translation later): pyxform reads
the plain columns as the settings' default_language. Neither language may be dropped, nor
one language's texts be filed under the other's tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.xlsform_books import write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FR = "label::Français (fr)"
SURVEY = [{"type": "select_one yn", "name": "water", "label": "Do you have water?",
           FR: "Avez-vous de l'eau ?"},
          {"type": "text", "name": "why", "label": "Why?", FR: "Pourquoi ?",
           "hint::English (en)": "Ask in full.", "hint::Français (fr)": "Demandez tout."}]
CHOICES = [{"list_name": "yn", "name": "yes", "label": "Yes", FR: "Oui"},
           {"list_name": "yn", "name": "no", "label": "No", FR: "Non"}]


def test_plain_columns_are_the_settings_default_language(tmp_path: Path) -> None:
    path = write_form(tmp_path / "f.xlsx", SURVEY, CHOICES,
                      {"form_id": "f", "default_language": "English (en)"})
    result = import_workbook(path)
    assert not result.failed, [p.format("f") for p in result.problems]
    plan = parse_plan(result.text).plan
    assert plan is not None
    assert plan.document["plan"]["languages"] == ["en", "fr"]
    assert plan.document["plan"]["default_language"] == "en"
    water = plan.document["section"][0]["item"][0]
    assert water["prompt"] == {"en": "Do you have water?", "fr": "Avez-vous de l'eau ?"}
    assert water["options"][0]["label"] == {"en": "Yes", "fr": "Oui"}
    assert plan.localized("fr").item("why").prompt == "Pourquoi ?"
    assert plan.localized("en").item("why").hint == "Ask in full."


@pytest.mark.parametrize("settings", [None, {"form_id": "f"}])
def test_plain_columns_of_no_named_language_are_refused_in_one_line(
        tmp_path: Path, settings: dict[str, str] | None) -> None:
    """Without default_language the plain columns' language is unknown: the import says so
    on the column, rather than keep one language and drop the other in silence."""
    survey = [{k: v for k, v in row.items() if not k.startswith("hint")} for row in SURVEY]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey, CHOICES, settings))
    assert result.failed
    errors = [p for p in result.problems if p.level == "error"]
    assert [(p.rule, p.column) for p in errors] == [("unknown-language", "label")]
    line = errors[0].format("f.xlsx")
    assert "\n" not in line and "default_language" in line and "label::" in line
