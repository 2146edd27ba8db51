"""Every error a user sees is one line `what — todo`, whatever the file or path held."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from tests.support.cli_main import run
from tests.support.wording_items import open_item, plan_text


def test_line_escapes_newlines_and_terminal_escapes() -> None:
    line = FieldtuiError("bad id 'a\nb\x1b[31m'", "fix\rit").line()
    assert line == "bad id 'a\\nb\\x1b[31m' — fix\\rit"


def test_line_keeps_printable_unicode() -> None:
    assert FieldtuiError("计划 'é'", "请检查").line() == "计划 'é' — 请检查"


def test_line_shows_an_undecodable_path_byte() -> None:
    # os.fsdecode turns the byte 0xff of a non-UTF-8 file name into a lone surrogate
    line = FieldtuiError("mi\udcffss.toml: no such file").line()
    assert "\udcff" not in line and line.encode("utf-8")


def test_plan_show_quotes_a_newline_from_the_file_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = plan_text(open_item("How did you get here?")).replace('id = "q1"', 'id = "q\\n1\\u001b"')
    path = tmp_path / "nl.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(["plan", "show", str(path)], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "\x1b" not in err and "q\\n1" in err


def test_plan_show_error_has_one_dash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["plan", "show", str(tmp_path / "missing plan.toml")], capsys)
    assert code == 1 and err.count(" — ") == 1
    assert "no such file" in err and "with: fieldtui plan check '" in err
    assert f"'{tmp_path / 'missing plan.toml'}'" in err  # a path with a space, quoted for a shell
