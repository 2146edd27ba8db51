"""Items are built by writing their fields at once (`frozen_from`): each is the `Item` its
constructor makes, every field set in order, and as frozen."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fieldtui.core.plan.load import read_plan
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
