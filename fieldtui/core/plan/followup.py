"""The plan's [followup] table: concern categories and the names a summary must not print.

    [followup]
    categories = ["water", "school", "other"]     # default: DEFAULT_CONCERN_CATEGORIES
    sensitive_names = ["Riverside camp"]          # never printed by `report feedback`

A plan without [followup] gets the defaults (and its content hash does not change).
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.findings import en_zh
from fieldtui.core.plan.model import DEFAULT_CONCERN_CATEGORIES, FollowupSpec
from fieldtui.core.plan.schema import Checker

MAX_CATEGORIES = 30
MAX_CATEGORY_CHARS = 40
MAX_SENSITIVE_NAMES = 500


def build_followup(raw: dict[str, Any], c: Checker) -> FollowupSpec | None:
    """Check a [followup] table; its spec when sound."""
    f = c.table("followup", raw, ("followup",))
    categories = tuple(f.get("categories", DEFAULT_CONCERN_CATEGORIES))
    path = ("followup", "categories")
    ok = True
    if "categories" in f and not 1 <= len(categories) <= MAX_CATEGORIES:
        c.error(path, "bad-value", *en_zh("categories must list 1 to {max_categories} names — list at least one, e.g. categories = [\"health\"]", max_categories=MAX_CATEGORIES))
        ok = False
    if any(not name.strip() or len(name) > MAX_CATEGORY_CHARS for name in categories):
        c.error(path, "bad-value", *en_zh("each category needs 1 to {max_chars} characters — shorten or fill in the names", max_chars=MAX_CATEGORY_CHARS))
        ok = False
    if len({name.casefold() for name in categories}) != len(categories):
        c.error(path, "duplicate-option", *en_zh("categories repeats a name — remove the repeated name"))
        ok = False
    names = tuple(f.get("sensitive_names", ()))
    if len(names) > MAX_SENSITIVE_NAMES or any(not n.strip() for n in names):
        c.error(("followup", "sensitive_names"), "bad-value",
                *en_zh("sensitive_names must list at most {max_names} non-empty names — remove the empty names or list fewer", max_names=MAX_SENSITIVE_NAMES))
        ok = False
    if not ok:
        return None
    return FollowupSpec(categories, tuple(n.strip() for n in names))
