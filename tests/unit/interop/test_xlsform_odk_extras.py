"""ODK's appearances, settings columns, required notes and label formatting: none dropped
silently. An appearance that only changes how a phone draws the widget is ignored and said
once; one that changes what is asked or recorded is refused (--lenient: replaced, and said);
settings fieldtui does not read are named in one line; a required note is a note; Markdown and
<span> marks in labels are dropped (the words kept), said once per form."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.xlsform.exporter import export_plan
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.xlsform_books import YES_NO, bare, q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

G, E = q("begin group", "s", "Home"), q("end group")


def _lines(result: object, name: str = "f.xlsx") -> list[str]:
    return [p.format(name) for p in result.problems]  # type: ignore[attr-defined]


def test_layout_appearances_are_ignored_and_said_once(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "Home", appearance="field-list"),
              q("select_one yn", "a", "Do you smoke?", appearance="minimal"),
              q("select_one yn", "b", "Do you drink?", appearance="likert w2"),
              q("text", "c", "What did you eat?", appearance="multiline"),
              q("select_one yn", "d", "Do you walk?", appearance="minimal"), E]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey, YES_NO))
    assert not result.failed, _lines(result)
    ignored = [p for p in result.problems if p.rule == "appearance-ignored"]
    assert len(ignored) == 1 and ignored[0].level == "warning"
    line = ignored[0].format("f.xlsx")
    for said in ("field-list (row 2)", "minimal (rows 3, 6)", "likert (row 4)", "w2 (row 4)",
                 "multiline (row 5)"):
        assert said in line, line
    assert [p for p in result.problems if p is not ignored[0]] == []


@pytest.mark.parametrize(("row", "why"), [
    (q("date", "a", "When did you move here?", appearance="month-year"), "full date"),
    (q("date", "a", "When did you move here?", appearance="no-calendar year"), "full date"),
    (q("integer", "a", "How many?", appearance="counter"), "typed"),
    (q("select_one yn", "a", "Do you smoke?", appearance="label"), "as a note"),
    (q("select_one yn", "a", "Do you smoke?", appearance="list-nolabel"), "with its answers"),
    (q("select_one yn", "a", "Do you smoke?", appearance="search('fruits')"), "outside"),
    (q("text", "a", "Your name?", appearance="ex:org.app(x='y')"), "outside"),
    (q("select_one yn", "a", "Do you smoke?", appearance="map"), "lists the answers"),
    (q("date", "a", "When?", appearance="ethiopian"), "Gregorian"),
])
def test_appearances_that_change_the_answer_are_refused(tmp_path: Path, row: dict[str, str],
                                                        why: str) -> None:
    book = write_form(tmp_path / "f.xlsx", [G, row, q("text", "b", "Your name?"), E], YES_NO)
    result = import_workbook(book)
    assert result.failed and result.text == ""
    errors = [p for p in result.problems if p.level == "error"]
    assert [(p.row, p.column, p.rule) for p in errors] == [(3, "appearance",
                                                            "unsupported-appearance")]
    assert why in errors[0].message
    lenient = import_workbook(book, lenient=True)
    assert not lenient.failed and lenient.text
    warned = [p for p in lenient.problems if p.rule == "unsupported-appearance"]
    assert len(warned) == 1 and warned[0].level == "warning"
    assert " — " in warned[0].message  # what it was replaced by


def test_a_label_row_becomes_a_note_when_lenient(tmp_path: Path) -> None:
    survey = [G, q("select_one yn", "h", "Answers", appearance="label"),
              q("select_one yn", "a", "Do you smoke?", appearance="list-nolabel"), E]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey, YES_NO), lenient=True)
    plan = parse_plan(result.text).plan
    assert plan is not None
    assert plan.item("h").kind == "display" and "Answers" in str(plan.item("h").prompt)
    assert plan.item("a").kind == "choice"


def test_settings_columns_not_read_are_said_in_one_line_each(tmp_path: Path) -> None:
    settings = {"form_title": "Homes", "form_id": "homes", "style": "pages",
                "instance_name": "concat(${a}, '')", "public_key": "MIIB", "submission_url":
                "https://example.org/submit", "allow_choice_duplicates": "yes"}
    result = import_workbook(write_form(tmp_path / "f.xlsx", [G, q("text", "a", "Your name?"),
                                                               E], (), settings))
    assert not result.failed and result.text
    lines = _lines(result)
    assert len(lines) == 2, lines
    sealing = next(line for line in lines if "public_key" in line)
    assert "submission_url" in sealing and "seal" in sealing
    others = next(line for line in lines if "style" in line)
    for name in ("instance_name", "allow_choice_duplicates"):
        assert name in others
    assert all(": warning: " in line for line in lines)


def test_a_required_note_imports_as_a_note(tmp_path: Path) -> None:
    survey = [G, q("integer", "n", "How many rooms are there?"),
              q("note", "hello", "You said ${n} rooms.", required="yes"), E]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert not result.failed, _lines(result)
    plan = parse_plan(result.text).plan
    assert plan is not None
    assert plan.item("hello").kind == "display" and not plan.item("hello").required


_FORMATTED = [
    ("Do you **ever** smoke?", "Do you ever smoke?"),
    ("In the *last 7 days*, did you work?", "In the last 7 days, did you work?"),
    ("In the _last 7 days_, did you work?", "In the last 7 days, did you work?"),
    ("# Household roster", "Household roster"),
    ("**不要**读出选项", "不要读出选项"),
    ('Read <span style="color:red">slowly</span> to the respondent.',
     "Read slowly to the respondent."),
    ("See [the guide](https://example.org/g) first.", "See the guide (https://example.org/g) first."),
]
_PLAIN = ["What is 5 * 3 * 2?", "Type your user_name_here now.", "Is ${first_name} at home?",
          "Rate it from 1*", "Room #2 or #3?", "# of rooms?", "Is x*y*z right?"]


def test_label_formatting_is_simplified_and_said_once(tmp_path: Path) -> None:
    survey = [G] + [q("text", f"a{i}", label) for i, (label, _w) in enumerate(_FORMATTED)] \
        + [q("text", f"p{i}", label) for i, label in enumerate(_PLAIN)] \
        + [q("text", "first_name", "Name?"), E]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey), lenient=False)
    assert not result.failed, _lines(result)
    plan = parse_plan(result.text).plan
    assert plan is not None
    for i, (_label, want) in enumerate(_FORMATTED):
        assert plan.item(f"a{i}").prompt == want
    for i, label in enumerate(_PLAIN):
        assert plan.item(f"p{i}").prompt == label
    simplified = [p for p in result.problems if p.rule == "formatting-simplified"]
    assert len(simplified) == 1 and simplified[0].level == "warning"
    assert "7" in simplified[0].message


def test_a_simplified_form_round_trips(tmp_path: Path) -> None:
    survey = [G] + [q("text", f"a{i}", label) for i, (label, _w) in enumerate(_FORMATTED)] + [E]
    first = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    plan = parse_plan(first.text).plan
    assert plan is not None
    (tmp_path / "plan.toml").write_text(first.text, encoding="utf-8")
    (tmp_path / "back.xlsx").write_bytes(export_plan(tmp_path / "plan.toml"))
    again = import_workbook(tmp_path / "back.xlsx")
    assert not [p for p in again.problems if p.rule == "formatting-simplified"]
    back = parse_plan(again.text).plan
    assert back is not None and bare(back) == bare(plan)


def test_an_escaped_mark_is_shown_as_odk_shows_it(tmp_path: Path) -> None:
    survey = [G, q("text", "a", r"Press \*ok\* then \_next\_"), E]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert _lines(result) == []
    plan = parse_plan(result.text).plan
    assert plan is not None and plan.item("a").prompt == "Press *ok* then _next_"


@pytest.mark.parametrize("prompt", [
    "Do **not** read the answers aloud.", "Is it *very* far?", "Press \\\\*ok\\\\* now.",
    "# Household", "See [the card](card.png).", "C:\\\\data\\\\_old is <span>the</span> folder.",
])
def test_a_plan_with_marks_in_its_words_round_trips(tmp_path: Path, prompt: str) -> None:
    first = import_workbook(write_form(tmp_path / "f.xlsx", [G, q("text", "a", "Name?"), E]))
    text = first.text.replace('prompt = "Name?"', f'prompt = "{prompt}"')
    plan = parse_plan(text).plan
    assert plan is not None and "Name?" not in text
    (tmp_path / "plan.toml").write_text(text, encoding="utf-8")
    (tmp_path / "back.xlsx").write_bytes(export_plan(tmp_path / "plan.toml"))
    again = import_workbook(tmp_path / "back.xlsx")
    assert [p for p in again.problems if p.level == "error"] == []
    assert not [p for p in again.problems if p.rule == "formatting-simplified"]
    back = parse_plan(again.text).plan
    assert back is not None and bare(back) == bare(plan)
