"""Typed plan models: what a study asks, in order, and how.

A plan is loaded from TOML by `fieldtui.core.plan.load`; these classes only hold it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, TypeVar

Method = Literal["interview", "group", "poll"]
ItemKind = Literal["open", "choice", "multi", "scale", "number", "note", "calculate", "date",
                   "time", "display"]

METHODS: tuple[str, ...] = ("interview", "group", "poll")
ITEM_KINDS: tuple[str, ...] = ("open", "choice", "multi", "scale", "number", "note", "calculate",
                               "date", "time", "display")
CLOSED_KINDS: frozenset[str] = frozenset({"choice", "multi", "scale", "number"})
# Shown and read, nothing collected (an XLSForm `note`): no answer, never to do. Not `note`,
# which is a note the interviewer types.
DISPLAY = "display"


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


_Frozen = TypeVar("_Frozen")


def frozen_from(cls: type[_Frozen], values: dict[str, Any]) -> _Frozen:
    """The instance of frozen dataclass `cls` that `cls(**values)` makes, `values` naming
    every field in order: `values` becomes its `__dict__` (a fresh dict the caller does not
    keep: not copied into another), where the generated `__init__` sets each field through
    `object.__setattr__` (an `Item`'s 26 took a fifth of building one). Only for a class with
    no `__post_init__` and no default factory."""
    made = object.__new__(cls)
    object.__setattr__(made, "__dict__", values)
    return made


class OptionFields(dict[str, str]):
    """The extra columns of one table-form option; hashable, so an `Item` stays hashable."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))


@dataclass(frozen=True)
class Item:
    """One thing to ask or note, in the order of its section.

    `options` holds the option values (what answers store); `labels` what is shown for each
    (empty: the values themselves); `option_fields` the extra columns of table-form options
    (for `choice_filter`): empty, or one mapping per option in the order of `options` (read
    them through `options.option_namespace`, which handles both). `relevant`, `constraint`, `required_if`, `calculation` and
    `choice_filter` are expressions (docs/expressions.md); `calculation` only on kind
    "calculate", which is never shown. `default` is the literal answer text proposed;
    `required_message` what the interviewer reads when the item, required, is left without
    an answer ("": the screen's own words). A "display" item is only shown (`shown_only`);
    a "note" is one the interviewer types.
    """

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
    relevant: str | None = None
    constraint: str | None = None
    constraint_message: str = ""
    required_message: str = ""
    required_if: str | None = None
    default: str | None = None
    read_only: bool = False
    calculation: str | None = None
    choice_filter: str | None = None
    randomize: bool = False
    whole: bool = False  # a number item that takes whole numbers only (XLSForm's integer)
    labels: tuple[str, ...] = ()
    option_fields: tuple[Mapping[str, str], ...] = ()

    @property
    def shown_only(self) -> bool:
        """True for a display item: text shown, nothing to answer, never counted as to do."""
        return self.kind == DISPLAY

    @property
    def asked(self) -> bool:
        """True for a question put to someone: not a display text, not a calculation (the
        count of a plan's items that home and a poll's preparation give)."""
        return self.kind not in (DISPLAY, "calculate")

    @property
    def closed(self) -> bool:
        """True for items answered from a fixed set (what a poll may ask)."""
        return self.kind in CLOSED_KINDS

    def label_of(self, value: str) -> str:
        """The label shown for option `value` (the value itself when it has none)."""
        if self.labels:
            for option, label in zip(self.options, self.labels, strict=False):
                if option == value:
                    return label
        return value


@dataclass(frozen=True)
class Section:
    """A part of the script, asked in order, with its time budget and reminders.

    A roster is a section with `repeat`: its items are asked once per member, as many
    members as `repeat_count` (an expression) says, or open-ended when it is None. `within`
    names the roster a nested roster repeats in (one level only); `member_label` is the
    piping text naming a member, e.g. "${name}". `relevant` is an expression.
    """

    id: str
    title: str
    minutes: float
    items: tuple[Item, ...]
    reminders: tuple[str, ...] = ()
    line: int = 0
    relevant: str | None = None
    repeat: bool = False
    repeat_count: str | None = None
    within: str | None = None
    member_label: str | None = None


@dataclass(frozen=True)
class GroupSpec:
    """What a discussion meeting's roster must look like, and the notice sent beforehand."""

    size_min: int
    size_max: int
    coverage: dict[str, tuple[str, ...]]
    informed: int
    notice: str
    # How messages name a coverage attribute (`[group.coverage_labels]`); without one, its
    # key as words ("age_band" -> "age band").
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PollSpec:
    """A poll's confidentiality settings (see supervise/release.py).

    `cross`: the items every release crosses each item with; `sensitive`: the items whose
    answers get group-disclosure protection (None: every item); `max_change` and
    `variance`: the cell key method's perturbation (D, V); `protection`: the narrowest
    interval an attacker may pin a protected count to. `every` (0: none): a random
    selection, every `every`-th unit (door, stall, passer-by) from a random start the app
    draws (core/selection.py); `selection` says how, in the plan's words.
    """

    anonymous: bool
    min_cell: int
    cross: tuple[str, ...] = ()
    sensitive: tuple[str, ...] | None = None
    max_change: int = 2
    variance: float = 1.0
    protection: int = 2
    every: int = 0
    selection: str = ""


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
    languages: tuple[str, ...] = ()
    language_names: Mapping[str, str] = field(default_factory=dict)  # `[plan] language_names`
    document: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # the loader's `languages.localize` (set with `languages`; the model imports no loader)
    localizer: Callable[[Plan, str], Plan] | None = field(default=None, compare=False,
                                                          repr=False)
    _localized: dict[str, Plan] = field(default_factory=dict, compare=False, repr=False)

    def localized(self, lang: str) -> Plan:
        """This plan with every text in `lang` (one of `languages`); ids, option values,
        expressions and the content hash unchanged. Cached per language."""
        if lang == self.language or not self.languages:
            return self
        if lang not in self.languages or self.localizer is None:
            raise KeyError(lang)
        if lang not in self._localized:
            # every language's plan shares this one cache (replace() copies the field)
            self._localized.setdefault(self.language, self)
            self._localized[lang] = self.localizer(self, lang)
        return self._localized[lang]

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item in asking order."""
        return tuple(item for section in self.sections for item in section.items)

    @property
    def key_items(self) -> tuple[Item, ...]:
        """The items marked as key points."""
        return tuple(item for item in self.items if item.key)

    @cached_property
    def _items_by_id(self) -> dict[str, Item]:
        # the plan is frozen: its items are indexed once (the first item of an id wins)
        index: dict[str, Item] = {}
        for item in self.items:
            index.setdefault(item.id, item)
        return index

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError if none)."""
        return self._items_by_id[item_id]

    def section_of(self, item_id: str) -> Section:
        """The section holding this item (KeyError if none)."""
        for section in self.sections:
            if any(item.id == item_id for item in section.items):
                return section
        raise KeyError(item_id)

    def roster_of(self, item_id: str) -> str | None:
        """The id of the repeat section (roster) an item is asked in, or None."""
        for section in self.sections:
            if section.repeat and any(item.id == item_id for item in section.items):
                return section.id
        return None

    def reminders_for(self, section: Section) -> tuple[str, ...]:
        """The tone reminders in force in a section: the plan's, then the section's own."""
        return self.tone_reminders + section.reminders
