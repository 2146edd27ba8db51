"""Every example in docs/expressions.md evaluates to the value it shows."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from fieldtui.core.plan.expr import Context, evaluate, to_string

DOC = Path(__file__).resolve().parents[3] / "docs" / "expressions.md"
ROW = re.compile(r"^\|(?:[^|`]*(?:`[^`]*`[^|`]*)*\|)? *`([^`]+)`[^|]*\| *`([^`]+)` *\|$")
CONTEXT = Context(
    answers={"age": 20, "name": "Ana", "nick": None, "langs": ["en", "fr"], "sex": "f",
             "dob": "1990-05-01", "s12": "12"},
    rosters={"hh": [{"member_name": "Bo", "member_age": 30},
                    {"member_name": "Cy", "member_age": 5},
                    {"member_name": "Di", "member_age": 12}]},
    roster_of={"member_name": "hh", "member_age": "hh"}, clock=lambda: date(2026, 12, 1))


def _examples() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8").split("## Examples", 1)[1].split("## The checks")[0]
    return [(m[1], m[2]) for line in text.splitlines() if (m := ROW.match(line.strip()))]


EXAMPLES = _examples()


def test_the_docs_have_an_example_of_every_function_and_operator() -> None:
    from fieldtui.core.plan.expr.functions import FUNCTIONS
    shown = " ".join(expr for expr, _ in EXAMPLES)
    for name in FUNCTIONS:
        assert f"{name}(" in shown, name
    for op in ("+", " - ", "*", "div", "mod", " = ", "!=", " < ", "<=", " > ", ">=", "and",
               " or "):
        assert op in shown, op
    assert len(EXAMPLES) > 50


@pytest.mark.parametrize(("expr", "shown"), EXAMPLES, ids=[e for e, _ in EXAMPLES])
def test_a_documented_example_gives_its_value(expr: str, shown: str) -> None:
    ctx = CONTEXT.at("member_name", 1) if "position(..)" in expr else CONTEXT.at("age")
    got = evaluate(expr, ctx)
    if shown.startswith("'"):
        assert got == shown[1:-1]
    else:
        assert not isinstance(got, str)
        assert to_string(got) == shown
