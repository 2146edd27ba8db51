"""`report feedback`: what we heard, what we did — and nothing that identifies anyone.

Planted: a participant's name in an open answer and in a concern, a respondent code in a
note, a roster name and a place the plan lists as sensitive in consented quotes, a quote
whose speaker did not agree. None of them may appear in the summary."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldtui.supervise import themes as th
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.feedback import build_feedback
from fieldtui.supervise.followups import register, set_followup
from tests.support.cli_run import fieldtui
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


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
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


def test_the_summary_says_what_was_heard_and_done_and_names_no_one(
        conn: sqlite3.Connection) -> None:
    text = build_feedback(conn, "group-park-mini")
    for planted in PLANTED:
        assert planted.casefold() not in text.casefold(), planted
    assert "The park should open longer" in text
    assert "“The gate should open earlier”" in text
    assert "Bins are emptied on Sundays now" in text
    assert "16 quote(s) left out: the speaker did not agree" in text  # unticked or no flag
    assert "24 quote(s) left out: they could identify someone" in text
    assert "(8 reply(ies) left out: they could identify someone)" in text
    assert "safety: raised in" in text and "being worked on" in text


def test_counts_are_protected(conn: sqlite3.Connection) -> None:
    text = build_feedback(conn, "group-park-mini")
    # 8 conversations: shown "about N" with N within the largest change (2) of 8
    line = next(li for li in text.splitlines() if "conversation(s)." in li)
    shown = int(line.split("in about ")[1].split()[0])
    assert abs(shown - 8) <= 2
    with open_dataset_copy(conn) as few:
        assert "fewer than 5" in build_feedback(few, "group-park-mini")


class open_dataset_copy:
    """The same dataset with only 3 meetings left."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.copy = sqlite3.connect(":memory:")
        self.conn.backup(self.copy)
        self.copy.execute("DELETE FROM sessions WHERE sk > 3")
        return self.copy

    def __exit__(self, *exc: object) -> None:
        self.copy.close()


def test_the_cli_writes_it_and_refuses_an_unknown_plan(conn: sqlite3.Connection,
                                                      tmp_path: Path) -> None:
    conn.close()
    done = fieldtui("report", "feedback", str(tmp_path / "d.sqlite"), "--plan",
                    "group-park-mini")
    assert done.returncode == 0, done.stderr
    assert "What we heard, what we did" in done.stdout and "Amina" not in done.stdout
    bad = fieldtui("report", "feedback", str(tmp_path / "d.sqlite"), "--plan", "nope")
    assert bad.returncode == 1 and bad.stderr.startswith("fieldtui: error: no plan 'nope'")
    usual = fieldtui("report", str(tmp_path / "d.sqlite"), "--plan", "group-park-mini")
    assert usual.returncode == 0 and "fieldtui report" in usual.stdout


def test_a_poll_summary_comes_from_its_release(tmp_path: Path) -> None:
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.supervise.release import create_release
    from tests.support.paths import PLANS
    from tests.support.poll_world import poll_dataset, poll_docs, poll_plan

    plan = poll_plan()
    docs = poll_docs(plan, 40, seed=3)
    for doc in docs[:12]:  # concerns belong to nobody in a poll
        doc["concerns"] = [{"description": "queues at the bins", "category": "services",
                            "urgency": "low", "settled": False, "promise": False,
                            "due": None, "participant": None, "at": ""}]
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text("utf-8"),
                        docs)
    with pytest.raises(FieldtuiError, match="no release") as exc:
        build_feedback(conn, plan.id)
    assert "fieldtui release create" in exc.value.todo
    create_release(conn, plan.id, "first")
    text = build_feedback(conn, plan.id)
    assert "services: raised in about" in text and "not yet acted on" in text
    with pytest.raises(FieldtuiError, match="no release"):
        build_feedback(conn, plan.id, "second")
