"""A group meeting's roster and the check that it covers what the plan asks for.

The check never raises: an empty or odd roster comes back as a report whose `problems`
say, in short sentences, what is still missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from fieldtui.core.i18n import _, ngettext, pgettext
from fieldtui.core.plan.model import GroupSpec

SizeStatus = Literal["ok", "too_few", "too_many"]
# What a problem of the check asks for, each shown under its own heading: someone missing
# (a value no one has, too few people or informed ones), too many people, or a row to fix.
ProblemKind = Literal["missing", "too_many", "to_fix"]
PROBLEM_KINDS: tuple[ProblemKind, ...] = ("missing", "too_many", "to_fix")


@dataclass(frozen=True)
class Participant:
    """One person at the meeting, known by a label (no real name needed)."""

    id: str
    label: str
    attributes: dict[str, str] = field(default_factory=dict)
    informed: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The session document's form: {"id", "label", "attributes", "informed"}."""
        return {"id": self.id, "label": self.label, "attributes": dict(self.attributes),
                "informed": self.informed}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Participant:
        """Read one entry of the session document's `participants` list."""
        attributes = raw.get("attributes") or {}
        return cls(
            id=str(raw.get("id", "")), label=str(raw.get("label", "")),
            attributes={str(k): str(v) for k, v in attributes.items()},
            informed=bool(raw.get("informed", False)),
        )


@dataclass(frozen=True)
class CoverageReport:
    """How a roster measures up to the plan's group rules."""

    size: int
    size_min: int
    size_max: int
    size_status: SizeStatus
    missing: dict[str, tuple[str, ...]]
    informed: int
    informed_required: int
    incomplete: dict[str, tuple[str, ...]]
    problems: list[str]
    grouped: dict[ProblemKind, list[str]] = field(default_factory=dict)  # problems by kind

    @property
    def ok(self) -> bool:
        """True when the roster satisfies every rule of the plan."""
        return not self.problems


def attribute_label(name: str, labels: Mapping[str, str] | None = None) -> str:
    """A coverage attribute's name as people read it: the plan's label for it
    (`[group.coverage_labels]`), else its key as words: "age_band" -> "age band"."""
    if labels and labels.get(name):
        return labels[name]
    return name.replace("_", " ").replace("-", " ").strip()


PARTICIPANT_ID = re.compile(r"P([1-9][0-9]*)")


def participant_number(participant_id: str) -> int | None:
    """The number of a participant id of the form P1, P2, ... (None for any other id)."""
    match = PARTICIPANT_ID.fullmatch(participant_id)
    return int(match.group(1)) if match else None


def short_numbers(ids: Iterable[str]) -> dict[str, int]:
    """Each participant's short number, as the prepare screen's table and dialogs and the
    meeting's keys, bars and lists show it: the number of its id ("P3": 3), given once when
    the participant is added and never given again, so dropping someone renumbers no one
    (their numbers followed the roster's order: after P2 was dropped, P3 was shown as 2,
    and dialogs still said P3). Ids not all of that form, or not all different (a roster
    written by other means), are numbered by their place in the roster instead."""
    ids = list(ids)
    numbers = [participant_number(pid) for pid in ids]
    if None in numbers or len(set(numbers)) != len(numbers):
        return {pid: n for n, pid in enumerate(ids, start=1)}
    return {pid: n for pid, n in zip(ids, numbers, strict=True) if n is not None}


def next_participant_id(participants: Iterable[Participant]) -> str:
    """The next free id of the form P1, P2, ... for a new roster entry."""
    taken = {p.id for p in participants}
    n = 1
    while f"P{n}" in taken:
        n += 1
    return f"P{n}"


def check_coverage(spec: GroupSpec, participants: Iterable[Participant]) -> CoverageReport:
    """Check roster size, attribute coverage and the informed count against `spec`."""
    roster = list(participants)
    size = len(roster)
    problems: list[str] = []
    grouped: dict[ProblemKind, list[str]] = {}

    def problem(kind: ProblemKind, text: str) -> None:
        problems.append(text)
        grouped.setdefault(kind, []).append(text)

    status: SizeStatus = "ok"
    if size < spec.size_min:
        status = "too_few"
        if size == 0:
            problem("missing", _("no participants yet: add {low} to {high}").format(
                low=spec.size_min, high=spec.size_max))
        else:
            problem("missing", _("{people}, need at least {low}: add {more} more").format(
                people=_people(size), low=spec.size_min, more=spec.size_min - size))
    elif size > spec.size_max:
        status = "too_many"
        problem("too_many", _("{people}, at most {high}: remove {extra}").format(
            people=_people(size), high=spec.size_max, extra=size - spec.size_max))

    seen_ids: set[str] = set()
    for p in roster:
        if p.id in seen_ids:
            problem("to_fix", _("participant id {id} is used twice").format(id=p.id))
        seen_ids.add(p.id)

    missing: dict[str, tuple[str, ...]] = {}
    for attr, values in spec.coverage.items():
        present = {p.attributes.get(attr, "") for p in roster}
        absent = tuple(v for v in values if v not in present)
        if absent:
            missing[attr] = absent
            for value in absent:
                problem("missing", _("no one from {attribute} {name}").format(
                    attribute=attribute_label(attr, spec.labels), name=value))

    # An unset or misspelt attribute would silently leave a gap, so name each one.
    incomplete: dict[str, tuple[str, ...]] = {}
    for p in roster:
        gaps = tuple(attr for attr, values in spec.coverage.items()
                     if p.attributes.get(attr, "") not in values)
        if gaps:
            incomplete[p.id] = gaps
            names = _(", ").join(attribute_label(a, spec.labels) for a in gaps)  # 、 in zh
            problem("to_fix", _("{who}: {names} not set").format(who=p.label or p.id, names=names))

    informed = sum(1 for p in roster if p.informed)
    if informed < spec.informed:
        problem("missing", _("{n} of {needed} well-informed participants").format(
            n=informed, needed=spec.informed))

    return CoverageReport(
        size=size, size_min=spec.size_min, size_max=spec.size_max, size_status=status,
        missing=missing, informed=informed, informed_required=spec.informed,
        incomplete=incomplete, problems=problems, grouped=grouped,
    )


def _people(n: int) -> str:
    return ngettext("{n} participant", "{n} participants", n).format(n=n)


INFORMED_WORD = "informed"
# What the last field may say for a well-informed participant: the word the entry's hint
# names (in English, or in the interface's language: `informed_word()`), or a yes (a field
# walk typed `y`, and the line was refused).
INFORMED_WORDS = frozenset({INFORMED_WORD, "yes", "y"})
# ... and for one who is not: the place answers "informed?", so a no there means not
# informed, as leaving it off does (a field walk typed `no` after a `yes` line, refused).
NOT_INFORMED_WORDS = frozenset({"no", "n"})


# The fields are separated by commas: "," or the full-width "，" a Chinese input method types
# (a field walk in Chinese typed "小王，18-34，Owner" and got one participant of that label).
FIELD_SEPARATOR = re.compile("[,\uff0c]")


def informed_word() -> str:
    """The last field's word for a well-informed participant, as the hint names it: in the
    words of the roster's "Informed" column ("了解情况" in Chinese, not the English word)."""
    return pgettext("roster line", "informed")


def line_order(names: Iterable[str], labels: Mapping[str, str] | None = None) -> str:
    """The fields of a roster line in the order they are typed, with the comma between them
    that the line is typed with: "label, age band, …, informed"; in Chinese the full-width
    "，" (the line takes either), not an ASCII comma beside "称呼". The first and last
    fields are named as the roster's columns are headed (Label, Informed)."""
    return pgettext("roster line", ", ").join(
        [pgettext("roster line", "label"), *(attribute_label(n, labels) for n in names),
         informed_word()])


class RosterLineError(ValueError):
    """A roster line that cannot be read; the message says which field and what is allowed."""


def parse_roster_line(line: str, coverage: Mapping[str, tuple[str, ...]],
                      labels: Mapping[str, str] | None = None,
                      ) -> tuple[str, dict[str, str], bool]:
    """Read `Ana, 35-59, Renter, North, informed` into (label, attributes, informed); the
    fields may be separated by the full-width comma too.

    Fields after the label are the plan's coverage attributes in order; each value matches an
    allowed value case-insensitively, or the start of exactly one ("North" for "North of the
    park"). An empty or missing field leaves that attribute unset. A last field `informed`
    (or `yes`, `y`) marks a well-informed participant, `no` (or `n`) one who is not, as
    leaving it off does; a word that can be the attribute in its place is that attribute
    ("no" for "North"). Messages name the attributes by
    their `labels` (the plan's), where given.
    """
    fields = [f.strip() for f in FIELD_SEPARATOR.split(line)]
    label = fields[0]
    if not label:
        raise RosterLineError(_("the line starts with the label, e.g. a first name: "
                                "'Ana, 35-59, Renter, North, informed'"))
    rest = fields[1:]
    names = list(coverage)
    informed = answered = False  # answered: the line ends with a yes or a no to "informed?"
    last = rest[-1].casefold() if rest else ""
    yes_words = INFORMED_WORDS | {informed_word().casefold()}
    if (last in yes_words or last in NOT_INFORMED_WORDS) and not (
            len(rest) <= len(names) and _match(rest[-1], coverage[names[len(rest) - 1]])):
        informed, answered = last in yes_words, True
        rest = rest[:-1]
    if names and len(rest) == len(names) + 1 and not answered:
        raise RosterLineError(_("'{text}' after the {attribute} is not understood: type the "
                                "word {word} there for a well-informed participant, or leave "
                                "it off").format(text=rest[-1], attribute=attribute_label(
                                    names[-1], labels), word=informed_word()))
    if len(rest) > len(names):
        order = line_order(names, labels)
        raise RosterLineError(_("too many fields ({n}): the order is {order}").format(
            n=len(rest) + 1 + answered, order=order))
    attributes: dict[str, str] = {}
    for name, text in zip(names, rest, strict=False):
        if not text:
            continue
        value = _match(text, coverage[name])
        if value is None:
            allowed = _(", ").join(coverage[name])  # the catalog's list separator: "、"
            raise RosterLineError(_("{attribute} '{text}' is not allowed: use one of {allowed}")
                                  .format(attribute=attribute_label(name, labels), text=text,
                                          allowed=allowed))
        attributes[name] = value
    return label, attributes, informed


def _match(text: str, values: tuple[str, ...]) -> str | None:
    wanted = text.casefold()
    exact = [v for v in values if v.casefold() == wanted]
    if exact:
        return exact[0]
    starts = [v for v in values if v.casefold().startswith(wanted)]
    return starts[0] if len(starts) == 1 else None
