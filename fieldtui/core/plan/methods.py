"""The method tables of a plan, [group] and [poll]: checked, then built into their specs."""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.model import GroupSpec, PollSpec
from fieldtui.core.plan.schema import Checker


def build_group(raw: dict[str, Any], c: Checker) -> GroupSpec | None:
    """Check a [group] table; its spec when sound."""
    g = c.table("group", raw, ("group",))
    size = c.table("size", g.get("size", {}), ("group", "size")) if "size" in g else {}
    coverage: dict[str, tuple[str, ...]] = {}
    for attr, values in g.get("coverage", {}).items():
        path = ("group", "coverage", attr)
        if not (isinstance(values, list) and len(values) >= 2
                and all(isinstance(v, str) for v in values)):
            c.error(path, "wrong-type", f"coverage '{attr}' must list at least two values",
                    f"覆盖属性 '{attr}' 至少要列出两个取值")
        else:
            coverage[attr] = tuple(values)
    lo, hi = size.get("min", 0), size.get("max", 0)
    if size and not 2 <= lo <= hi <= 30:
        c.error(("group", "size"), "bad-value", "size needs 2 <= min <= max <= 30",
                "size 需满足 2 <= min <= max <= 30")
    informed = g.get("informed", 0)
    if "informed" in g and not 0 <= informed <= hi:
        c.error(("group", "informed"), "bad-value", "informed must be between 0 and size.max",
                "informed 必须在 0 与 size.max 之间")
    if "notice" in g and not g["notice"].strip():
        c.error(("group", "notice"), "bad-value", "the notice must say what views are sought",
                "通知必须说明希望听取哪些意见")
    if not size or "notice" not in g or "informed" not in g:
        return None
    return GroupSpec(lo, hi, coverage, informed, g["notice"])


def build_poll(raw: dict[str, Any], c: Checker) -> PollSpec | None:
    """Check a [poll] table; its spec when sound."""
    p = c.table("poll", raw, ("poll",))
    if p.get("anonymous") is False:
        c.error(("poll", "anonymous"), "bad-value", "a poll must be anonymous (anonymous = true)",
                "民意调查必须匿名(anonymous = true)")
    if "min_cell" in p and not 1 <= p["min_cell"] <= 100:
        c.error(("poll", "min_cell"), "bad-value", "min_cell must be between 1 and 100",
                "min_cell 必须在 1 与 100 之间")
    max_change, variance = p.get("max_change", 2), p.get("variance", 1.0)
    if not 1 <= max_change <= 10:
        c.error(("poll", "max_change"), "bad-value", "max_change must be between 1 and 10",
                "max_change 必须在 1 与 10 之间")
    elif not 0 < variance <= sum(d * d for d in range(1, max_change + 1)) / max_change:
        c.error(("poll", "variance"), "bad-value",
                "variance must be above 0 and at most (1² + … + max_change²) / max_change",
                "variance 必须大于 0 且不超过 (1² + … + max_change²) / max_change")
    if not 1 <= p.get("protection", 2) <= 100:
        c.error(("poll", "protection"), "bad-value", "protection must be between 1 and 100",
                "protection 必须在 1 与 100 之间")
    every, selection = p.get("every", 0), p.get("selection", "")
    if "every" in p and not 2 <= every <= 1000:
        c.error(("poll", "every"), "bad-value", "every must be between 2 and 1000",
                "every 必须在 2 与 1000 之间")
    if "selection" in p and not 1 <= len(selection.strip()) <= 300:
        c.error(("poll", "selection"), "bad-value",
                "selection must say how to select, in at most 300 characters",
                "selection 必须说明如何抽选,不超过 300 个字符")
    if "anonymous" not in p or "min_cell" not in p:
        return None
    sensitive = p.get("sensitive")
    return PollSpec(p["anonymous"], p["min_cell"], tuple(p.get("cross", ())),
                    None if sensitive is None else tuple(sensitive), max_change,
                    float(variance), p.get("protection", 2), every, selection.strip())
