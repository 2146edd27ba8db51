"""`plan import --method poll` on a form with an item a poll cannot ask (a text):
the line says what to do, in the form's terms (not the TOML's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.i18n import set_language
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.cli_main import run
from tests.support.xlsform_books import YES_NO, q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SURVEY = [q("begin group", "s", "S"), q("text", "intro", "Which bus line do you take?"),
          q("select_one yn", "a", "Do you own a bicycle?"), q("end group")]


def test_a_text_in_a_poll_says_what_to_do(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    form = write_form(tmp_path / "form.xlsx", SURVEY, YES_NO)
    code, out, err = run(["plan", "import", str(form), "--method", "poll"], capsys)
    assert code == 1 and err == "" and not (tmp_path / "form.toml").exists()
    assert out.splitlines() == [
        f"{form}: survey row 3, column type: error: open-in-poll: 'intro' is open; a poll "
        "asks only closed items (choice, multi, scale, number) — drop the row, give it a "
        "closed type (select_one, select_multiple, integer, decimal), or import with "
        "--method interview"]


def test_in_chinese_too(tmp_path: Path) -> None:
    form = write_form(tmp_path / "form.xlsx", SURVEY, YES_NO)
    set_language("zh")
    try:
        [problem] = import_workbook(form, method="poll").problems
    finally:
        set_language("en")
    assert problem.rule == "open-in-poll"
    assert "民意调查" in problem.message and "--method interview" in problem.message
    assert " — " in problem.message


def test_or_other_in_a_poll_says_to_remove_or_other(tmp_path: Path) -> None:
    """The open item a poll cannot ask is the text `or_other` adds: the row is already a
    select, so "drop the row, give it a closed type" would tell the team to lose it."""
    survey = [q("select_one yn or_other", "a", "Do you own a bicycle?"),
              q("text", "a_other_notes", "Notes?")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey, YES_NO), method="poll")
    lines = [p.format("f.xlsx") for p in result.problems if p.rule == "open-in-poll"]
    assert lines[0] == (
        "f.xlsx: survey row 2, column type: error: open-in-poll: 'a_other' is open; a poll "
        "asks only closed items (choice, multi, scale, number) — remove or_other from the "
        "type (a poll records no text), or import with --method interview")
    assert "drop the row" in lines[1]  # a text row of the team's own: as before
