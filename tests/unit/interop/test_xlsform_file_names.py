"""A workbook's file name is someone else's text too (a USB stick's `*.xlsx`, expanded by
the shell): `plan import` names the plan it writes after it, and the line saying so showed
an escape sequence in the name to the terminal as it is (OSC 0 retitled the window)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_main import run
from tests.support.xlsform_books import YES_NO, q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
NAME = "a\x1b]0;owned\x07\x9b2J\u202e"


def test_the_lines_naming_the_files_written_show_escapes_as_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = write_form(tmp_path / f"{NAME}.xlsx", [q("begin group", "s", "S"), q(
        "text", "a", "What is your name?"), q("end group")], YES_NO)
    code, out, err = run(["plan", "import", str(form)], capsys)
    assert code == 0 and (tmp_path / f"{NAME}.toml").is_file(), err
    assert out.startswith("wrote ") and "\\x1b]0;owned\\x07\\x9b2J\\u202e.toml" in out
    code, out, err = run(["plan", "export", "--format", "xlsform", str(tmp_path / f"{NAME}.toml"),
                          "-o", str(tmp_path / f"{NAME}-2.xlsx")], capsys)
    assert code == 0 and (tmp_path / f"{NAME}-2.xlsx").is_file(), err
    assert out.startswith("wrote ") and "\\x1b]0;owned\\x07\\x9b2J\\u202e-2.xlsx" in out
