"""Whether an answer's value is one the plan allows: its options, its scale, a number.

A device can put anything in a bundle. A value outside the plan is counted as invalid and
flagged (`invalid-value`), never shown: it may be a name or any text a device invented.
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise.asked import answer_rows
from fieldtui.supervise.number_bins import number_of

CHECKED_KINDS = ("choice", "multi", "scale", "number", "display")


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
    return item.kind != "display"  # text shown: nothing to answer


def invalid_answers(doc: dict[str, Any], plan: Plan) -> tuple[list[str], int]:
    """(ids of the plan's items answered with a value outside the plan, for any roster
    member, how many answers name an item the plan does not have)."""
    if not isinstance(doc.get("answers") or {}, dict):
        return [], 0
    known = {item.id: item for item in plan.items}
    rows = answer_rows(doc)
    wrong = {item_id for item_id, _, row in rows if item_id in known
             and known[item_id].kind in CHECKED_KINDS
             and not fits(known[item_id], row.get("value"))}
    return ([i for i in known if i in wrong],
            sum(1 for item_id, _, _ in rows if item_id not in known))
