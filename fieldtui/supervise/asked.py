"""What of a session goes into the data: its roster members, and which answers were asked.

Questionnaire logic (issue 12, docs/internals.md "Session document"): an answer row may
carry a roster `member` ("m2", or "m2/v1" in a nested roster), the session field `rosters`
lists the members of each roster in order (`{section: {parent: [member ids]}}`), and an
item whose condition (`relevant`, its own or a section's) is false was not asked. The
runtime (`fieldtui.core.logic.Questionnaire`) decides that over the session's answers and
rosters, exactly as the app did while asking.

The data holds: every answer to an item that was asked, of a member still in its roster;
a "not asked" row (no value) for every item and member whose condition was false, whether
or not an answer was kept aside for it; nothing of a removed member. An item the plan does
not have keeps its row (review counts it as an invalid value). Sessions of plans without
conditions or rosters pass through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldtui.core.plan.model import Item, Plan

_MEMBER_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
Row = tuple[str, str, dict[str, Any], bool]  # (item id, member, answer row, asked)
Relevant = Callable[[str, str], bool]  # (item id, member) -> asked


@dataclass(frozen=True)
class Member:
    """A member of a roster in one session: its path ("m2/v1"), id, parent and place."""

    roster: str
    path: str
    member_id: str
    parent: str
    position: int  # 1-based, in the roster's order (among its parent's members)


@dataclass(frozen=True)
class PlanShape:
    """What the data side needs of a plan: its rosters and whether it has conditions."""

    plan: Plan
    roster_of: dict[str, str]  # item id -> the repeat section it is asked in
    within: dict[str, str]  # nested roster -> the roster it repeats in
    rosters: tuple[str, ...]  # repeat sections, outer before nested
    conditional: bool  # any `relevant` on an item or a section

    @property
    def plain(self) -> bool:
        """True when every item is asked once of every session (nothing to decide)."""
        return not self.rosters and not self.conditional


def plan_shape(plan: Plan) -> PlanShape:
    """The rosters and conditions of a plan."""
    roster_of: dict[str, str] = {}
    within: dict[str, str] = {}
    rosters: list[str] = []
    conditional = False
    for section in plan.sections:
        conditional = conditional or bool(section.relevant)
        if section.repeat:
            rosters.append(section.id)
            if section.within:
                within[section.id] = section.within
        for item in section.items:
            conditional = conditional or bool(item.relevant)
            if section.repeat:
                roster_of[item.id] = section.id
    rosters.sort(key=lambda r: r in within)
    return PlanShape(plan, roster_of, within, tuple(rosters), conditional)


def answer_rows(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(item id, member, row) of every answer in a session document.

    A roster answer names its member in the row; its key in `answers` is the item id
    followed by a separator and the member (or the row names its `item_id`)."""
    answers = doc.get("answers") or {}
    out = []
    for key, row in answers.items():
        if not isinstance(row, dict):
            row = {"value": row}
        member = row.get("member") or ""
        member = member if isinstance(member, str) else str(member)
        item_id = row.get("item_id")
        if not isinstance(item_id, str):
            item_id = str(key)
            cut = len(item_id) - len(member) - 1
            if member and cut > 0 and item_id.endswith(member) and not item_id[cut].isalnum():
                item_id = item_id[:cut]
        out.append((item_id, member, row))
    return out


def roster_members(doc: dict[str, Any], shape: PlanShape) -> list[Member]:
    """The members present in each roster of a session, outer rosters first. Entries a
    device could not have written (bad ids, parents that are not members) are ignored."""
    found = doc.get("rosters")
    found = found if isinstance(found, dict) else {}
    out: list[Member] = []
    present: dict[str, set[str]] = {}
    for roster in shape.rosters:
        by_parent = found.get(roster)
        by_parent = by_parent if isinstance(by_parent, dict) else {}
        outer = shape.within.get(roster)
        parents = [""] if outer is None else sorted(present.get(outer, set()))
        present[roster] = set()
        for parent in parents:
            ids = by_parent.get(parent)
            seen: set[str] = set()
            for member_id in ids if isinstance(ids, list) else []:
                if (not isinstance(member_id, str) or not _MEMBER_ID.fullmatch(member_id)
                        or member_id in seen):
                    continue
                seen.add(member_id)
                path = f"{parent}/{member_id}" if parent else member_id
                present[roster].add(path)
                out.append(Member(roster, path, member_id, parent, len(seen)))
    return out


def session_date(doc: dict[str, Any]) -> date | None:
    """The day a session was held (what `today()` meant while it was asked)."""
    text = doc.get("created")
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def relevance(doc: dict[str, Any], shape: PlanShape) -> Relevant:
    """(item, member) -> asked, from the runtime over this session's answers and rosters."""
    if not shape.conditional:
        return lambda _item, _member: True
    from fieldtui.core.logic import Questionnaire
    from fieldtui.core.plan.expr import ExprError

    rows = [{**row, "item_id": item_id, "member": member}
            for item_id, member, row in answer_rows(doc)]
    rosters = doc.get("rosters") if isinstance(doc.get("rosters"), dict) else {}
    seed = doc.get("seed") if type(doc.get("seed")) is int else None
    session = Questionnaire(shape.plan).session(rows, rosters, seed=seed,
                                                today=session_date(doc))

    def asked(item_id: str, member: str) -> bool:
        try:
            return bool(session.relevant(item_id, member))
        except (ExprError, ValueError, TypeError, KeyError):
            return True  # the app could not have hidden it either: keep the answer
    return asked


def session_data(doc: dict[str, Any], shape: PlanShape | None
                 ) -> tuple[list[Row], list[Member]]:
    """The answer rows that go into the data (with `asked`) and the roster members."""
    rows = answer_rows(doc)
    if shape is None or shape.plain:
        return [(i, m, r, True) for i, m, r in rows], []
    members = roster_members(doc, shape)
    by_roster: dict[str, list[str]] = {}
    for present in members:
        by_roster.setdefault(present.roster, []).append(present.path)
    asked = relevance(doc, shape)
    items = {item.id: item for item in shape.plan.items}
    out: list[Row] = []
    done: set[tuple[str, str]] = set()
    for item_id, member, row in rows:
        roster = shape.roster_of.get(item_id)
        if item_id not in items:
            out.append((item_id, member, row, True))
            continue
        if (member or roster) and member not in by_roster.get(roster or "", []):
            continue  # a removed member, or a member where the plan has no roster
        if (item_id, member) in done:
            continue
        done.add((item_id, member))
        if asked(item_id, member):
            out.append((item_id, member, row, True))
        else:
            out.append((item_id, member, _NOT_ASKED, False))
    for item in _answerable(shape.plan):
        roster = shape.roster_of.get(item.id)
        for member in by_roster.get(roster, []) if roster else [""]:
            if (item.id, member) not in done and not asked(item.id, member):
                out.append((item.id, member, _NOT_ASKED, False))
    return out, members


def poll_bases(plan: Plan) -> tuple[frozenset[str], Callable[[dict[str, Any]], set[str]]
                                   ] | None:
    """A poll's item bases for its release tables (`release_tables.Bases`): the items with
    a condition, and for a session the ones it was not asked. None: no conditions."""
    shape = plan_shape(plan)
    if not shape.conditional:
        return None
    conditional = frozenset(
        item.id for section in plan.sections for item in section.items
        if item.id not in shape.roster_of
        and (item.relevant or section.relevant))

    def not_asked(doc: dict[str, Any]) -> set[str]:
        asked = relevance(doc, shape)
        return {item_id for item_id in conditional if not asked(item_id, "")}
    return conditional, not_asked


_NOT_ASKED: dict[str, Any] = {"value": None, "at": None, "skipped": False, "skip_reason": "",
                              "key_covered": False}


def _answerable(plan: Plan) -> list[Item]:
    return [item for item in plan.items if item.kind != "note"]
