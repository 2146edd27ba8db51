"""The logic corpus: each plan with a fault in its logic gives exactly one clear line per
problem, `file:line:col: error: rule: message`, then the expression and a caret under the
fault; the exit code is 1 and nothing is a traceback.

Each file in tests/fixtures/plans_logic_bad/ names what it must produce on its first line,
`# expect: rule@line:col ...` (`rule@line` for a fault that is not inside an expression), and
says what is wrong on its second.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from fieldtui.core.plan.check import check_file
from fieldtui.core.plan.load import PlanError, load_plan
from tests.support.cli_main import run
from tests.support.paths import FIXTURES, ROOT

BAD = FIXTURES / "plans_logic_bad"
FILES = sorted(BAD.glob("*.toml"))


def expected(path: Path) -> Counter[str]:
    header = path.read_text("utf-8").splitlines()[0]
    assert header.startswith("# expect: "), path
    return Counter(header.removeprefix("# expect: ").split())


def parse_output(out: str, path: str) -> list[tuple[str, str, str, str]]:
    """(rule@where, level, message, caret) per finding; fails on any other shape of output."""
    found: list[tuple[str, str, str, str]] = []
    lines = out.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        assert line.startswith(path + ":"), line
        where, level, rule, message = line[len(path) + 1:].split(": ", 3)
        assert where.replace(":", "").isdigit() and level in ("error", "warning"), line
        caret = ""
        if where.count(":") == 1 and i + 2 < len(lines) and lines[i + 1].startswith("    "):
            text, caret = lines[i + 1], lines[i + 2]
            column = int(where.split(":")[1])
            assert caret.strip() == "^" and caret.index("^") - 4 == column - 1, (text, caret)
            i += 2
        found.append((f"{rule}@{where}", level, message, caret))
        i += 1
    return found


def test_the_corpus_is_large_enough() -> None:
    assert len(FILES) >= 40


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_one_line_per_problem_with_its_column(path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["plan", "check", str(path)], capsys)
    assert code == 1 and err == ""
    found = parse_output(out, str(path))
    assert Counter(where for where, _, _, _ in found) == expected(path)
    assert all(level == "error" for _, level, _, _ in found)
    assert all(message.strip() and "Traceback" not in message for _, _, message, _ in found)


@pytest.mark.parametrize("path", FILES[::10], ids=[p.stem for p in FILES[::10]])
def test_the_app_refuses_the_plan_naming_the_first_fault(path: Path) -> None:
    first = sorted(check_file(path), key=lambda f: (f.line, f.column))[0]
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    where = f"{path}:{first.line}" + (f":{first.column}" if first.column else "")
    assert str(caught.value.what).startswith(where)


def test_json_output_carries_the_column(capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD / "option_choice.toml"
    code, out, _ = run(["plan", "check", "--format", "json", str(path)], capsys)
    rows = json.loads(out)
    assert code == 1 and [(r["rule"], r["line"], r["column"]) for r in rows] == [
        ("expr-option", 20, 12)]


def test_the_console_script_prints_no_traceback_for_the_whole_corpus() -> None:
    done = subprocess.run([sys.executable, "-m", "fieldtui", "plan", "check", *map(str, FILES)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 1 and done.stderr == ""
    total = sum(sum(expected(p).values()) for p in FILES)
    assert sum(not line.startswith(" ") for line in done.stdout.splitlines()) == total
