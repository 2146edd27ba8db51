"""The body of an `assignment` update, checked before a device applies it.

    {"assignment_id": 16 hex, "device_id", "plan_id", "count": N,
     "quotas": [{"attribute": ITEM_ID, "value": OPTION, "count": n}, ...],
     "codes": [RESPONDENT_CODE, ...]}

Work a supervisor gives one device: `count` sessions of plan `plan_id` (respondents or
meetings), optionally with quotas by an attribute the plan records (a closed item and one
of its option values), or a list of respondent codes to interview (then `count` is their
number). An assignment is addressed to one device: the header's `to` and the body's
`device_id` must be this device. Publishing the same `assignment_id` again replaces it
(a changed count); a count of 0 withdraws it. Sizes are bounded; texts are shown escaped.
"""

from __future__ import annotations

import re
from typing import Any

from fieldtui.bundle.update_format import UpdateError
from fieldtui.core.i18n import _

FIELDS = frozenset({"assignment_id", "device_id", "plan_id", "count", "quotas", "codes"})
MAX_COUNT = 100_000
MAX_QUOTAS = 50
MAX_CODES = 10_000
_ID = re.compile(r"[0-9a-f]{16}")
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
_VALUE = re.compile(r"[^\x00-\x1f\x7f]{1,100}")


def check_assignment(seq: int, to: str, body: dict[str, Any], *, device_id: str) -> None:
    """Raise UpdateError unless `body` is a well-formed assignment for this device."""
    def bad(why: str) -> UpdateError:
        return UpdateError("malformed-body", f"update {seq}'s assignment {why}")

    if set(body) != FIELDS:
        raise bad(_("lacks its fields"))
    if not isinstance(body["assignment_id"], str) or not _ID.fullmatch(body["assignment_id"]):
        raise bad(_("has no valid id"))
    if to != device_id or body["device_id"] != device_id:
        raise UpdateError("other-device", _("update {seq} assigns work to another "
                                            "device ({device_id}), not this one").format(seq=seq, device_id=str(body['device_id'])[:16]))
    if not isinstance(body["plan_id"], str) or not _NAME.fullmatch(body["plan_id"]):
        raise bad(_("names no valid plan"))
    count = body["count"]
    if type(count) is not int or not 0 <= count <= MAX_COUNT:
        raise bad(_("count is not a whole number from 0 to {max_count}").format(max_count=MAX_COUNT))
    quotas = body["quotas"]
    if not isinstance(quotas, list) or len(quotas) > MAX_QUOTAS or not all(
            isinstance(q, dict) and set(q) == {"attribute", "value", "count"}
            and isinstance(q["attribute"], str) and _NAME.fullmatch(q["attribute"])
            and isinstance(q["value"], str) and _VALUE.fullmatch(q["value"])
            and type(q["count"]) is int and 0 < q["count"] <= count for q in quotas):
        raise bad(_("quotas are not valid"))
    codes = body["codes"]
    if not isinstance(codes, list) or len(codes) > MAX_CODES or not all(
            isinstance(c, str) and _VALUE.fullmatch(c) for c in codes):
        raise bad(_("respondent codes are not valid"))
    if codes and (quotas or len(codes) != count):
        raise bad(_("mixes respondent codes with quotas or another count"))
