"""A dataset with group discussion meetings of a plan in two versions (version 2 adds a
coverage attribute and a choice), a participant label and attribute a hostile device
wrote, and one interview of another plan (no participants, no turns).

Meeting A (version 1): P1 "Ana" 18-34 north, well informed; P2 a hostile label, age "old"
(no choice of the plan), no area. Turns: P1 in "opening" 300 s at 09:01, P2 in "hours"
12.5 s at 09:06. Meeting B (version 2): P1 "Bo" 65+ south Renter; one turn of P1, 45 s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import HOSTILE, document, load_documents, record_plans
from tests.support.paths import FIXTURES

MEETING_A, MEETING_B, INTERVIEW = "a" * 32, "b" * 32, "c" * 32


def plan_text(version: int) -> str:
    """The meeting plan `park-meeting` as version 1 or 2."""
    tenure = 'tenure = ["Owner", "Renter"]\n' if version == 2 else ""
    ages = '"18-34", "35-64", "65+"' if version == 2 else '"18-34", "35-64"'
    return f"""[plan]
id = "park-meeting"
version = {version}
title = "Park meeting"
method = "group"
language = "en"
minutes = 30

[consent]
text = "Notes are taken; your name is not recorded."
required = true

[group]
size = {{ min = 2, max = 8 }}
informed = 1
notice = "We want your views on the park."

[group.coverage]
age = [{ages}]
area = ["north", "south"]
{tenure}
[group.coverage_labels]
age = "Age band"

[[section]]
id = "opening"
title = "Opening round"
minutes = 10

[[section.item]]
id = "use"
kind = "open"
prompt = "When do you usually go to the park?"

[[section]]
id = "hours"
title = "Evening hours"
minutes = 20

[[section.item]]
id = "barriers"
kind = "open"
prompt = "What keeps you from the park in the evening?"
"""


def _meeting(session_id: str, version: int, people: list[dict[str, Any]],
             events: list[dict[str, Any]]) -> dict[str, Any]:
    doc = document(session_id=session_id, plan_id="park-meeting", method="group",
                   participants=people, events=events, answers={"use": "evenings"})
    plan = parse_plan(plan_text(version)).plan
    assert plan is not None
    doc["plan"] = {"id": "park-meeting", "version": version, "hash": plan.content_hash}
    return doc


def meeting_docs() -> list[dict[str, Any]]:
    """Meetings A and B and the interview (see the module docstring)."""
    a = _meeting(MEETING_A, 1, [
        {"id": "P1", "label": "Ana", "attributes": {"age": "18-34", "area": "north"},
         "informed": True},
        {"id": "P2", "label": HOSTILE, "attributes": {"age": "old"}, "informed": False}], [
        {"t": 0, "type": "section", "section_id": "opening"},
        {"t": 60, "type": "turn", "participant": "P1", "section_id": "opening",
         "duration": 300.0},
        {"t": 360, "type": "turn", "participant": "P2", "section_id": "hours",
         "duration": 12.5}])
    b = _meeting(MEETING_B, 2, [
        {"id": "P1", "label": "Bo", "attributes": {"age": "65+", "area": "south",
                                                    "tenure": "Renter"}, "informed": True}],
        [{"t": 30, "type": "turn", "participant": "P1", "section_id": "opening",
          "duration": 45}])
    interview = document(session_id=INTERVIEW, plan_id="mini-interview")
    return [a, b, interview]


def meeting_dataset(path: Path | str, docs: list[dict[str, Any]] | None = None) -> Any:
    """The dataset (an open connection; `path` a file or a PostgreSQL URL) with both plan
    versions, the interview's plan and the three sessions (or `docs`)."""
    conn = open_dataset(path, create=True)
    conn.execute("BEGIN")
    for version in (1, 2):
        plan = parse_plan(plan_text(version)).plan
        assert plan is not None, parse_plan(plan_text(version)).findings
        conn.execute("INSERT INTO plans VALUES ('park-meeting', ?, ?, ?)",
                     (version, plan.content_hash, plan_text(version)))
    conn.execute("COMMIT")
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    load_documents(conn, meeting_docs() if docs is None else docs)
    return conn
