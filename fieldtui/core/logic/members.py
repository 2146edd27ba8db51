"""Who the members of each roster are: the session's `rosters` field and `repeat_count`.

`rosters` is `{section_id: {parent_key: [member_id, ...]}}` (parent_key "" for a top
roster, the parent member's id for a nested one); the list order is the members' order.
An open-ended roster has exactly the stored members. A counted roster (`repeat_count`) has
as many as the count says: the stored ones first, in their order, then fresh ids m1, m2, ...
(v1, v2, ... when nested) that the list does not hold, so a count that goes down and back
up finds the same members and their answers again. The field comes from a device: anything
that is not a list of plain ids is ignored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

MAX_MEMBERS = 500
_ID_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}\Z")

Lists = dict[tuple[str, str], list[str]]
CountOf = Callable[[str, str], float | None]


def stored_list(rosters: Any, section: str, parent: str) -> list[str]:
    """The stored member ids of one roster under one parent, cleaned (no dupes, no junk).
    The list comes from a device and is as long as a bundle holds: the dupes are found in
    a set (a look through the list kept so far for each id took hours for a million)."""
    by_parent = rosters.get(section) if isinstance(rosters, Mapping) else None
    found = by_parent.get(parent) if isinstance(by_parent, Mapping) else None
    if not isinstance(found, list):
        return []
    out: list[str] = []
    seen: set[str] = set()
    for member in found:
        if isinstance(member, str) and member not in seen and _ID_RE.match(member):
            seen.add(member)
            out.append(member)
    return out


def one_list(section: str, parent: str, rosters: Any, count: float | None,
             fresh: int = MAX_MEMBERS) -> list[str]:
    """The members of `section` under `parent`, given its count (None: open-ended), at
    most `fresh` of them ids the stored list does not hold."""
    return _sized(stored_list(rosters, section, parent), parent, count, fresh)[0]


def _sized(base: list[str], parent: str, count: float | None, fresh: int
           ) -> tuple[list[str], int]:
    """The members from the stored ones and the count, and how many fresh ids were added."""
    if count is None:
        return base, 0
    n = 0 if math.isnan(count) else int(max(0, min(MAX_MEMBERS, count)))
    out = base[:n]
    n = min(n, len(out) + max(0, fresh))
    kept = len(out)
    prefix = "v" if parent else "m"
    k = 1
    while len(out) < n:
        candidate = f"{prefix}{k}"
        if candidate not in base:
            out.append(candidate)
        k += 1
    return out, len(out) - kept


def all_lists(rosters: Any, top: list[str], nested: Mapping[str, str],
              count_of: CountOf) -> Lists:
    """Every roster's members: top rosters (in plan order), then those nested in them. A
    nested roster's counts add at most MAX_MEMBERS fresh ids under all its parents
    together, as a top roster's does: a device's count of 500 under each of 500 members
    (a few bytes each) made 250,000 members of one session, rows in the data and the
    exports. Stored members count against nothing (each is bytes of the bundle); a device
    stores its counted members as it goes (tui.walk_rosters.size_rosters)."""
    lists: Lists = {}
    for section in top:
        lists[(section, "")] = one_list(section, "", rosters, count_of(section, ""))
    for section, parent in nested.items():
        fresh = MAX_MEMBERS
        for member in lists.get((parent, ""), []):
            found, added = _sized(stored_list(rosters, section, member), member,
                                  count_of(section, member), fresh)
            lists[(section, member)] = found
            fresh -= added
    return lists


def paths_of(lists: Lists, top: list[str], nested: Mapping[str, str]) -> dict[str, list[str]]:
    """Each roster's member paths in asking order: "m2", or "m2/v1" when nested."""
    paths: dict[str, list[str]] = {s: list(lists.get((s, ""), [])) for s in top}
    for section, parent in nested.items():
        paths[section] = [f"{p}/{m}" for p in lists.get((parent, ""), [])
                          for m in lists.get((section, p), [])]
    return paths
