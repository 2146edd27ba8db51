"""Whether an answer's value is one the plan allows: its options, its scale, a number.

A device can put anything in a bundle. A value outside the plan is counted as invalid and
flagged (`invalid-value`), never shown: it may be a name or any text a device invented.
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise.number_bins import number_of

CHECKED_KINDS = ("choice", "multi", "scale", "number")


def fits(item: Item, value: Any) -> bool:
    """True when `value` is no answer (None) or one the item allows."""
    if value is None:
        return True
    if item.kind == "choice":
        return isinstance(value, str) and value in item.options
    if item.kind == "multi":
        return (isinstance(value, list) and len(set(map(repr, value))) == len(value)
                and all(isinstance(v, str) and v in item.options for v in value))
    if item.kind == "scale" and item.scale is not None:
        return type(value) is int and item.scale.min <= value <= item.scale.max
    if item.kind == "number":
        return number_of(value) is not None
    return True


def invalid_answers(doc: dict[str, Any], plan: Plan) -> tuple[list[str], int]:
    """(ids of the plan's items answered with a value outside the plan, how many answers
    name an item the plan does not have)."""
    answers = doc.get("answers") or {}
    if not isinstance(answers, dict):
        return [], 0
    known = {item.id: item for item in plan.items}
    bad = [item_id for item_id, item in known.items()
           if item.kind in CHECKED_KINDS and item_id in answers
           and not fits(item, (answers[item_id] or {}).get("value")
                        if isinstance(answers[item_id], dict) else answers[item_id])]
    return bad, sum(1 for item_id in answers if item_id not in known)
