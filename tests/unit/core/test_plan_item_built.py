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
