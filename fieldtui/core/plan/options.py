"""Exclusive options of a multi item ("None of these"): the plan check and the ticking rule.

A plan marks them on the item, `exclusive = ["None of these"]`, naming options by their
text. (The table form `options = [{ value, label, exclusive = true }]` is planned; this
list is the part of it the plan language has now.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fieldtui.core.plan.model import Item
from fieldtui.core.plan.schema import Checker


def check_exclusive(i: dict[str, Any], path: tuple[Any, ...], label: str, kind: str | None,
                    c: Checker) -> None:
    """`exclusive` is for multi items and names only options the item has."""
    if "exclusive" not in i:
        return
    where = (*path, "exclusive")
    if kind != "multi":
        c.error(where, "bad-value", f"exclusive is only for multi items, not {kind}",
                f"只有 multi 题可以有 exclusive,{kind} 题不可以")
        return
    options = i.get("options", [])
    for name in i["exclusive"]:
        if name not in options:
            shown = name if len(name) <= 40 else name[:39] + "…"
            c.error(where, "unknown-option",
                    f"'{label}' marks '{shown}' exclusive, but it is not one of its options",
                    f"'{label}' 将 '{shown}' 标为互斥选项,但它不在选项中")


def toggle_option(item: Item, picked: Sequence[Any], value: Any) -> tuple[list[Any], list[Any]]:
    """Tick or untick `value` of a multi item; returns (picked now, options it cleared).

    Ticking an exclusive option clears every other; ticking any other clears the exclusive ones.
    """
    if value in picked:
        return [v for v in picked if v != value], []
    if value in item.exclusive:
        cleared = list(picked)
    else:
        cleared = [v for v in picked if v in item.exclusive]
    return [*(v for v in picked if v not in cleared), value], cleared


def cleared_message(item: Item, value: Any, cleared: Sequence[Any]) -> str:
    """What the interviewer is told when a tick cleared others (empty when none was)."""
    if not cleared:
        return ""
    if value in item.exclusive:
        return f"“{value}” clears the other answers."
    return f"“{value}” clears “{cleared[0]}”."
