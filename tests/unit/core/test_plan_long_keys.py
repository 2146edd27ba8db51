"""A TOML key of many dotted parts costs `tomllib` about n² (a 40 KB `a.a.a…a = 1` took
5 s, a 1 MB one an hour): such a key is refused before `tomllib` reads the text, with the
line it is on; the keys a plan has, and dots in its texts, are read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.plan import load
from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.dotted_keys import MAX_KEY_PARTS
from tests.support.paths import FIXTURES

PLAN = (FIXTURES / "minimal_interview.toml").read_text(encoding="utf-8")
LONG = ".".join(["a"] * (MAX_KEY_PARTS + 1))

BOMBS = {
    "key": f"{LONG} = 1\n",
    "table": f"[{LONG}]\n",
    "array-of-tables": f"[[{LONG}]]\n",
    "inline": f"x = {{ {LONG} = 1 }}\n",
    "quoted, spaced": "[" + " . ".join(['"a b"'] * 40) + "]\n",
    "literal, dotted": "[" + ".".join(["'a.b'"] * 40) + "]\n",
    "escaped quotes": "[" + ".".join(['"a\\"b"'] * 40) + "]\n",
}


@pytest.mark.parametrize("bomb", BOMBS.values(), ids=BOMBS)
def test_a_key_of_too_many_parts_is_refused_unread_on_its_line(
        bomb: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def unread(text: str) -> None:
        raise AssertionError("tomllib read it")

    monkeypatch.setattr(load.tomllib, "loads", unread)
    findings = check_text(PLAN + bomb, "p.toml")
    assert [(f.rule, f.line, f.level) for f in findings] == [
        ("toml-syntax", PLAN.count("\n") + 1, "error")]
    assert str(MAX_KEY_PARTS) in findings[0].message and findings[0].message_zh


def test_keys_of_a_few_parts_and_dots_in_texts_are_read_as_before() -> None:
    dotted = ".".join(["a"] * MAX_KEY_PARTS)
    text = PLAN + f'\n[notes]\n{dotted} = "see www.example.org/a.b.c. Then go."\n'
    assert [f.rule for f in check_text(text, "p.toml")] == [
        f.rule for f in check_text(PLAN + '\n[notes]\nx = "y"\n', "p.toml")]


def test_the_plans_shipped_have_no_long_key() -> None:
    from fieldtui.core.plan.dotted_keys import long_key_line

    root = Path(__file__).resolve().parents[3]
    shipped = sorted((root / "plans").rglob("*.toml")) + sorted(FIXTURES.rglob("*.toml"))
    assert shipped
    assert [p.name for p in shipped if long_key_line(p.read_text("utf-8", "replace"))] == []


def test_a_plan_text_over_the_bound_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    # a plan file is read up to 1 MB; a plan's text from a kit (16 MB) or an update (4 MB)
    # was parsed whatever its size: 15 MB of TOML is seconds and hundreds of MB
    def unread(text: str) -> None:
        raise AssertionError("tomllib read it")

    monkeypatch.setattr(load, "MAX_PLAN_BYTES", 2000)
    monkeypatch.setattr(load.tomllib, "loads", unread)
    findings = check_text(PLAN + "# " + "é" * 1000 + "\n", "p.toml")  # 2,000 bytes in UTF-8
    assert [(f.rule, f.line) for f in findings] == [("too-large", 0)]
