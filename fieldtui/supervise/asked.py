"""What of a session goes into the data: its roster members, and which answers were asked.

Questionnaire logic (issue 12, docs/internals.md "Session document"): an answer row may
carry a roster `member` ("m2", or "m2/v1" in a nested roster), the session field `rosters`
lists the members of each roster in order (`{section: {parent: [member ids]}}`), and an
item whose condition (`relevant`, its own or a section's) is false was not asked. The
runtime (`fieldtui.core.logic.Questionnaire`) decides that over the session's answers and
rosters, exactly as the app did while asking.

The data holds: every answer to an item that was asked, of a member in its roster (the
runtime's members: the stored list, cut or filled to a roster's count); a "not asked" row
(no value) for every item and member whose condition was false, whether or not an answer
was kept aside for it; nothing of a removed member. An item the plan does not have keeps
its row (review counts it as an invalid value). Sessions of plans without conditions or
rosters pass through unchanged, without the runtime.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from fieldtui.core.plan.model import Item, Plan

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

    @cached_property
    def questionnaire(self) -> Any:
        """The plan compiled by the runtime (`core.logic.Questionnaire`), once."""
        from fieldtui.core.logic import Questionnaire

        return Questionnaire.of(self.plan)

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


def covered_items(doc: dict[str, Any]) -> set[str]:
    """The items whose key point a session covered (in a roster: for any member)."""
    return {item_id for item_id, _, row in answer_rows(doc) if row.get("key_covered")}


def logic_session(doc: dict[str, Any], shape: PlanShape) -> Any:
    """The runtime's view of one session (`core.logic.Session`): its members and what was
    relevant, from its answer rows and `rosters` field, as the app saw them."""
    rows = [{**row, "item_id": item_id, "member": member}
            for item_id, member, row in answer_rows(doc)]
    rosters = doc.get("rosters") if isinstance(doc.get("rosters"), dict) else {}
    seed = doc.get("seed") if type(doc.get("seed")) is int else None
    from fieldtui.core.logic import Session
    return Session(shape.questionnaire, rows, rosters, seed=seed, today=session_date(doc))


def roster_members(session: Any, shape: PlanShape) -> list[Member]:
    """The members of each roster of a session, outer rosters first, as the runtime has
    them: the stored ones (a removed member is gone), as many as a roster's count says."""
    out: list[Member] = []
    for roster in shape.rosters:
        outer = shape.within.get(roster)
        parents = [""] if outer is None else [m.path for m in out if m.roster == outer]
        for parent in parents:
            for position, member_id in enumerate(session.members(roster, parent), start=1):
                path = f"{parent}/{member_id}" if parent else member_id
                out.append(Member(roster, path, member_id, parent, position))
    return out


def session_date(doc: dict[str, Any]) -> date | None:
    """The day a session was held (what `today()` meant while it was asked)."""
    text = doc.get("created")
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def relevance(session: Any) -> Relevant:
    """(item, member) -> asked, from the runtime's session."""
    from fieldtui.core.plan.expr import ExprError

    def asked(item_id: str, member: str) -> bool:
        try:
            return bool(session.relevant(item_id, member))
        except (ExprError, ValueError, TypeError, KeyError):
            return True  # the app could not have hidden it either: keep the answer
    return asked


def session_data(doc: dict[str, Any], shape: PlanShape | None
                 ) -> tuple[list[Row], list[Member]]:
    """The answer rows that go into the data (with `asked`) and the roster members."""
    if shape is None or shape.plain:  # the common case, kept cheap: no member, all asked
        return [(item_id, "", row, True)
                for item_id, row in (doc.get("answers") or {}).items()], []
    rows = answer_rows(doc)
    session = logic_session(doc, shape)
    members = roster_members(session, shape)
    by_roster: dict[str, list[str]] = {}
    for present in members:
        by_roster.setdefault(present.roster, []).append(present.path)
    asked = relevance(session)
    items = {item.id: item for item in shape.plan.items}
    out: list[Row] = []
    done: set[tuple[str, str]] = set()
    for item_id, member, row in rows:
        roster = shape.roster_of.get(item_id)
        if (item_id, member) in done:
            continue  # one row per item and member (a device could send two)
        done.add((item_id, member))
        if item_id not in items:
            out.append((item_id, member, row, True))
            continue
        if (member or roster) and member not in by_roster.get(roster or "", []):
            continue  # a removed member, or a member where the plan has no roster
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
        asked = relevance(logic_session(doc, shape))
        return {item_id for item_id in conditional if not asked(item_id, "")}
    return conditional, not_asked


_NOT_ASKED: dict[str, Any] = {"value": None, "at": None, "skipped": False, "skip_reason": "",
                              "key_covered": False}


def _answerable(plan: Plan) -> list[Item]:
    """The items that are data (a `note` the interviewer types is a text variable: its
    condition false, it was not asked, not "not reached"); a `display` is not data."""
    return [item for item in plan.items if item.kind != "display"]
