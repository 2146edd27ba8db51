"""The text report's key-point coverage: each prompt is cut to fit 80 columns, by the
cells it takes (a Chinese character takes two) and on one line, marked where cut."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.report import coverage_lines
from tests.support.paths import FIXTURES

PROMPT = "How did you travel to the library on your last visit?"


def _plan(tmp_path: Path, prompt: str) -> Plan:
    text = (FIXTURES / "minimal_interview.toml").read_text(encoding="utf-8")
    path = tmp_path / "plan.toml"
    path.write_text(text.replace(PROMPT, prompt), encoding="utf-8")
    return load_plan(path)


def test_a_chinese_prompt_fits_80_columns(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "您上次去图书馆是怎么去的?请说说路上用了多长时间、坐了什么车、有没有遇到什么困难")
    lines = coverage_lines([], plan)
    assert len(lines) == 2
    assert cell_len(lines[1]) <= 80, lines[1]
    assert lines[1].endswith("…")


def test_a_long_prompt_is_marked_where_cut_and_stays_on_one_line(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "How did you travel to the library\\non your last visit, and how long "
                           "did the journey take?")
    lines = coverage_lines([], plan)
    assert len(lines) == 2, lines
    assert "\n" not in lines[1] and lines[1].endswith("…")
    assert "library on" in lines[1] and cell_len(lines[1]) <= 80
