"""What `plan import` makes of a form agrees with what pyxform itself reads from it
(`parse_file_to_json`): every question by name, its kind, label, conditions, checks,
calculation, choices, and every group or repeat with its count."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from pyxform.xls2json import parse_file_to_json

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.interop.xlsform.exporter import export_plan
from fieldtui.interop.xlsform.importer import import_workbook
from fieldtui.interop.xlsform.texts import suffix
from tests.support.paths import FIXTURES, PLANS
from tests.support.xlsform_books import YES_NO, choice, q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
KINDS = {"text": "open", "string": "open", "integer": "number", "decimal": "number", "select one": "choice",
         "select all that apply": "multi", "note": "display", "calculate": "calculate",
         "date": "date", "time": "time"}


def _mapping_form(path: Path) -> Path:
    survey = [q("begin group", "place", "Place", relevant="1 = 1"),
              q("select_one region", "region", "Which region is the dwelling in?", required="yes"),
              q("select_one district", "district", "Which district is the dwelling in?",
                choice_filter="region = ${region}"),
              q("integer", "size", "How many people live here?", constraint=". >= 1",
                constraint_message="At least one.", default="1"),
              q("end group"),
              q("begin repeat", "members", "Members", repeat_count="${size}"),
              q("text", "name", "What is this person's first name?", required="yes"),
              q("decimal", "height", "How tall is ${name}, in metres?",
                required="${name} != ''", relevant="${name} != 'x'"),
              q("select_multiple assets", "owns", "Which of these does ${name} own?"),
              q("calculate", "tall", calculation="if(${height} > 1.8, 1, 0)"),
              q("end repeat"),
              q("begin group", "end", "End"), q("date", "when", "Date of the interview."),
              q("time", "at", "Time the interview ends."), q("note", "bye", "Thank them."),
              q("end group")]
    choices = [choice("region", "n", "North"), choice("region", "s", "South"),
               choice("district", "lake", "Lake", region="n"),
               choice("district", "coast", "Coast", region="s"),
               choice("assets", "radio"), choice("assets", "phone"), *YES_NO]
    return write_form(path, survey, choices, settings={"form_id": "mapping"})


def _walk(node: dict[str, Any], groups: list[dict[str, Any]],
          questions: list[dict[str, Any]], *, top: bool = True) -> None:
    """Groups and questions in order; a run of questions outside every group is one
    section of the plan (named after the form), so it stands in `groups` as an empty dict."""
    loose = False
    for child in node.get("children", ()):
        if child["type"] == "group" and child["name"] == "meta":  # pyxform's instanceID
            continue
        if child["type"] in ("group", "repeat"):
            groups.append(child)
            _walk(child, groups, questions, top=False)
            loose = False
        else:
            if top and not loose:
                groups.append({})
            loose = top
            questions.append(child)


def _agree(form: Path, plan: Plan) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = parse_file_to_json(str(form), warnings=[])
    groups: list[dict[str, Any]] = []
    questions: list[dict[str, Any]] = []
    _walk(parsed, groups, questions)
    assert [g.get("name", s.id) for g, s in zip(groups, plan.sections, strict=True)] == [
        s.id for s in plan.sections]
    for group, section in zip(groups, plan.sections, strict=True):
        assert (group.get("type") == "repeat") == section.repeat
        assert group.get("control", {}).get("jr:count") == section.repeat_count
        assert group.get("bind", {}).get("relevant") == section.relevant
    # pyxform adds a text question `X_other` for `select_one X or_other`: so does the import
    assert [x["name"] for x in questions] == [i.id for i in plan.items]
    for question in questions:
        item = plan.item(question["name"])
        bind = question.get("bind", {})
        # an interviewer's note is a text question for pyxform (its kind in our own column)
        kind = item.kind if item.kind in ("scale", "note") else KINDS[question["type"]]
        assert item.kind != "note" or question["type"] == "text", item.id
        assert item.kind == kind, item.id
        label = _one_language(question.get("label", ""), plan)
        if isinstance(label, dict):  # pyxform's labels by language column: each one agrees
            for lang in plan.languages:
                assert label[suffix(lang)] == plan.localized(lang).item(item.id).prompt
        else:
            assert label == item.prompt
        relevant = bind.get("relevant")
        if relevant and item.id.endswith("_other"):  # pyxform's own question: an XPath
            relevant = re.sub(r"\.\./(\w+)", r"${\1}", relevant)
        assert relevant == item.relevant
        assert bind.get("constraint") == item.constraint
        assert bind.get("jr:constraintMsg", "") == item.constraint_message
        assert bind.get("calculate") == item.calculation
        required = bind.get("required")
        assert (required == "yes") == item.required
        assert (required if required not in (None, "yes") else None) == item.required_if
        if "choices" in question and item.labels and not plan.languages:
            assert [c["name"] for c in question["choices"]] == list(item.options)
            assert [_one_language(c["label"], plan) for c in question["choices"]] == list(
                item.labels)


def _one_language(label: Any, plan: Plan) -> Any:
    """A text of a one-language form whose column names its language (`label:english`):
    pyxform keeps it by language, the plan as a plain string."""
    if isinstance(label, dict) and not plan.languages and len(label) == 1:
        return next(iter(label.values()))
    return label


def test_a_form_of_every_supported_row(tmp_path: Path) -> None:
    form = _mapping_form(tmp_path / "f.xlsx")
    result = import_workbook(form)
    assert not result.failed
    plan = parse_plan(result.text).plan
    assert plan is not None
    _agree(form, plan)


@pytest.mark.parametrize("name", [p.stem for p in sorted(PLANS.glob("*.toml"))])
def test_exported_plans(name: str, tmp_path: Path) -> None:
    form = tmp_path / "f.xlsx"
    form.write_bytes(export_plan(PLANS / f"{name}.toml"))
    plan = parse_plan(import_workbook(form).text).plan
    assert plan is not None
    _agree(form, plan)


PYXFORM_EXAMPLES = FIXTURES / "xlsform" / "pyxform_examples"


def test_pyxform_examples_are_there() -> None:
    """The forms of pyxform's own tests that use only what fieldtui supports (README)."""
    assert len(list(PYXFORM_EXAMPLES.glob("*.xls*"))) == 17


@pytest.mark.parametrize("name", [p.name for p in sorted(PYXFORM_EXAMPLES.glob("*.xls*"))])
def test_pyxform_examples(name: str) -> None:
    """Each imports with no error (old spellings too: `list name`, `label:english`,
    `select one from …`, `id_string`) and agrees with what pyxform reads from it."""
    form = PYXFORM_EXAMPLES / name
    result = import_workbook(form)
    assert not result.failed, [p.format(name) for p in result.problems]
    loaded = parse_plan(result.text)
    assert loaded.plan is not None, [f.format() for f in loaded.findings]
    _agree(form, loaded.plan)
