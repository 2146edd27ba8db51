"""Rosters: sections with `repeat = true`, their count, nesting (`within`) and member label.

    [[section]]
    id = "members"
    repeat = true
    repeat_count = "${household_size}"   # or absent: open-ended ("add another")
    member_label = "${name}"

    [[section]]
    id = "visits"
    repeat = true
    within = "members"                    # asked for each member; one level of nesting only
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.findings import en_zh
from fieldtui.core.plan.schema import Checker

ROSTER_ONLY = ("repeat_count", "within", "member_label")
MAX_COUNT = 1000


def check_section(s: dict[str, Any], path: tuple[Any, ...], method: str | None,
                  c: Checker) -> None:
    """The roster fields of one section: only with `repeat`, a sane literal count."""
    label = s.get("id", "?")
    if not s.get("repeat", False):
        for key in ROSTER_ONLY:
            if key in s:
                c.error((*path, key), "bad-value",
                        *en_zh("{key} is only for rosters — add repeat = true to section '{label}', or remove {key}", key=key, label=label))
        return
    if method == "group":
        c.error((*path, "repeat"), "bad-value", *en_zh("a group plan has no rosters (repeat): its roster is the meeting's participants — remove repeat from this section"))
    count = s.get("repeat_count")
    if isinstance(count, int) and not 1 <= count <= MAX_COUNT:
        c.error((*path, "repeat_count"), "bad-value",
                *en_zh("repeat_count must be from 1 to {max_count}, not {count} — give a number in that range, or an expression such as \"${{members}}\"", max_count=MAX_COUNT, count=count))


def count_text(value: str | int | None) -> str | None:
    """repeat_count as an expression: a whole number becomes its digits."""
    return str(value) if isinstance(value, int) else value


def check_nesting(raw: list[Any], c: Checker) -> None:
    """`within` names an earlier roster that is not itself nested (one level only)."""
    order: dict[str, int] = {}
    tables: dict[str, dict[str, Any]] = {}
    for index, s in enumerate(raw):
        if isinstance(s, dict) and isinstance(s.get("id"), str):
            order.setdefault(s["id"], index)
            tables.setdefault(s["id"], s)
    for index, s in enumerate(raw):
        if not isinstance(s, dict) or s.get("repeat") is not True:
            continue
        parent = s.get("within")
        if not isinstance(parent, str):
            continue
        where = ("section", index, "within")
        target = tables.get(parent)
        problem: tuple[str, str] | None = None
        if parent == s.get("id"):
            problem = en_zh("names the section itself")
        elif target is None:
            problem = en_zh("names no section of this plan")
        elif target.get("repeat") is not True:
            problem = en_zh("is not a roster (it has no repeat = true)")
        elif "within" in target:
            problem = en_zh("is itself nested: rosters nest one level only")
        elif order[parent] > index:
            problem = en_zh("comes later in the plan: put the nested roster after its roster")
        if problem is not None:
            shown = parent if len(parent) <= 40 else parent[:39] + "…"
            c.error(where, "bad-within", *en_zh("within = '{shown}' {problem} — name an earlier roster section (repeat = true) that is not itself nested", shown=shown,
                                                problem=problem))
