"""Items are built by writing their fields at once (`frozen_from`): each is the `Item` its
constructor makes, every field set in order, and as frozen; a scale is checked on every item
that has or needs one."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fieldtui.core.plan.load import parse_plan, read_plan
from fieldtui.core.plan.model import Item, Scale, frozen_from

ROOT = Path(__file__).resolve().parents[3]
PLANS = sorted([*ROOT.glob("plans/*.toml"), *ROOT.glob("tests/fixtures/*.toml")])
NAMES = [f.name for f in dataclasses.fields(Item)]


@pytest.mark.parametrize("path", PLANS, ids=[p.name for p in PLANS])
def test_each_loaded_item_is_the_item_its_constructor_makes(path: Path) -> None:
    plan = read_plan(path).plan
    if plan is None:
        pytest.skip("a plan with errors")
    for item in plan.items:
        assert list(vars(item)) == NAMES
        made = Item(**vars(item))
        assert (made, hash(made), repr(made)) == (item, hash(item), repr(item))


def test_frozen_from_gives_the_constructors_instance_and_stays_frozen() -> None:
    values = {name: getattr(Item("q", "scale", "P"), name) for name in NAMES}
    values.update(id="q", kind="scale", prompt="How?", scale=Scale(1, 5), line=4,
                  probes=("Why?",), relevant="${a} = 1")
    built = frozen_from(Item, values)
    assert built == Item(**values)
    assert vars(built) == vars(Item(**values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.prompt = "changed"  # type: ignore[misc]


SCALED = """
[plan]
id = "p"
version = 1
title = "T"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "s"
title = "S"
minutes = 5

[[section.item]]
id = "q"
kind = "{kind}"
prompt = "How was it?"
{scale}
"""


@pytest.mark.parametrize(("kind", "scale", "expected"), [
    ("open", "scale = { min = 1, max = 5 }", ["bad-value: scale is only for scale items — "
     "remove scale, or make it a scale item"]),
    ("scale", "", ["missing-options: 'q' is a scale item and needs a scale — give its ends, e.g. "
     "scale = { min = 1, max = 5 }"]),
    ("scale", 'scale = "five"', ["wrong-type: 'scale' must be a table, not a string — write it "
     "like scale = { min = 1, max = 5 }"]),
    ("open", "", []), ("scale", "scale = { min = 1, max = 5 }", [])])
def test_a_scale_is_checked_on_every_item_that_has_or_needs_one(kind: str, scale: str,
                                                                 expected: list[str]) -> None:
    found = read_text(SCALED.replace("{kind}", kind).replace("{scale}", scale))
    assert found == expected


def read_text(text: str) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in parse_plan(text).findings if f.level == "error"]


EVERY_FIELD = """
[plan]
id = "p"
version = 1
title = "T"
method = "interview"
language = "en"
minutes = 5

[plan.research_questions]
rq = "How far?"

[[section]]
id = "s"
title = "S"
minutes = 5

[[section.item]]
id = "n"
kind = "number"
prompt = "How many visits?"
hint = "Count each."
unit = "visits"
min = 0
max = 50
relevant = "1 = 1"
constraint = ". < 40"
constraint_message = "Under 40."
required = true
required_message = "Ask it."
default = "3"
probes = ["Why?", "When?"]
read_only = false
key = "rq"

[[section.item]]
id = "c"
kind = "multi"
prompt = "Which?"
options = ["a", "b", "none"]
exclusive = ["none"]
randomize = true
required = "${n} > 1"

[[section.item]]
id = "k"
kind = "calculate"
calculation = "${n} * 2"

[[section.item]]
id = "o"
kind = "open"
prompt = "Anything else?"
"""


def test_an_item_has_each_field_as_written_and_the_rest_at_their_defaults() -> None:
    plan = parse_plan(EVERY_FIELD).plan
    assert plan is not None, parse_plan(EVERY_FIELD).findings
    n, c, k, o = plan.items
    assert n == Item("n", "number", "How many visits?", required=True, key=True,
                     research_question="rq", probes=("Why?", "When?"), hint="Count each.",
                     unit="visits", min=0, max=50, line=n.line, relevant="1 = 1",
                     constraint=". < 40", constraint_message="Under 40.",
                     required_message="Ask it.", default="3")
    assert c == Item("c", "multi", "Which?", options=("a", "b", "none"), line=c.line,
                     exclusive=("none",), required_if="${n} > 1", randomize=True,
                     labels=c.labels, option_fields=c.option_fields)
    assert k == Item("k", "calculate", "", line=k.line, calculation="${n} * 2")
    assert o == Item("o", "open", "Anything else?", line=o.line)
    assert 0 < n.line < c.line < k.line < o.line
    for item in plan.items:
        assert list(vars(item)) == NAMES
