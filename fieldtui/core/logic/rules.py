"""What the runtime needs to know of a plan, in one flat description (built once per plan).

`describe(plan)` reads the plan model; tests and tools may build `ItemRule`/`SectionRule`
directly. Sections and items keep the plan's order.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from fieldtui.core.plan.model import Plan

SECTION = "§"  # prefix of a section's node in expression keys: ("§housing", "relevant")


@dataclass(frozen=True)
class ItemRule:
    """One item's logic: conditions, checks, calculation, and its options with labels."""

    id: str
    section: str
    kind: str = "open"
    relevant: str | None = None
    required: bool = False
    required_if: str | None = None
    constraint: str | None = None
    constraint_message: str = ""
    calculation: str | None = None
    choice_filter: str | None = None
    randomize: bool = False
    options: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    option_fields: tuple[Mapping[str, str], ...] = ()
    exclusive: tuple[str, ...] = ()

    def label_of(self, value: str) -> str:
        """The label shown for an option value (the value itself when it has none)."""
        if self.labels and value in self.options:
            return self.labels[self.options.index(value)]
        return value


@dataclass(frozen=True)
class SectionRule:
    """A section: its items (ids, in order), condition, and roster settings."""

    id: str
    title: str = ""
    items: tuple[str, ...] = ()
    relevant: str | None = None
    repeat: bool = False
    repeat_count: str | None = None
    within: str | None = None
    member_label: str | None = None


def describe(plan: Plan) -> tuple[list[SectionRule], list[ItemRule]]:
    """The sections and items of `plan` as rules, in the plan's order."""
    sections: list[SectionRule] = []
    items: list[ItemRule] = []
    for section in plan.sections:
        sections.append(SectionRule(
            id=section.id, title=section.title, items=tuple(i.id for i in section.items),
            relevant=section.relevant, repeat=section.repeat,
            repeat_count=section.repeat_count, within=section.within,
            member_label=section.member_label))
        for item in section.items:
            options, labels = tuple(item.options), tuple(item.labels)
            if item.kind == "scale" and item.scale is not None and not options:
                options = tuple(str(p) for p in item.scale.points)
                labels = tuple(item.scale.label(p) for p in item.scale.points)
            items.append(ItemRule(
                id=item.id, section=section.id, kind=item.kind, relevant=item.relevant,
                required=item.required, required_if=item.required_if,
                constraint=item.constraint, constraint_message=item.constraint_message,
                calculation=item.calculation, choice_filter=item.choice_filter,
                randomize=item.randomize, options=options, labels=labels,
                option_fields=tuple(item.option_fields), exclusive=tuple(item.exclusive)))
    return sections, items


ANCHORED_OTHER = "other"  # XLSForm's or_other value


def option_order(item: ItemRule, seed: int | None) -> tuple[str, ...]:
    """The item's option values in asking order: shuffled with `Random(f"{seed}:{id}")` when
    it says `randomize` and the session has a seed (the same order every time for a seed).

    Anchored options keep their place, as survey tools anchor them: the exclusive ones
    ("None of these", "Don't know") and `other`, which are read last whatever the order.
    """
    if not item.randomize or seed is None:
        return item.options
    anchored = set(item.exclusive) | {ANCHORED_OTHER}
    moving = [o for o in item.options if o not in anchored]
    random.Random(f"{seed}:{item.id}").shuffle(moving)
    shuffled = iter(moving)
    return tuple(o if o in anchored else next(shuffled) for o in item.options)
