"""The method tables of a plan, [group] and [poll]: checked, then built into their specs."""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.findings import en_zh
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
            c.error(path, "wrong-type", *en_zh("coverage '{attr}' must list at least two values — list two or more, e.g. {attr} = [\"a\", \"b\"]", attr=attr))
        else:
            coverage[attr] = tuple(values)
    labels = _coverage_labels(g.get("coverage_labels", {}), coverage, c)
    lo, hi = size.get("min", 0), size.get("max", 0)
    if size and not 2 <= lo <= hi <= 30:
        c.error(("group", "size"), "bad-value", *en_zh("size needs 2 <= min <= max <= 30 — e.g. size = {{ min = 4, max = 10 }}"))
    informed = g.get("informed", 0)
    if "informed" in g and not 0 <= informed <= hi:
        c.error(("group", "informed"), "bad-value", *en_zh("informed must be between 0 and size.max — lower it to size.max or less"))
    if "notice" in g and not g["notice"].strip():
        c.error(("group", "notice"), "bad-value", *en_zh("the notice must say what views are sought — write in a sentence what the meeting wants to hear about"))
    if not size or "notice" not in g or "informed" not in g:
        return None
    return GroupSpec(lo, hi, coverage, informed, g["notice"], labels)


def _coverage_labels(raw: dict[str, Any], coverage: dict[str, tuple[str, ...]],
                     c: Checker) -> dict[str, str]:
    """The words messages name each coverage attribute with, e.g. area = "side of the park"."""
    labels: dict[str, str] = {}
    for attr, text in raw.items():
        path = ("group", "coverage_labels", attr)
        if not isinstance(text, str) or not text.strip():
            c.error(path, "wrong-type", *en_zh("the label of '{attr}' must be a text — write it as {attr} = \"the words to show\"", attr=attr))
        elif attr not in coverage:
            c.error(path, "bad-value", *en_zh("'{attr}' is no coverage attribute — label one of {names}", attr=attr, names=", ".join(coverage) or "-"))
        else:
            labels[attr] = text.strip()
    return labels


def build_poll(raw: dict[str, Any], c: Checker) -> PollSpec | None:
    """Check a [poll] table; its spec when sound."""
    p = c.table("poll", raw, ("poll",))
    if p.get("anonymous") is False:
        c.error(("poll", "anonymous"), "bad-value", *en_zh("a poll must be anonymous (anonymous = true) — set anonymous = true under [poll]"))
    if "min_cell" in p and not 1 <= p["min_cell"] <= 100:
        c.error(("poll", "min_cell"), "bad-value", *en_zh("min_cell must be between 1 and 100 — give a whole number such as 5"))
    max_change, variance = p.get("max_change", 2), p.get("variance", 1.0)
    if not 1 <= max_change <= 10:
        c.error(("poll", "max_change"), "bad-value", *en_zh("max_change must be between 1 and 10 — give a whole number such as 2"))
    elif not 0 < variance <= sum(d * d for d in range(1, max_change + 1)) / max_change:
        c.error(("poll", "variance"), "bad-value",
                *en_zh("variance must be above 0 and at most (1² + … + max_change²) / max_change — lower it (1.0 always fits) or raise max_change"))
    if not 1 <= p.get("protection", 2) <= 100:
        c.error(("poll", "protection"), "bad-value", *en_zh("protection must be between 1 and 100 — give a whole number such as 2"))
    every, selection = p.get("every", 0), p.get("selection", "")
    if "every" in p and not 2 <= every <= 1000:
        c.error(("poll", "every"), "bad-value", *en_zh("every must be between 2 and 1000 — give a whole number such as 10"))
    if "selection" in p and not 1 <= len(selection.strip()) <= 300:
        c.error(("poll", "selection"), "bad-value",
                *en_zh("selection must say how to select, in at most 300 characters — describe it in one short sentence"))
    if "anonymous" not in p or "min_cell" not in p:
        return None
    sensitive = p.get("sensitive")
    return PollSpec(p["anonymous"], p["min_cell"], tuple(p.get("cross", ())),
                    None if sensitive is None else tuple(sensitive), max_change,
                    float(variance), p.get("protection", 2), every, selection.strip())
