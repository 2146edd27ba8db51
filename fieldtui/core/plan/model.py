"""Typed plan models: what a study asks, in order, and how.

A plan is loaded from TOML by `fieldtui.core.plan.load`; these classes only hold it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Method = Literal["interview", "group", "poll"]
ItemKind = Literal["open", "choice", "multi", "scale", "number", "note"]

METHODS: tuple[str, ...] = ("interview", "group", "poll")
ITEM_KINDS: tuple[str, ...] = ("open", "choice", "multi", "scale", "number", "note")
CLOSED_KINDS: frozenset[str] = frozenset({"choice", "multi", "scale", "number"})


@dataclass(frozen=True)
class Scale:
    """A rating scale from `min` to `max`, with optional labels for each point."""

    min: int
    max: int
    labels: tuple[str, ...] = ()

    @property
    def points(self) -> tuple[int, ...]:
        """Every value the scale can take, in order."""
        return tuple(range(self.min, self.max + 1))

    def label(self, value: int) -> str:
        """The label of one point, or the number itself where there are no labels."""
        if self.labels and self.min <= value <= self.max:
            return self.labels[value - self.min]
        return str(value)


@dataclass(frozen=True)
class Item:
    """One thing to ask or note, in the order of its section."""

    id: str
    kind: ItemKind
    prompt: str
    options: tuple[str, ...] = ()
    scale: Scale | None = None
    required: bool = False
    key: bool = False
    research_question: str | None = None
    probes: tuple[str, ...] = ()
    hint: str = ""
    unit: str = ""
    min: float | None = None
    max: float | None = None
    line: int = 0
    exclusive: tuple[str, ...] = ()

    @property
    def closed(self) -> bool:
        """True for items answered from a fixed set (what a poll may ask)."""
        return self.kind in CLOSED_KINDS


@dataclass(frozen=True)
class Section:
    """A part of the script, asked in order, with its time budget and reminders."""

    id: str
    title: str
    minutes: float
    items: tuple[Item, ...]
    reminders: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class GroupSpec:
    """What a discussion meeting's roster must look like, and the notice sent beforehand."""

    size_min: int
    size_max: int
    coverage: dict[str, tuple[str, ...]]
    informed: int
    notice: str


@dataclass(frozen=True)
class PollSpec:
    """A poll's confidentiality settings (see supervise/release.py).

    `cross`: the items every release crosses each item with; `sensitive`: the items whose
    answers get group-disclosure protection (None: every item); `max_change` and
    `variance`: the cell key method's perturbation (D, V); `protection`: the narrowest
    interval an attacker may pin a protected count to.
    """

    anonymous: bool
    min_cell: int
    cross: tuple[str, ...] = ()
    sensitive: tuple[str, ...] | None = None
    max_change: int = 2
    variance: float = 1.0
    protection: int = 2


DEFAULT_CONCERN_CATEGORIES: tuple[str, ...] = (
    "services", "access", "safety", "information", "other")


@dataclass(frozen=True)
class FollowupSpec:
    """[followup]: the categories a concern raised in the field is filed under, and the
    names (places, people) a feedback summary must never print (`sensitive_names`)."""

    categories: tuple[str, ...] = DEFAULT_CONCERN_CATEGORIES
    sensitive_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A whole plan: its identity, preparation, consent, tone, sections and method settings."""

    id: str
    version: int
    title: str
    method: Method
    language: str
    minutes: float
    sections: tuple[Section, ...]
    content_hash: str
    research_questions: dict[str, str] = field(default_factory=dict)
    purpose: str = ""
    checklist: tuple[str, ...] = ()
    consent_text: str = ""
    consent_required: bool = False
    tone_reminders: tuple[str, ...] = ()
    group: GroupSpec | None = None
    poll: PollSpec | None = None
    source: str = ""
    followup: FollowupSpec = field(default_factory=FollowupSpec)

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item in asking order."""
        return tuple(item for section in self.sections for item in section.items)

    @property
    def key_items(self) -> tuple[Item, ...]:
        """The items marked as key points."""
        return tuple(item for item in self.items if item.key)

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError if none)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def section_of(self, item_id: str) -> Section:
        """The section holding this item (KeyError if none)."""
        for section in self.sections:
            if any(item.id == item_id for item in section.items):
                return section
        raise KeyError(item_id)

    def reminders_for(self, section: Section) -> tuple[str, ...]:
        """The tone reminders in force in a section: the plan's, then the section's own."""
        return self.tone_reminders + section.reminders
