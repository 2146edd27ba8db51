"""Three households of the household-roster fixture plan, as devices store them (issue 12):
roster answers keyed by member, a removed member, answers kept aside, calculations, and
every missing reason.

Rows are keyed as the app's store keys them (`store/session_tables.py`: "item#member").
Home A (a flat): people m1 Ana 34, m3 Bo 12, m4 Cy 8 (m2 "Gone" was removed, his answers
stay in the document); Ana's school answer was kept aside (she is an adult); Cy's is
"Don't know"; visits m1/v1 north, m1/v2 south (m2/v1 belongs to the removed member).
Home B (a house): the floor answer was kept aside; the visit date and rooms declined;
no calculation of people per room was stored; Dee 40 has no school answer.
Home C (other): rooms answered "many" (not a number); Eve 70 and m2 with no answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.dataset_factory import T0, document
from tests.support.paths import FIXTURES

PLAN = FIXTURES / "household_roster.toml"
SIDS = ("a" * 32, "b" * 32, "c" * 32)


def row(value: Any, member: str = "", reason: str = "") -> dict[str, Any]:
    """One stored answer row (skipped with `reason` when given)."""
    out = {"value": None if reason else value, "at": T0, "skipped": bool(reason),
           "skip_reason": reason, "key_covered": False}
    if member:
        out["member"] = member
    return out


def answers(top: dict[str, Any], members: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The document's answers as a device's store writes them: top-level rows by item id,
    roster rows by "item#member", the row naming its item and member."""
    out = {item: value if isinstance(value, dict) else row(value)
           for item, value in top.items()}
    for member, values in members.items():
        for item, value in values.items():
            out[f"{item}#{member}"] = {**(value if isinstance(value, dict)
                                          else row(value, member)),
                                       "item_id": item, "member": member}
    return out


def household_docs(**kw: Any) -> list[dict[str, Any]]:
    """Homes A, B and C (see the module docstring); `kw` goes to `document` (device_id,
    interviewer, study_id)."""
    a = document(session_id=SIDS[0], plan_id="household-roster", **kw)
    a["answers"] = answers(
        {"hh_size": 3, "dwelling": "flat", "floor": 4, "visit_date": "2026-11-20",
         "rooms": 2, "per_room": 1.5, "home_word": "apartment"},
        {"m1": {"name": "Ana", "age": 34, "school": "no"},
         "m2": {"name": "Gone", "age": 50},
         "m3": {"name": "Bo", "age": 12, "school": "yes"},
         "m4": {"name": "Cy", "age": 8, "school": row(None, reason="Don't know")},
         "m1/v1": {"clinic": "north"}, "m1/v2": {"clinic": "south"},
         "m2/v1": {"clinic": "north"}})
    a["rosters"] = {"people": {"": ["m1", "m3", "m4"]},
                    "visits": {"m1": ["v1", "v2"], "m2": ["v1"], "m3": []}}
    b = document(session_id=SIDS[1], plan_id="household-roster", **kw)
    b["answers"] = answers(
        {"hh_size": 1, "dwelling": "house", "floor": 2,
         "visit_date": row(None, reason="Declined to answer"),
         "rooms": row(None, reason="Declined to answer"), "home_word": "detached"},
        {"m1": {"name": "Dee", "age": 40}})
    b["rosters"] = {"people": {"": ["m1"]}}
    c = document(session_id=SIDS[2], plan_id="household-roster", **kw)
    c["answers"] = answers({"hh_size": 2, "dwelling": "other", "rooms": "many",
                            "home_word": "detached"},
                           {"m1": {"name": "Eve", "age": 70}})
    c["rosters"] = {"people": {"": ["m1", "m2"]}}
    return [a, b, c]


def household_dataset(path: Path) -> Any:
    """A dataset holding the plan and homes A, B, C, loaded as a merge loads them."""
    from fieldtui.supervise.dataset import open_dataset
    from tests.support.dataset_factory import load_documents, record_plans

    conn = open_dataset(path, create=True)
    record_plans(conn, PLAN)
    load_documents(conn, household_docs())
    return conn
