"""The asking order of one session, and what the questionnaire logic says about each step.

The run screens (interview and poll) share it. Every decision about relevance, constraints,
calculations, choice filters, option order and piping comes from the runtime
(`fieldtui.core.logic`: a `Questionnaire` compiled once per plan and its session over the
answers); this module only keeps the session's answers and rosters in step with the store
and lays the steps out: every relevant item of every member, with, before each roster's
members, a step for the roster's member list (add, remove, reorder). The rosters' members
and counts are its part in tui/walk_rosters.py.

No Textual here: the screens draw, this decides where they are.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.i18n import _
from fieldtui.core.logic import Questionnaire, Session
from fieldtui.core.logic.count_change import unsettled_counts
from fieldtui.core.logic.rules import SECTION
from fieldtui.core.plan.model import Item, Plan, Section
from fieldtui.core.progress import is_done
from fieldtui.tui.walk_places import Step, WalkPlaces
from fieldtui.tui.walk_rosters import WalkRosters

__all__ = ["QuestionnaireWalk", "Step", "as_clause", "compiled", "has_logic"]

_COMPILED: dict[int, tuple[Plan, Questionnaire]] = {}


def compiled(plan: Plan) -> Questionnaire:
    """The plan compiled for the runtime, once per plan object (a poll compiles once for
    all its respondents; two plans with the same id and version may still differ)."""
    found = _COMPILED.get(id(plan))
    if found is None or found[0] is not plan:
        if len(_COMPILED) > 8:
            _COMPILED.clear()
        found = _COMPILED[id(plan)] = (plan, Questionnaire(plan))
    return found[1]


def has_logic(plan: Plan) -> bool:
    """True when some item or section has a condition, a required condition or repeats."""
    return any(s.relevant or s.repeat for s in plan.sections) or any(
        i.relevant or i.required_if for i in plan.items)


def as_clause(message: str) -> str:
    """A plan's message as the start of a longer line ("… future: fix the answer"): its
    closing full stop dropped, so it does not read "future.: fix"."""
    return message.rstrip().rstrip(".。")


class QuestionnaireWalk(WalkRosters, WalkPlaces):
    """One session's answers and rosters, the runtime's view of them, and the steps."""

    def __init__(self, plan: Plan, document: Mapping[str, Any], *,
                 today: date | None = None, typed_counts: bool = False) -> None:
        self.plan = plan
        self.questionnaire = compiled(plan)
        self.answers: dict[str, dict[str, Any]] = {
            k: dict(v) for k, v in (document.get("answers") or {}).items()}
        found = document.get("rosters")
        self.rosters: dict[str, dict[str, list[str]]] = {
            section: {parent: list(ids) for parent, ids in by_parent.items()}
            for section, by_parent in (found if isinstance(found, dict) else {}).items()}
        seed = document.get("seed")
        # A seed drawn now is saved by the screen at once (`new_seed`, only when some item
        # is randomised), so the options of a randomised item keep their order on resume.
        self.new_seed: int | None = None
        if not isinstance(seed, int) or isinstance(seed, bool):
            seed = random.SystemRandom().randrange(1, 2**31)
            if any(item.randomize for item in plan.items):
                self.new_seed = seed
        self.seed = seed
        self.sections = {s.id: s for s in plan.sections}
        # Some item or section is asked only when a condition holds.
        self.conditional = any(s.relevant for s in plan.sections) or any(
            i.relevant for i in plan.items)
        # Some constraint reads another answer: a change there may refuse (or accept) it.
        self.cross_checked = any("${" in (i.constraint or "") for i in plan.items)
        self.nested: dict[str, list[Section]] = {}
        for section in plan.sections:
            if section.repeat and section.within:
                self.nested.setdefault(section.within, []).append(section)
        self.today = today
        self.session = Session(self.questionnaire, self.answers, self.rosters, seed=seed,
                                                  today=today)
        # The items a roster's count reads ("How many people live here?").
        self.count_items = frozenset(
            ref for s in plan.sections if s.repeat and s.repeat_count is not None
            for ref in self.questionnaire.reads.get((SECTION + s.id, "repeat_count"), ()))
        self.rosters_changed = False
        self.held: frozenset[str] = frozenset()  # the count items being typed (hold_counts)
        # A count saved as it was typed, never left (fieldtui stopped): its roster keeps the
        # stored members until the count is left, and the screen asks then (count_commit).
        # Only the interview saves a count as it is typed (`typed_counts`): a poll and a
        # correction save a count once it is given, after asking.
        self.unsettled: dict[tuple[str, str], int | None] = {}
        counts = {s.id: s.repeat_count for s in plan.sections
                  if s.repeat and s.repeat_count is not None}
        # only when a count leaves out a stored member (each count asked of the runtime
        # twice otherwise, on every opening of an interview with rosters)
        if typed_counts and self.count_items and any(
                set(ids) - set(self.session.members(section, parent))
                for section, by_parent in self.rosters.items() if section in counts
                for parent, ids in by_parent.items()):
            self.unsettled = unsettled_counts(
                self.questionnaire, self.answers, self.rosters, counts,
                seed=seed, today=today or datetime.now(UTC).date())
            self.held = frozenset(key[0] for key in self.unsettled)
            self.session.hold_counts(self.held)
        self.size_rosters()
        self.steps: list[Step] = self._lay_out()

    def use_texts(self, plan: Plan) -> None:
        """Show the texts of the same plan in another language (its logic is the same)."""
        self.plan = plan
        self.session.use_texts(self.questionnaire.in_texts(plan))
        self.sections = {s.id: s for s in plan.sections}
        self.nested = {outer: [self.sections[s.id] for s in inner]
                       for outer, inner in self.nested.items()}

    # -- the answers ----------------------------------------------------------------------

    def row(self, item_id: str, member: str = "") -> dict[str, Any] | None:
        """The stored answer row of an item (for a member), or None."""
        return self.answers.get(answer_key(item_id, member))

    def value(self, item_id: str, member: str = "") -> Any:
        """The stored value (None when nothing is stored)."""
        return (self.row(item_id, member) or {}).get("value")

    def record(self, item_id: str, member: str, **fields: Any) -> None:
        """Keep a saved answer's fields (value, skipped, ...) and tell the runtime."""
        key = answer_key(item_id, member)
        row = self.answers.setdefault(key, {"value": None})
        if member:
            row.update(item_id=item_id, member=member)
        row.update(fields)
        self.session.answer(item_id, member, row)
        self.size_rosters()
        self.steps = self._lay_out()

    def calculations(self) -> list[tuple[str, str, Any]]:
        """(item, member, value) of every calculation whose value is not the one stored; each
        is recorded here, and the caller saves it as an answer row."""
        changed = []
        for (item_id, member), value in self.session.calculations().items():
            stored = self.row(item_id, member)
            if stored is not None and stored.get("value") == value:
                continue
            changed.append((item_id, member, value))
        for item_id, member, value in changed:
            self.record(item_id, member, value=value, skipped=False, skip_reason="")
        return changed

    # -- what the runtime says -------------------------------------------------------------

    def relevant(self, item_id: str, member: str = "") -> bool:
        """True when the item is asked (its and its sections' conditions hold)."""
        return bool(self.session.relevant(item_id, member))

    def reason(self, item_id: str, member: str = "") -> str:
        """Why an item is not asked, in words."""
        return str(self.session.not_asked_reason(item_id, member))

    def kept_aside(self, item_id: str, member: str = "") -> bool:
        """An answer stored for an item that is no longer asked: kept, out of the data."""
        return is_done(self.row(item_id, member)) and not self.relevant(item_id, member)

    def constraint_error(self, item_id: str, value: Any, member: str = "") -> str | None:
        """The constraint's message when `value` fails it (None: it holds, or no value)."""
        if value is None or value == "" or value == []:
            return None
        error = self.session.constraint_error(item_id, value, member)
        return None if error is None else str(error)

    def refusal(self, item_id: str, member: str = "") -> str | None:
        """Why the stored answer does not stand: its constraint's message (None when it
        holds, nothing is stored, or the item was skipped with a reason). The entry's ✗
        line, the hold on moving on and the outline's count all ask this."""
        row = self.row(item_id, member) or {}
        if row.get("skipped"):
            return None
        return self.constraint_error(item_id, row.get("value"), member)

    def stands(self, item_id: str, member: str = "") -> bool:
        """The answer counts as done: given (or skipped with a reason) and not refused."""
        return is_done(self.row(item_id, member)) and self.refusal(item_id, member) is None

    def required(self, item_id: str, member: str = "") -> bool:
        """The item must be answered (or skipped with a reason)."""
        return bool(self.session.required(item_id, member))

    def options(self, item: Item, member: str = "") -> tuple[str, ...]:
        """The option values offered: filtered and in the respondent's order."""
        return tuple(self.session.options(item.id, member))

    def text(self, template: str, member: str = "") -> str:
        """A prompt, hint, probe or label with `${id}` replaced by the current values."""
        if "${" not in template:
            return template
        return str(self.session.text(template, member))

    def asked_text(self, template: str, member: str = "") -> str:
        """A prompt, hint, probe or option as read out: piped, an answer not given yet shown
        as "[name]" (a label keeps `text`: empty, so the member list says "no name yet")."""
        if "${" not in template:
            return template
        return str(self.session.text(template, member, marked=True))

    def member_name(self, section_id: str, path: str, number: int) -> str:
        """How a member is named in lists: its member_label piped, "Member n (no name yet)"
        while the label is still empty, or "Entry n" for a roster that has no label (its
        rows are not named people: visits, rooms, an XLSForm repeat; numbered, as ODK
        numbers a repeat's instances, in the words its list uses: "2 entries")."""
        label = self.sections[section_id].member_label
        if not label:
            return _("Entry {n}").format(n=number)
        return self.text(label, path).strip() or _("Member {n} (no name yet)").format(n=number)

    def caption(self, section_id: str, member: str) -> str:
        """"Member 2 of 5: Ana" for an item of a roster member."""
        return str(self.session.member_caption(section_id, member))

    def required_missing(self) -> list[Step]:
        """The steps asked and required but neither answered nor skipped with a reason."""
        return [step for step in self.steps if step.item_id is not None
                and self.required(step.item_id, step.member)
                and not is_done(self.row(step.item_id, step.member))]

    def refused_steps(self) -> list[tuple[Step, str]]:
        """The steps asked whose saved answer breaks its check, with the check's message
        (ODK does not finalise such a form)."""
        return [(step, why) for step in self.steps if step.item_id is not None
                and (why := self.refusal(step.item_id, step.member))]

    def required_line(self, step: Step) -> str:
        """How the wrap-up names a required item missing: its prompt ("[name]" for an answer
        not given yet), and whose it is."""
        prompt = self.asked_text(self.plan.item(str(step.item_id)).prompt, step.member)
        return prompt + _(" ({text})").format(text=self.caption(step.section, step.member)) \
            if step.member else prompt

    # -- the steps ----------------------------------------------------------------------------

    def relay(self) -> None:
        """Lay the steps out again (the members changed)."""
        self.steps = self._lay_out()

    def _lay_out(self) -> list[Step]:
        """The runtime's asking order, with a step for each roster's member list, and for
        an open-ended roster with members the list once more after its last member, where
        another member is added (or Next goes on)."""
        steps = [step for step in self._marked()
                 if not (step.is_roster and self.counted_out(step.section, step.member))]
        n = 0
        while n < len(steps):
            mark = steps[n]
            n += 1
            if not mark.is_roster or mark.again or not self.is_open(mark.section) or not self.members(
                    mark.section, mark.member):
                continue
            inner = {mark.section} | {s.id for s in self.nested.get(mark.section, [])}
            last = n - 1
            for k in range(n, len(steps)):
                step = steps[k]
                if step.section in inner and step.member and (
                        not mark.member or step.member.startswith(mark.member + "/")):
                    last = k
                elif last >= n or step.section not in inner:
                    break
            steps.insert(last + 1, Step(mark.section, None, mark.member, again=True))
        return steps
