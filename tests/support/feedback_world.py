"""A dataset for the feedback summary: meetings with planted names, codes and places that
the summary must never show."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldtui.supervise import themes as th
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.followups import register, set_followup
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES

PEOPLE = [{"id": "P1", "label": "Amina Karim", "attributes": {}, "informed": True},
          {"id": "P2", "label": "Bo Lee", "attributes": {}, "informed": False}]
CODE = "R-7KQ3-M2"
PLANTED = ("Amina", "Karim", "Bo Lee", "Lee", "7KQ3", "7kq3", "Riverside", "unsafe",
           "gate at night")


def _meeting(n: int) -> dict[str, object]:
    doc = document(method="group", plan_id="group-park-mini", participants=PEOPLE,
                   answers={"use": "Amina says the gate at night is locked"}, events=[
                       {"t": 1, "type": "quote", "participant": "P1",
                        "text": "The gate should open earlier", "may_quote": True},
                       {"t": 2, "type": "quote", "participant": "P2",
                        "text": "Bo Lee thinks lights are needed", "may_quote": True},
                       {"t": 3, "type": "quote", "participant": "P2",
                        "text": "We feel unsafe", "may_quote": False},
                       {"t": 4, "type": "quote", "participant": "P1",
                        "text": "the riverside path is dark", "may_quote": True},
                       {"t": 5, "type": "quote", "participant": "P1", "text": "old quote"},
                       {"t": 6, "type": "quote", "participant": "P2",
                        "text": "ask r 7kq3 m2, they know", "may_quote": True}])
    doc["notes"] = [{"item_id": None, "text": f"code {CODE.lower().replace('-', ' ')} came too",
                     "at": doc["created"]}]
    doc["concerns"] = [
        {"description": "Amina asked about the gate", "category": "safety",
         "urgency": "high", "settled": False, "promise": True, "due": "2000-01-01",
         "participant": "P1", "at": doc["created"]},
        {"description": "bins overflow on weekends", "category": "services",
         "urgency": "low", "settled": n % 2 == 0, "promise": False, "due": None,
         "participant": None, "at": doc["created"]}]
    return doc


def feedback_dataset(tmp_path: Path) -> sqlite3.Connection:
    """Eight meetings of the park plan and one interview, themes coded, follow-ups replied:
    every planted name and code is in it somewhere."""
    plan = tmp_path / "group_park.toml"
    plan.write_text((FIXTURES / "group_park.toml").read_text("utf-8")
                    + '\n[followup]\ncategories = ["safety", "services", "other"]\n'
                    'sensitive_names = ["Riverside"]\n', "utf-8")
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    record_plans(conn, plan)
    # the code belongs to an interview of the same study; a meeting's note names it
    load_documents(conn, [_meeting(n) for n in range(8)] + [document(respondent=CODE)])
    th.set_code(conn, "opening-hours", "The park should open longer")
    for unit in th.units(conn):
        if unit.kind == "answer":
            th.code_unit(conn, unit.unit, "ann", ["opening-hours"])
    for entry in register(conn):
        if entry.category == "safety":
            set_followup(conn, entry.id, status="in-progress", owner="Parks", by="sam",
                         reply="Amina's gate will be fixed")
        elif entry.status == "open":
            set_followup(conn, entry.id, status="settled", owner="Parks", by="sam",
                         reply="Bins are emptied on Sundays now")
    return conn
