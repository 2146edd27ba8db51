"""The bad plan corpus: each malformed plan gives exactly one clear line per problem, never a traceback.

Each file in tests/fixtures/bad_plans/ names what it must produce on its first line:
`# expect: rule@line ...` (line 0 when the problem has no line). A 5 MB file, a directory and a
missing path are made here, in tmp_path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from fieldtui.core.plan.check import check_file
from tests.support.cli_main import run
from tests.support.paths import FIXTURES, ROOT

BAD = FIXTURES / "bad_plans"
FILES = sorted(BAD.glob("*.toml"))


def expected(path: Path) -> Counter[tuple[str, int]]:
    raw = path.read_bytes()
    first = (raw.decode("utf-16") if raw.startswith(b"\xff\xfe") else raw.decode("latin-1"))
    header = first.splitlines()[0]
    assert header.startswith("# expect: "), path
    pairs = [entry.rsplit("@", 1) for entry in header.removeprefix("# expect: ").split()]
    return Counter((rule, int(line)) for rule, line in pairs)


def parse_line(line: str, path: str) -> tuple[str, int, str, str]:
    """Split `file[:line]: level: rule: message`; fail when it is not that."""
    assert line.startswith(path + ":"), line
    rest = line[len(path) + 1:]
    number = 0
    head, _, rest = rest.partition(": ")
    if head.isdigit():
        number = int(head)
        level, _, rest = rest.partition(": ")
    else:
        level = head.strip()
    rule, _, message = rest.partition(": ")
    assert level in ("error", "warning") and rule and message.strip(), line
    return rule, number, level, message


def test_the_corpus_is_large_enough() -> None:
    assert len(FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_one_clear_line_per_problem(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["plan", "check", str(path)], capsys)
    assert code == 1 and err == ""
    found = [parse_line(line, str(path)) for line in out.splitlines()]
    assert all(level == "error" for _, _, level, _ in found)
    assert Counter((rule, line) for rule, line, _, _ in found) == expected(path)
    assert all(f.message_zh for f in check_file(path))  # every message has its Chinese form


@pytest.mark.parametrize("path", FILES[::6], ids=[p.stem for p in FILES[::6]])
def test_show_refuses_in_one_line(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["plan", "show", str(path)], capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"fieldtui: error: {path}") and err.count("\n") == 1


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Counter[tuple[str, int]]]:
    """Files too odd to commit, made once for this module."""
    tmp_path = tmp_path_factory.mktemp("made")
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    deep = tmp_path / "deep_header.toml"
    deep.write_text("[" + ".".join(["a"] * 3000) + "]\nb = 1\n", encoding="utf-8")
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)  # reading it would block for ever
    return {str(big): Counter({("too-large", 0): 1}), str(folder): Counter({("not-a-file", 0): 1}),
            str(fifo): Counter({("not-a-file", 0): 1}),
            str(tmp_path / "missing.toml"): Counter({("not-found", 0): 1}),
            # a 3000-part header is refused before tomllib reads it (see test_plan_long_keys)
            str(deep): Counter({("toml-syntax", 1): 1})}


def test_made_files_each_give_one_line_per_problem(
    made: dict[str, Counter[tuple[str, int]]], capsys: pytest.CaptureFixture[str]
) -> None:
    for path, wanted in made.items():
        code, out, err = run(["plan", "check", path], capsys)
        assert code == 1 and err == ""
        found = [parse_line(line, path) for line in out.splitlines()]
        assert Counter((rule, line) for rule, line, _, _ in found) == wanted


def test_the_whole_corpus_through_a_real_process(made: dict[str, Counter[tuple[str, int]]]) -> None:
    paths = [str(p) for p in FILES] + list(made)
    proc = subprocess.run([sys.executable, "-m", "fieldtui", "plan", "check", *paths],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == ""
    total = sum(sum(expected(p).values()) for p in FILES)
    total += sum(sum(wanted.values()) for wanted in made.values())
    assert len(proc.stdout.splitlines()) == total


MISSING_OPTIONS = ["choice_one_option", "choice_without_options", "scale_missing"]


@pytest.mark.parametrize("name", MISSING_OPTIONS)
def test_missing_options_says_what_to_do(name: str) -> None:
    """Every finding reads "what happened — what to do", in both languages."""
    found = [f for f in check_file(BAD / f"{name}.toml") if f.rule == "missing-options"]
    assert found
    for finding in found:
        for message in (finding.message, finding.message_zh):
            what, dash, todo = message.partition(" — ")
            assert dash and what.strip() and todo.strip(), message
