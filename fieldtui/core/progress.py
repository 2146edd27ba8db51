"""Where an interview stands: progress per section, key points, navigation, timers.

Works on a `Plan` and the `answers` dict of the session document
({item_id: {"value", "skipped", "skip_reason", "key_covered", ...}}). Pure functions: the
caller passes the clock readings in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fieldtui.core.plan.model import Plan

Answers = Mapping[str, Mapping[str, Any]]


def is_answered(answer: Mapping[str, Any] | None) -> bool:
    """True when the answer holds a non-empty value and was not skipped (0 counts)."""
    if not answer or answer.get("skipped"):
        return False
    value = answer.get("value")
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | dict):
        return bool(value)
    return True


def is_skipped(answer: Mapping[str, Any] | None) -> bool:
    """True when the interviewer skipped the item (with or without a reason)."""
    return bool(answer and answer.get("skipped"))


def is_done(answer: Mapping[str, Any] | None) -> bool:
    """Answered or deliberately skipped: nothing more to do on this item."""
    return is_answered(answer) or is_skipped(answer)


def key_covered(answer: Mapping[str, Any] | None) -> bool:
    """A key point is covered when answered with a non-empty value or marked covered."""
    return is_answered(answer) or bool(answer and answer.get("key_covered"))


@dataclass(frozen=True)
class SectionProgress:
    """Counts for one section of the outline."""

    section_id: str
    title: str
    answered: int
    skipped: int
    total: int

    @property
    def done(self) -> int:
        """Items answered or skipped."""
        return self.answered + self.skipped

    @property
    def complete(self) -> bool:
        """True when every item is answered or skipped."""
        return self.done >= self.total


@dataclass(frozen=True)
class KeyPoint:
    """A key item and whether the talk has covered it."""

    item_id: str
    section_id: str
    prompt: str
    research_question: str | None
    covered: bool


@dataclass(frozen=True)
class Wrapup:
    """What the wrap-up screen lists before the session is marked complete."""

    key_points_missing: list[KeyPoint]
    required_missing: list[str]
    skipped: list[str] = field(default_factory=list)

    @property
    def clear(self) -> bool:
        """True when no key point and no required item is missing."""
        return not self.key_points_missing and not self.required_missing


def section_progress(plan: Plan, answers: Answers) -> list[SectionProgress]:
    """Answered, skipped and total items for every section, in order (a display item,
    nothing to answer, is none of them)."""
    out = []
    for section in plan.sections:
        items = [i for i in section.items if not i.shown_only]
        out.append(SectionProgress(
            section.id, section.title,
            answered=sum(is_answered(answers.get(i.id)) for i in items),
            skipped=sum(is_skipped(answers.get(i.id)) for i in items),
            total=len(items)))
    return out


def key_points(plan: Plan, answers: Answers) -> list[KeyPoint]:
    """Every key point in asking order, with whether it is covered (an item of a roster,
    stored per member as "item#member": by any member's answer)."""
    return [
        KeyPoint(item.id, section.id, item.prompt, item.research_question,
                 key_covered(answers.get(item.id)) or (section.repeat and any(
                     key_covered(row) for key, row in answers.items()
                     if key.startswith(f"{item.id}#"))))
        for section in plan.sections for item in section.items if item.key
    ]


def required_unanswered(plan: Plan, answers: Answers) -> list[str]:
    """Ids of required items neither answered nor skipped with a decision."""
    return [i.id for i in plan.items if i.required and not is_done(answers.get(i.id))]


def wrapup(plan: Plan, answers: Answers) -> Wrapup:
    """Key points not covered, required items unanswered, and the items skipped."""
    return Wrapup(
        key_points_missing=[k for k in key_points(plan, answers) if not k.covered],
        required_missing=required_unanswered(plan, answers),
        skipped=[i.id for i in plan.items if is_skipped(answers.get(i.id))],
    )


# -- navigation ------------------------------------------------------------------------


def _ids(plan: Plan) -> list[str]:
    return [item.id for item in plan.items]


def first_item(plan: Plan) -> str:
    """The first item of the plan (every loaded plan has one)."""
    return plan.sections[0].items[0].id


def next_item(plan: Plan, item_id: str) -> str | None:
    """The item after `item_id`, or None at the end (KeyError for an unknown id)."""
    ids = _ids(plan)
    n = _position(ids, item_id)
    return ids[n + 1] if n + 1 < len(ids) else None


def previous_item(plan: Plan, item_id: str) -> str | None:
    """The item before `item_id`, or None at the start (KeyError for an unknown id)."""
    ids = _ids(plan)
    n = _position(ids, item_id)
    return ids[n - 1] if n > 0 else None


def first_item_of(plan: Plan, section_id: str) -> str:
    """The first item of a section, for "jump to section" (KeyError for an unknown id)."""
    for section in plan.sections:
        if section.id == section_id:
            return section.items[0].id
    raise KeyError(section_id)


def next_section(plan: Plan, section_id: str) -> str | None:
    """The id of the section after `section_id`, or None after the last."""
    ids = [s.id for s in plan.sections]
    n = _position(ids, section_id)
    return ids[n + 1] if n + 1 < len(ids) else None


def previous_section(plan: Plan, section_id: str) -> str | None:
    """The id of the section before `section_id`, or None before the first."""
    ids = [s.id for s in plan.sections]
    n = _position(ids, section_id)
    return ids[n - 1] if n > 0 else None


def next_undone(plan: Plan, answers: Answers, after: str | None = None) -> str | None:
    """The first item after `after` (or from the start) not yet answered or skipped (a
    display item has nothing to do)."""
    ids = _ids(plan)
    start = ids.index(after) + 1 if after in ids else 0
    for item_id in ids[start:]:
        if not is_done(answers.get(item_id)) and not plan.item(item_id).shown_only:
            return item_id
    return None


def resume_item(plan: Plan, position: Mapping[str, Any] | None) -> str:
    """Where to reopen a session: the saved item if the plan has it, else the first item."""
    saved = (position or {}).get("item_id")
    if isinstance(saved, str) and saved in _ids(plan):
        return saved
    section = (position or {}).get("section_id")
    if isinstance(section, str) and section in {s.id for s in plan.sections}:
        return first_item_of(plan, section)
    return first_item(plan)


def _position(ids: list[str], wanted: str) -> int:
    try:
        return ids.index(wanted)
    except ValueError:
        raise KeyError(wanted) from None


# -- timers ----------------------------------------------------------------------------


class SectionTimer:
    """A section's time against its minutes; `nudge` asks gently to move on when over."""

    def __init__(self, minutes: float, started: float, already: float = 0.0) -> None:
        self.budget = max(0.0, minutes * 60.0)
        self._base = max(0.0, already)
        self._since: float | None = started

    def elapsed(self, now: float) -> float:
        """Seconds spent in the section (earlier visits plus this one, pauses excluded)."""
        running = max(0.0, now - self._since) if self._since is not None else 0.0
        return self._base + running

    def remaining(self, now: float) -> float:
        """Seconds left of the budget (0 once over)."""
        return max(0.0, self.budget - self.elapsed(now))

    def over_by(self, now: float) -> float:
        """Seconds past the budget (0 while within it)."""
        return max(0.0, self.elapsed(now) - self.budget)

    def over(self, now: float) -> bool:
        """True once the section has run past its minutes."""
        return self.elapsed(now) > self.budget

    def nudge(self, now: float) -> bool:
        """The gentle "time to move on" flag: shown once the section is over its minutes."""
        return self.over(now)

    def fraction(self, now: float) -> float:
        """Share of the budget used, capped at 1 (for a bar)."""
        return min(1.0, self.elapsed(now) / self.budget) if self.budget else 1.0

    @property
    def paused(self) -> bool:
        """True while the timer is paused."""
        return self._since is None

    def pause(self, now: float) -> None:
        """Stop counting (e.g. the respondent takes a call)."""
        if self._since is not None:
            self._base = self.elapsed(now)
            self._since = None

    def resume(self, now: float) -> None:
        """Count again from `now`."""
        if self._since is None:
            self._since = now


class MeetingCues:
    """Cues at 15 and 5 minutes left of the plan's time; each fires once."""

    def __init__(self, minutes: float, cues: Iterable[float] = (15, 5)) -> None:
        self.total = minutes * 60.0
        # A cue as long as the whole plan would fire at the start: leave it out.
        self.cues = tuple(sorted((c for c in cues if c * 60.0 < self.total), reverse=True))
        self.fired: set[float] = set()

    def left(self, elapsed: float) -> float:
        """Seconds left of the plan's time (negative once over)."""
        return self.total - elapsed

    def due(self, elapsed: float) -> float | None:
        """The most urgent cue (minutes left) newly reached, else None; marks it fired."""
        reached = [c for c in self.cues if self.left(elapsed) <= c * 60.0 and c not in self.fired]
        if not reached:
            return None
        self.fired.update(reached)
        return min(reached)
