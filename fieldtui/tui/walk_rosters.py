"""The rosters of one session's walk: their members (listed, added, removed, moved, sized by
counts, held while a count is typed) and what a member list says about its count.

A part of `QuestionnaireWalk` (tui/questionnaire_walk.py), which holds the answers, the
runtime's session and the steps; every change of members lays the steps out again there
(`relay`). No Textual here.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from typing import Any

from fieldtui.core.i18n import _
from fieldtui.core.logic import Questionnaire, Session
from fieldtui.core.logic.count_change import Leaving, count_alone, members_leaving
from fieldtui.core.plan.model import Item, Plan, Section

_NUMBER = re.compile(r"[a-z](\d+)$")


class WalkRosters:
    """The rosters' members and counts (the walk's attributes, set by its __init__)."""

    plan: Plan
    questionnaire: Questionnaire
    session: Session
    answers: dict[str, dict[str, Any]]
    rosters: dict[str, dict[str, list[str]]]
    sections: dict[str, Section]
    count_items: frozenset[str]
    held: frozenset[str]
    rosters_changed: bool
    seed: int
    today: date | None

    def relay(self) -> None:
        """Lay the steps out again after the members changed (the walk's)."""
        raise NotImplementedError

    def text(self, template: str, member: str = "") -> str:
        """A template piped for `member` (the walk's)."""
        raise NotImplementedError

    def asked_text(self, template: str, member: str = "") -> str:
        """A template piped as it is asked (the walk's)."""
        raise NotImplementedError

    def members(self, section_id: str, parent: str = "") -> list[str]:
        """The member ids of a roster (of one parent member, for a nested roster), in order."""
        return list(self.rosters.get(section_id, {}).get(parent, []))

    def member_paths(self, section_id: str, parent: str = "") -> list[str]:
        """The members' paths ("m2", "m2/v1"), as answers carry them."""
        return [f"{parent}/{m}" if parent else m for m in self.members(section_id, parent)]

    def count_item(self, section_id: str) -> Item | None:
        """The item whose answer alone sizes a roster (`repeat_count = "${id}"`); None for an
        open-ended roster or a count computed from more than one answer."""
        alone = count_alone(self.sections[section_id].repeat_count or "")
        return next((item for item in self.plan.items if item.id == alone), None) \
            if alone else None

    def sized_by(self, section_id: str, member: str = "") -> str:
        """What sizes a counted roster, as its member list says it (each line cut there to
        its width): the answer, or that there is none yet, then the question it answers;
        a count from more answers piped ("2 + [children]"). Member: the parent member."""
        count = self.sections[section_id].repeat_count or ""
        item = self.count_item(section_id)
        if item is None:
            return _("Sized by the answers: {count}").format(count=self.asked_text(count, member))
        answer = self.text(count, member).strip()
        said = (_("Sized by the answer {answer} to:").format(answer=answer) if answer
                else _("Sized by an answer not given yet:"))
        return f"{said}\n{self.asked_text(item.prompt, member)}"  # the question on its own line

    def is_open(self, section_id: str) -> bool:
        """An open-ended roster ("add another"); False when repeat_count sizes it."""
        return self.sections[section_id].repeat_count is None

    def counted_out(self, section_id: str, parent: str = "") -> bool:
        """A counted roster whose count is answered and leaves it no members: nothing to
        list or ask, the walk goes past it (a count not answered yet keeps its list)."""
        count = self.session.count(section_id, parent)
        return (count is not None and not math.isnan(count)
                and not self.session.members(section_id, parent))

    def none_listed(self, section_id: str) -> str | None:
        """Why a counted roster lists nobody for any parent, in words: its counts are
        answered 0 (a nested roster whose parent roster lists nobody: the parent's
        reason); None when someone is listed, a count is not answered yet, or the
        roster is open-ended."""
        section = self.sections[section_id]
        if not section.repeat or section.repeat_count is None:
            return None
        parents = self.member_paths(section.within) if section.within else [""]
        if section.within and not parents:
            return self.none_listed(section.within)
        parents = [p for p in parents if self.session.roster_open(section_id, p)]
        if not parents or not all(self.counted_out(section_id, p) for p in parents):
            return None
        item = self.count_item(section_id)
        count = section.repeat_count
        if len(parents) > 1:
            return (_("no members: each answer to “{question}” is 0").format(
                question=self.asked_text(item.prompt, "")) if item is not None
                else _("no members: each count ({count}) is 0").format(
                    count=self.asked_text(count, "")))
        parent = parents[0]
        if item is not None:
            return _("no members: the answer to “{question}” is {answer}").format(
                question=self.asked_text(item.prompt, parent),
                answer=self.text(count, parent).strip())
        return _("no members: the count ({count}) is {value}").format(
            count=self.asked_text(count, parent),
            value=f"{self.session.count(section_id, parent) or 0:g}")

    def add_member(self, section_id: str, parent: str = "") -> str:
        """A new member at the end of the roster; its path."""
        section = self.sections[section_id]
        prefix = "v" if section.within else "m"
        member = f"{prefix}{self._next_number(section)}"
        self._set_members(section_id, parent, [*self.members(section_id, parent), member])
        return f"{parent}/{member}" if parent else member

    def remove_member(self, section_id: str, path: str) -> None:
        """Take a member out of its roster (its answers stay stored, out of the data)."""
        parent, _, member = path.rpartition("/")
        self._set_members(section_id, parent,
                          [m for m in self.members(section_id, parent) if m != member])

    def move_member(self, section_id: str, path: str, step: int) -> bool:
        """Move a member up (-1) or down (+1) the list; False at either end."""
        parent, _, member = path.rpartition("/")
        ids = self.members(section_id, parent)
        n = ids.index(member)
        if not 0 <= n + step < len(ids):
            return False
        ids[n], ids[n + step] = ids[n + step], ids[n]
        self._set_members(section_id, parent, ids)
        return True

    def size_rosters(self) -> bool:
        """Keep the `rosters` field in step with the rosters a count sizes: the runtime gives
        such a roster as many members as its count says (the stored ones first, then fresh
        ids); the field records them, so that a reorder and a resume see the same members.
        True when the field changed."""
        changed = False
        for section in self.plan.sections:
            if not section.repeat or section.repeat_count is None:
                continue
            parents = [""] if not section.within else self.members(section.within)
            for parent in parents:
                sized = list(self.session.members(section.id, parent))
                if sized != self.members(section.id, parent):
                    self.rosters.setdefault(section.id, {})[parent] = sized
                    changed = True
        if changed:
            self.session.set_rosters(self.rosters)
            self.rosters_changed = True
        return changed

    def hold_counts(self, items: set[str]) -> None:
        """While `items` (count items) are being typed their rosters keep their members;
        an empty set lets every count size its roster again (the answer is committed).
        Laid out again even when no member changed: a count held is not known to be 0,
        so its empty roster's list stands until the count is committed."""
        held = frozenset(items)
        if self.session.hold_counts(held) or held != self.held:
            self.size_rosters()
            self.relay()
        self.held = held

    def leaving(self, item_id: str, member: str, value: Any) -> list[Leaving]:
        """The members holding answers that committing `value` to this count item would
        take out of their roster (none for an item that counts no roster)."""
        if item_id not in self.count_items:
            return []
        return members_leaving(self.questionnaire, self.answers, self.rosters,
                               (item_id, member), value, seed=self.seed,
                               today=self.today or datetime.now(UTC).date())

    def _set_members(self, section_id: str, parent: str, ids: list[str]) -> None:
        self.rosters.setdefault(section_id, {})[parent] = list(ids)
        self.session.set_rosters(self.rosters)
        self.rosters_changed = True
        self.size_rosters()  # a nested roster counted from a member's answer
        self.relay()

    def _next_number(self, section: Section) -> int:
        """Member numbers are never reused in a session: past every listed member and every
        member an answer of this roster names (a removed member's answers stay)."""
        used = [m for ids in self.rosters.get(section.id, {}).values() for m in ids]
        items = {item.id for item in section.items}
        used += [str(row.get("member", "")).rpartition("/")[2]
                 for row in self.answers.values() if row.get("item_id") in items]
        numbers = [int(found.group(1)) for m in used if (found := _NUMBER.match(m))]
        return max(numbers, default=0) + 1
