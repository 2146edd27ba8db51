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
                        f"{key} is only for rosters: add repeat = true to section '{label}'",
                        f"{key} 只用于循环部分:请在部分 '{label}' 中加上 repeat = true")
        return
    if method == "group":
        c.error((*path, "repeat"), "bad-value", "a group plan has no rosters (repeat): "
                "its roster is the meeting's participants", "小组讨论计划不能有循环部分(repeat)")
    count = s.get("repeat_count")
    if isinstance(count, int) and not 1 <= count <= MAX_COUNT:
        c.error((*path, "repeat_count"), "bad-value",
                f"repeat_count must be from 1 to {MAX_COUNT}, not {count}",
                f"repeat_count 必须在 1 到 {MAX_COUNT} 之间,而不是 {count}")


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
            problem = ("names the section itself", "指向了部分自身")
        elif target is None:
            problem = ("names no section of this plan", "不是本计划中的部分")
        elif target.get("repeat") is not True:
            problem = ("is not a roster (it has no repeat = true)",
                       "不是循环部分(没有 repeat = true)")
        elif "within" in target:
            problem = ("is itself nested: rosters nest one level only",
                       "本身已是嵌套循环:循环只能嵌套一层")
        elif order[parent] > index:
            problem = ("comes later in the plan: put the nested roster after its roster",
                       "在本部分之后:请把嵌套循环放在其所属循环之后")
        if problem is not None:
            shown = parent if len(parent) <= 40 else parent[:39] + "…"
            c.error(where, "bad-within", f"within = '{shown}' {problem[0]}",
                    f"within = '{shown}' {problem[1]}")
