"""Before a roster's count is saved: which members holding answers it would take out.

A counted roster (`repeat_count`) has as many members as its count says; a lower count
takes the last ones out (their answers stay stored, kept aside, out of the data). The run
screen asks the interviewer before it saves such a count; this says whom it would take
out and how many answers each holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldtui.core.answer_keys import MEMBER_MARK
from fieldtui.core.logic.questionnaire import Questionnaire
from fieldtui.core.logic.rules import SECTION
from fieldtui.core.logic.session import Session
from fieldtui.core.progress import is_done


@dataclass(frozen=True)
class Leaving:
    """A member a new count would take out of its roster, and the answers it holds."""

    section: str
    path: str
    answers: int


def members_leaving(q: Questionnaire, answers: Mapping[str, Mapping[str, Any]],
                    rosters: Mapping[str, Any], key: tuple[str, str], value: Any, *,
                    seed: int, today: date) -> list[Leaving]:
    """The members (in roster order) that saving `value` as the answer `key` (item id,
    member) would take out of a counted roster, among those holding answers; `answers` is
    the session document's `answers` field (rows keyed "item" or "item#member"), where
    the answer `key` may already hold the value being typed: the members now are the
    stored ones (`rosters`)."""
    item_id, member = key
    rows = [{"item_id": k.partition("#")[0], **r} if "item_id" not in r else dict(r)
            for k, r in answers.items() if isinstance(r, Mapping)]
    before = Session(q, rows, rosters, seed=seed, today=today)
    before.hold_counts({item_id})  # the members as they are now: the stored ones
    after = Session(q, rows, rosters, seed=seed, today=today)
    new = {"item_id": item_id, "value": value, "skipped": False, "skip_reason": ""}
    if member:
        new["member"] = member
    after.answer(item_id, member, new)
    held: dict[str, int] = {}
    for r in rows:
        path = r.get("member")
        item = q.items.get(str(r.get("item_id")))
        if item is None or item.kind == "calculate":  # worked out, not an answer given
            continue
        if isinstance(path, str) and path and is_done(r):
            for n in range(1, path.count("/") + 2):
                at = "/".join(path.split("/")[:n])
                held[at] = held.get(at, 0) + 1
    out: list[Leaving] = []
    for section in q.sections:
        if q.sections[section].repeat_count is None:
            continue
        now = set(after.state.section_paths(section))
        # A member's count sizes the rosters under that member only: another member's
        # count, saved as typed and never left (fieldtui stopped), is not this one's doing.
        under = member + "/" if member and section in q.within else ""
        out += [Leaving(section, p, held[p]) for p in before.state.section_paths(section)
                if p not in now and held.get(p) and p.startswith(under)]
    return out


def unsettled_counts(q: Questionnaire, answers: Mapping[str, Mapping[str, Any]],
                     rosters: Mapping[str, Mapping[str, list[str]]],
                     counts: Mapping[str, Any], *, seed: int,
                     today: date) -> dict[tuple[str, str], int | None]:
    """Count answers saved while they were typed and never left (fieldtui stopped: a
    crash, a power cut): those that would take members holding answers out of the stored
    roster (`rosters`), by (item id, member). Each with the count the stored roster had,
    when the roster's count is that answer alone (`${size}`), else None (it cannot be told).
    `counts`: each counted roster's `repeat_count` by section id."""
    found: dict[tuple[str, str], int | None] = {}
    for text_key, row in answers.items():
        item_id = str(row.get("item_id") or text_key.partition(MEMBER_MARK)[0])
        sized = [s for s in counts if item_id in q.reads.get((SECTION + s, "repeat_count"), ())]
        if not sized or row.get("skipped"):
            continue
        member = str(row.get("member") or text_key.partition(MEMBER_MARK)[2])
        if not members_leaving(q, answers, rosters, (item_id, member), row.get("value"),
                               seed=seed, today=today):
            continue
        alone = len(sized) == 1 and count_alone(str(counts[sized[0]])) == item_id
        parent = member if sized[0] in q.within else ""
        found[(item_id, member)] = (len(rosters.get(sized[0], {}).get(parent, []))
                                    if alone else None)
    return found


def count_alone(repeat_count: str) -> str | None:
    """The id of the item whose answer alone is a roster's count (`${size}`); None for a
    count worked out from more (`${size} - 1`)."""
    found = _ALONE.fullmatch(repeat_count)
    return found.group(1) if found else None


_ALONE = re.compile(r"\s*\$\{\s*([^}]*?)\s*\}\s*")
