"""`fieldtui plan check`: line format, levels, --strict, --format json, --lang, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fieldtui.core.plan.wording import level_for
from tests.support.cli_english import english_words
from tests.support.cli_main import run, write
from tests.support.paths import FIXTURES, ROOT
from tests.support.wording_items import choice, open_item, plan_text

MINIMAL = str(FIXTURES / "minimal_interview.toml")


def test_clean_plan_exits_zero_silently(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["plan", "check", MINIMAL], capsys) == (0, "", "")


def test_warning_exits_zero_and_strict_makes_it_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "w.toml", plan_text(open_item("Do you often use the library?")))
    code, out, _ = run(["plan", "check", path], capsys)
    assert code == 0
    assert out == (f"{path}:17: warning: vague-quantifier: 'often' means different amounts to "
                   "different people — ask for a number over a fixed period (e.g. 'in the past 4 "
                   "weeks, how many times')\n")
    code, out, _ = run(["plan", "check", "--strict", path], capsys)
    assert code == 1
    assert out.startswith(f"{path}:17: error: vague-quantifier: ")


def test_a_poll_turns_ambiguity_into_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    item = choice(["Yes", "No", "Don't know"], prompt="Do you often use the library?")
    path = write(tmp_path, "p.toml", plan_text(item, method="poll"))
    code, out, _ = run(["plan", "check", path], capsys)
    assert code == 1
    assert ": error: vague-quantifier: " in out


def test_levels_by_method_and_kind() -> None:
    assert level_for("vague-quantifier", "interview", closed=True) == "warning"
    assert level_for("vague-quantifier", "poll", closed=True) == "error"
    assert level_for("overlapping-ranges", "interview", closed=True) == "error"
    assert level_for("double-barrelled", "group", closed=False) == "warning"
    assert level_for("double-barrelled", "group", closed=True) == "error"
    assert level_for("too-long", "poll", closed=True) == "warning"
    assert level_for("absolute", "poll", closed=True) == "warning"


def test_json_lists_every_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    item = choice(["0-10", "10-20", "20 or more"], prompt="How many books do you own?")
    path = write(tmp_path, "j.toml", plan_text(item))
    code, out, _ = run(["plan", "check", "--format", "json", "--lang", "zh", path, MINIMAL], capsys)
    rows = json.loads(out)
    assert code == 1
    assert [(r["file"], r["line"], r["level"], r["rule"]) for r in rows] == [
        (path, 18, "error", "overlapping-ranges")]
    assert rows[0]["message"] == rows[0]["message_zh"] != rows[0]["message_en"]
    assert json.loads(run(["plan", "check", "--format", "json", MINIMAL], capsys)[1]) == []


def test_chinese_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "z.toml", plan_text(open_item("您经常乘坐社区公交吗?"), language="zh"))
    _, out, _ = run(["plan", "check", "--lang", "zh", path], capsys)
    assert out == f"{path}:17: warning: vague-quantifier: “经常”的含义因人而异 — 请询问固定时期内的具体数量（如“过去四周内有几次”）\n"


def test_several_paths_and_an_unexpanded_glob(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pattern = str(tmp_path / "*.toml")
    code, out, err = run(["plan", "check", MINIMAL, pattern, str(tmp_path)], capsys)
    assert code == 1 and err == ""
    assert out.splitlines() == [
        f"{pattern}: error: not-found: no such file (a pattern that matched nothing) — check the "
        "path and the pattern",
        f"{tmp_path}: error: not-a-file: is a directory, not a plan file — give a .toml file",
    ]


@pytest.mark.parametrize("argv", [["plan", "check"], ["plan", "check", "--format", "xml", MINIMAL],
                                  ["plan", "check", "--lang", "fr", MINIMAL], ["plan", "nope"]])
def test_usage_errors_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.startswith("fieldtui: error: ") and err.count("\n") == 1


def test_real_process_exit_codes(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", "[plan\n")
    for paths, expected in (([MINIMAL], 0), ([MINIMAL, bad], 1)):
        proc = subprocess.run([sys.executable, "-m", "fieldtui", "plan", "check", *paths],
                              capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert proc.returncode == expected, proc.stderr
        assert "Traceback" not in proc.stderr
    assert proc.stdout.startswith(f"{bad}:1: error: toml-syntax: ")


def test_a_newline_quoted_from_the_file_stays_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = plan_text(open_item("How did you get here?")).replace('id = "q1"', 'id = "q\\n1"')
    code, out, _ = run(["plan", "check", write(tmp_path, "nl.toml", text)], capsys)
    assert code == 1
    assert out.count("\n") == 1 and "'q\\n1'" in out


def test_bare_plan_shows_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["plan"], capsys)
    assert code == 0 and err == ""
    assert "check" in out and "show" in out and "notice" in out


def test_chinese_expression_faults_say_no_english(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """In zh the expression checker's own messages are Chinese too: only rule codes, ids,
    `${…}` references, function names and the caret lines stay as written."""
    text = (FIXTURES / "plans_logic_bad" / "arity_too_many.toml").read_text(encoding="utf-8")
    text = text.replace('options = ["yes", "no"]\n', 'options = ["yes", "no"]\nrelevant = "${age} >> 3"\n')
    text = text.replace('kind = "multi"\n', 'kind = "multi"\nrelevant = "${smokes} = \'yes\'"\n')
    text = text.replace('kind = "scale"\n', 'kind = "scale"\nrelevant = "count(1) > 0"\n')
    text = text.replace('probes = ["Just the first name is fine."]\n',
                        'probes = ["Just the first name is fine."]\nconstraint = "regex(., \'^(ab\')"\n'
                        '\n[[section.item]]\nid = "aa"\nkind = "calculate"\ncalculation = "${bb} + 1"\n'
                        '\n[[section.item]]\nid = "bb"\nkind = "calculate"\ncalculation = "${aa} + 1"\n')
    path = write(tmp_path, "faults.toml", text)
    _, out, _ = run(["plan", "check", "--lang", "zh", path], capsys)
    _, english, _ = run(["plan", "check", path], capsys)
    rules = ["expr-arity", "expr-syntax", "expr-reference", "expr-type", "expr-regex", "expr-cycle"]
    found = [line.split(": ")[2] for line in out.splitlines() if line.startswith(path)]
    assert sorted(found) == sorted(rules)
    assert "smokes" in english and "did you mean" in english  # the English names the same faults
    ids = {"smoke", "smokes", "age", "aa", "bb", "not", "count", "regex"}
    messages = [line.split(": ", 3)[3] for line in out.splitlines() if line.startswith(path)]
    assert [english_words(m, frozenset(ids)) for m in messages] == [[]] * len(messages)
    assert "${smoke}" in out and "^" in out  # the did-you-mean and the caret lines stay
