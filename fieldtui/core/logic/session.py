"""One session evaluated against its plan: what to ask, in which order, and how to show it.

    q = Questionnaire(plan)
    s = Session(q, answer_rows, rosters_field, seed=seed, today=date.today())
    s.relevant("q5", "m2"); s.steps(); changed = s.answer("age", "m2", row)

Members are named by path ("" outside rosters, "m2", "m2/v1"). Everything is derived from
the plan, the answer rows and the `rosters` field, never stored: an answer whose item is not
relevant is kept aside (it stays in `rows` and returns when the item is relevant again) and
reads as '' in every expression. Text returned here is plain text: a screen must escape it
before showing it (answers come from a device).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from fieldtui.core.i18n import _
from fieldtui.core.logic import display, reasons
from fieldtui.core.logic.incremental import answer_changed, rosters_changed
from fieldtui.core.logic.rules import SECTION
from fieldtui.core.logic.scope import Scope
from fieldtui.core.logic.state import FAULTS, Key, State, row_value, same
from fieldtui.core.plan.expr import Value, to_string
from fieldtui.core.plan.expr.values import from_answer, to_bool
from fieldtui.core.plan.expr.written import rendered

if TYPE_CHECKING:
    from fieldtui.core.logic.questionnaire import Questionnaire


def storable(value: Value) -> Value:
    """A value as an answer row stores it (JSON): dates as ISO text, NaN/infinity as ''."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class Position:
    """One step of the asking order: an item, in a section, for a member ("" outside)."""

    section: str
    item_id: str
    member: str = ""


def _rows(answers: Any) -> Iterable[Mapping[str, Any]]:
    """Answer rows from a list of rows or the document's {item_id: row} mapping."""
    if isinstance(answers, Mapping):
        for item_id, row in answers.items():
            if isinstance(row, Mapping):
                yield {"item_id": item_id, **row} if "item_id" not in row else row
        return
    for row in answers or ():
        if isinstance(row, Mapping):
            yield row


class Session:
    """The plan's logic over one session; see the module docstring."""

    def __init__(self, q: Questionnaire, answers: Any = (), rosters: Any = None, *,
                 seed: int | None = None, today: date | None = None) -> None:
        self.q = q
        self.state = State(q, rosters if isinstance(rosters, Mapping) else {}, seed,
                           today or datetime.now(UTC).date())
        for row in _rows(answers):
            item, member = row.get("item_id"), row.get("member") or ""
            if isinstance(item, str) and isinstance(member, str):
                self.state.rows[(item, member)] = row
                self.state.raw[(item, member)] = row_value(row)
        self.state.full()

    def use_texts(self, q: Questionnaire) -> None:
        """Speak another language: `q` is this session's questionnaire `in_texts` of the
        plan in that language. What is shown (piped labels, constraint messages, member
        captions) follows it; the evaluation keeps its own questionnaire."""
        self.q = q

    # -- changes ---------------------------------------------------------------------------

    def answer(self, item_id: str, member: str, row: Mapping[str, Any] | None) -> set[Key]:
        """Apply one saved answer row (None: removed); the keys whose state changed."""
        key = (item_id, member)
        if row is None:
            self.state.rows.pop(key, None)
        else:
            self.state.rows[key] = row
        old, new = self.state.raw.get(key, ""), row_value(row)
        self.state.raw[key] = new
        if same(old, new) or item_id not in self.q.items or not self._present(item_id, member):
            return set()
        return answer_changed(self.state, item_id, member)

    def set_rosters(self, rosters: Mapping[str, Any]) -> set[Key]:
        """Apply the session's new `rosters` field; the keys whose state changed."""
        self.state.rosters = rosters if isinstance(rosters, Mapping) else {}
        return rosters_changed(self.state)

    def hold_counts(self, items: Iterable[str]) -> set[Key]:
        """While the answers to `items` are being typed, a roster counted from one of them
        keeps its stored members (the `rosters` field); an empty `items` lets the counts
        size their rosters again. The keys whose state changed."""
        held = frozenset(items)
        if held == self.state.held:
            return set()
        self.state.held = held
        return rosters_changed(self.state)

    # -- questions about one item ---------------------------------------------------------

    def _present(self, item_id: str, member: str) -> bool:
        section = self.q.items[item_id].section
        return member in self.state.section_paths(section)

    def _check(self, item_id: str) -> None:
        if item_id not in self.q.items:
            raise KeyError(item_id)

    def relevant(self, item_id: str, member: str = "") -> bool:
        """Ask it? Its own and its sections' conditions hold, and the member is present."""
        self._check(item_id)
        return self.state.rel.get((item_id, member), False)

    def is_answer_in_data(self, item_id: str, member: str = "") -> bool:
        """Does a stored answer count (relevant, member still in the roster)?"""
        return self.relevant(item_id, member)

    def not_asked_reason(self, item_id: str, member: str = "") -> str:
        """Why it is not asked, in words ('' when it is asked)."""
        if self.relevant(item_id, member):
            return ""
        return reasons.not_asked(self.q, self.state, item_id, member)

    def required(self, item_id: str, member: str = "") -> bool:
        """Must it be answered (relevant, and `required` true or its expression true)?"""
        return self.relevant(item_id, member) and self.state.req.get((item_id, member), False)

    def constraint_error(self, item_id: str, value: Any, member: str = "") -> str | None:
        """The message when `value` breaks the item's constraint; None when it is fine.

        An empty answer is not checked (ODK's rule: `required` covers it)."""
        self._check(item_id)
        key = (item_id, "constraint")
        if key not in self.q.exprs:
            return None
        checked = from_answer(value)
        if to_string(checked).strip() == "":
            return None
        result = self.state.run(key, member, True, override=checked)
        if to_bool(result):
            return None
        message = self.q.items[item_id].constraint_message
        if message:
            return self.text(message, member)
        return _("this answer is not allowed here ({condition})").format(
            condition=rendered(self.q.trees[key]))

    def options(self, item_id: str, member: str = "") -> tuple[str, ...]:
        """Option values to offer: filtered by choice_filter, in (random) asking order."""
        self._check(item_id)
        found = self.state.opts.get((item_id, member))
        if found is not None:
            return found
        return self.state.compute_opts(item_id, member)

    def value(self, item_id: str, member: str = "") -> Value:
        """What the item reads as in expressions ('' when not relevant)."""
        self._check(item_id)
        return self.state.eff.get((item_id, member), "")

    def calculations(self) -> dict[Key, Value]:
        """(item, member) -> value to store, for every relevant calculation: JSON-ready (a
        date as ISO text, NaN or an infinity as '': nothing to store)."""
        rel = self.state.rel
        return {k: storable(v) for k, v in self.state.calc.items() if rel.get(k)}

    def calculations_to_save(self) -> dict[Key, Value]:
        """The calculations whose value differs from the stored answer row (what the app
        saves, so that once(), today() and random() stay as first recorded)."""
        rows = self.state.rows
        return {k: v for k, v in self.calculations().items()
                if k not in rows or to_string(row_value(rows[k])) != to_string(v)}

    # -- display and order ----------------------------------------------------------------

    def text(self, template: str, member: str = "", *, marked: bool = False) -> str:
        """Piping: each ${id} in `template` replaced by its shown value (`marked`: an
        unanswered one as "[its short label]")."""
        return display.pipe(self, template, member, marked=marked)

    def shown(self, item_id: str, member: str = "") -> str:
        """An item's value as shown: option labels, numbers without .0, '' if none."""
        return display.shown(self, item_id, member)

    def members(self, section_id: str, parent: str = "") -> list[str]:
        """The member ids of a roster under `parent` ("" for a top roster), in order."""
        return list(self.state.lists.get((section_id, parent), []))

    def member_caption(self, section_id: str, member: str) -> str:
        """'Member 2 of 5: Ana' (the section's member_label piped for that member)."""
        return display.caption(self, section_id, member)

    def section_relevant(self, section_id: str, member: str = "") -> bool:
        """Does the section (for this member, in a roster) apply?"""
        return self.state.sec_rel.get((section_id, member), False)

    def count(self, section_id: str, parent: str = "") -> float | None:
        """A counted roster's count as it sizes the roster now (NaN: not answered yet);
        None for an open-ended roster, or while the count's answer is held or refused."""
        return self.state.count_of(section_id, parent)

    def roster_open(self, section_id: str, parent: str = "") -> bool:
        """May members be added to this roster here? Its parent member's section applies,
        and its own condition, read in the parent's context, holds."""
        q = self.q
        outer = q.within.get(section_id)
        if outer is not None and not self.state.sec_rel.get((outer, parent), False):
            return False
        key = (SECTION + section_id, "relevant")
        fn = q.exprs.get(key)
        if fn is None:
            return True
        try:
            return to_bool(fn(Scope(self.state, None, parent, outer)))
        except FAULTS:
            return True

    def steps(self, *, rosters: bool = False) -> list[Position]:
        """The asking order: relevant items, roster items for every member in turn (a
        nested roster's members right after their parent member's items). With `rosters`,
        a Position(section, "", parent) marks where each roster's member list is shown."""
        out: list[Position] = []
        for section in self.q.sections:
            if section not in self.q.within:
                self._walk(section, "", out, rosters)
        return out

    def _walk(self, section: str, parent: str, out: list[Position], marks: bool) -> None:
        q = self.q
        rule = q.sections[section]
        if not rule.repeat:
            self._items(section, "", out)
            return
        if marks and self.roster_open(section, parent):
            out.append(Position(section, "", parent))
        for member in self.state.lists.get((section, parent), []):
            path = f"{parent}/{member}" if parent else member
            self._items(section, path, out)
            for child in q.nested.get(section, []):
                self._walk(child, path, out, marks)

    def _items(self, section: str, path: str, out: list[Position]) -> None:
        rel = self.state.rel
        for item in self.q.sections[section].items:
            if rel.get((item, path)) and self.q.items[item].kind != "calculate":
                out.append(Position(section, item, path))


__all__ = ["Position", "Session"]
