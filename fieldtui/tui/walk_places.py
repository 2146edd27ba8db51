"""Places in a session's asking order (tui/questionnaire_walk.py): a `Step`, and finding
one: the step a session reopens on, an item of a member, a roster's member list, and where
to stand when a step is gone (its item no longer asked, its member removed).

No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldtui.core.logic import Session
from fieldtui.core.plan.model import Plan, Section


@dataclass(frozen=True)
class Step:
    """One place in the asking order: an item for a member ("" outside rosters), or, with
    `item_id` None, the member list of roster `section` (members of parent `member`)."""

    section: str
    item_id: str | None
    member: str = ""
    again: bool = False  # the member list once more, after the last member ("add another?")

    @property
    def is_roster(self) -> bool:
        """True for a roster's member list."""
        return self.item_id is None


class WalkPlaces:
    """Finding steps in the walk's order (the walk's attributes, set by its __init__)."""

    plan: Plan
    session: Session
    sections: dict[str, Section]
    steps: list[Step]

    def _marked(self) -> list[Step]:
        """The runtime's asking order with a mark for every roster's member list."""
        return [Step(p.section, p.item_id or None, p.member)
                for p in self.session.steps(rosters=True)]

    def standing_after(self, step: Step) -> int | None:
        """Where a member list that is not in the order stood (its count is 0): the index
        of the first step after it; None when the runtime has no list there."""
        marked = self._marked()
        if step.again or step not in marked:
            return None
        later = set(self.steps)
        for after in marked[marked.index(step) + 1:]:
            if after in later:
                return self.steps.index(after)
        return max(0, len(self.steps) - 1)

    def resume_index(self, position: Any) -> int:
        """The step a session reopens on (its `position` field): the saved item of the
        saved member, or the roster list it stood on; else the first step of the saved
        section; else the first. (Home's draft row says the same place.)"""
        position = position if isinstance(position, dict) else {}
        member = position.get("member") if isinstance(position.get("member"), str) else ""
        section = position.get("section_id")
        section = section if isinstance(section, str) else None
        if position.get("roster"):
            found = self.find(None, member, section)
            if found is None and section in self.sections:  # its count is 0 now
                found = self.standing_after(Step(section, None, member))
        else:
            item_id = position.get("item_id")
            found = self.find(item_id, member) if isinstance(item_id, str) else None
        if found is None and section is not None:
            found = next((n for n, step in enumerate(self.steps)
                          if step.section == section), None)
        return found or 0

    def asked(self) -> list[Step]:
        """The steps that are questions, in order: what "Q n/m" counts (no member list, no
        display item)."""
        return [s for s in self.steps
                if not s.is_roster and not self.plan.item(str(s.item_id)).shown_only]

    def find(self, item_id: str | None, member: str = "", section: str | None = None
             ) -> int | None:
        """The index of a step (an item of a member, or a roster's list), or None."""
        for n, step in enumerate(self.steps):
            if step.item_id == item_id and step.member == member and not step.again and (
                    section is None or step.section == section):
                return n
        return None

    def locate(self, step: Step) -> int:
        """The index of a step in the order as it is now; when it is gone (its item is no
        longer asked, its member was removed), of the step standing where it stood."""
        try:
            return self.steps.index(step)
        except ValueError:
            pass
        if step.is_roster:
            return self.find_list(step.section, step.member, again=step.again)
        return self.nearest(step.item_id, step.member, step.section)

    def find_list(self, section_id: str, parent: str = "", *, again: bool = False) -> int:
        """The index of a roster's member list (the one after its members with `again`, or
        the one before them when that one is gone)."""
        lists = [n for n, step in enumerate(self.steps) if step.is_roster
                 and step.section == section_id and step.member == parent]
        later = [n for n in lists if self.steps[n].again == again]
        if later or lists:
            return (later or lists)[0]
        gone = self.standing_after(Step(section_id, None, parent))
        return gone if gone is not None else self.nearest(None, parent, section_id)

    def find_member(self, section_id: str, member: str) -> int | None:
        """The index of the first asked item of a roster member, or None."""
        for n, step in enumerate(self.steps):
            if step.section == section_id and step.member == member and not step.is_roster:
                return n
        return None

    def nearest(self, item_id: str | None, member: str, section: str | None) -> int:
        """Where to stand when a step is gone (its item became not relevant, its member was
        removed): the first step after where it stood in the plan's order."""
        found = self.find(item_id, member, section)
        if found is not None:
            return found
        order = [i.id for i in self.plan.items]
        if item_id in order:
            here = order.index(item_id)
            for n, step in enumerate(self.steps):
                if step.item_id is not None and order.index(step.item_id) > here:
                    return n
        return max(0, len(self.steps) - 1)
