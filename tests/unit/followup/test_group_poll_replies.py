"""Replies for meetings and polls: a meeting's concerns (a participant's or the group's) go
back keyed by the meeting's group code, so the group's next prepare shows them; a poll's
concern carries no identifier, so its reply can only go out in the feedback summary (the
CLI says so, and `report feedback` carries it)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.feedback_publish import summary_body
from fieldtui.supervise.followups import register, reply_bodies, set_followup, summary_only
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui
from tests.support.dataset_factory import document, load_documents
from tests.support.paths import FIXTURES

GROUP_CODE = "R-7KQ3-M2"


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same click commands, run in-process (`cli_main.in_process`): the point here is
    what they do; a process per command imported the whole app again each time."""
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


def _concern(text: str, participant: str | None = None) -> dict[str, Any]:
    return {"description": text, "category": "services", "urgency": "medium",
            "settled": False, "promise": False, "due": None, "participant": participant,
            "at": ""}


def _dataset(tmp_path: Path) -> Path:
    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    meeting = document(method="group", plan_id="group-park-mini", respondent=GROUP_CODE)
    meeting["concerns"] = [_concern("the benches are broken", "P2"),
                           _concern("no lights after dark")]
    poll = document(method="poll", plan_id="poll-bins")
    poll["concerns"] = [_concern("bins are emptied too late")]
    load_documents(conn, [meeting, poll])
    conn.execute("BEGIN")
    for entry in register(conn):
        set_followup(conn, entry.id, status="settled", owner=None,
                     reply=f"done: {entry.description}", by="sam")
    conn.execute("COMMIT")
    conn.close()
    return path


def _entry(conn: sqlite3.Connection, text: str) -> Any:
    return next(e for e in register(conn) if e.description == text)


def test_a_meetings_replies_go_back_keyed_by_its_group_code(tmp_path: Path) -> None:
    conn = open_dataset(_dataset(tmp_path))
    try:
        [body] = reply_bodies(conn).values()
        assert sorted((r["respondent"], r["concern"]) for r in body["replies"]) == [
            (GROUP_CODE, "no lights after dark"), (GROUP_CODE, "the benches are broken")]
        assert summary_only(conn) == {"poll-bins": 1}  # the poll's: no code to go back to
    finally:
        conn.close()


def test_the_cli_says_a_polls_reply_goes_out_only_in_the_summary(tmp_path: Path) -> None:
    path = _dataset(tmp_path)
    conn = open_dataset(path)
    try:
        poll_id = _entry(conn, "bins are emptied too late").id
        group_id = _entry(conn, "no lights after dark").id
    finally:
        conn.close()
    said = fieldtui("followups", str(path), "--set", poll_id, "--reply", "emptied at 7 now")
    assert said.returncode == 0, said.stderr
    assert "answered only in the feedback summary" in said.stdout
    assert "only when its category was raised in at least min_cell" in said.stdout
    assert "--plan poll-bins --publish" in said.stdout
    other = fieldtui("followups", str(path), "--set", group_id, "--reply", "lamps ordered")
    assert other.returncode == 0 and "feedback summary" not in other.stdout
    published = fieldtui("followups", str(path), "--publish", str(tmp_path / "nostudy"),
                         "--devices", str(tmp_path))
    assert "1 reply of poll-bins has no respondent or group code" in published.stdout


def test_a_meetings_summary_carries_its_replies(tmp_path: Path) -> None:
    path = _dataset(tmp_path)
    conn = open_dataset(path)
    try:
        from tests.support.dataset_factory import record_plans

        record_plans(conn, FIXTURES / "group_park.toml")
        body = summary_body(conn, "group-park-mini")
    finally:
        conn.close()
    assert body["replies"] == [] and body["summary"]["release"] is None
    text = body["summary"]["text"]
    assert "done: no lights after dark" in text and "fewer than 5" in text


def test_a_polls_reply_goes_out_in_the_summary_from_its_release(tmp_path: Path) -> None:
    from fieldtui.supervise.release import create_release
    from tests.support.paths import PLANS
    from tests.support.poll_world import poll_dataset, poll_docs, poll_plan

    plan = poll_plan()
    docs = poll_docs(plan, 40, seed=3)
    for doc in docs[:12]:
        doc["concerns"] = [_concern("queues at the bins")]
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text("utf-8"),
                        docs)
    try:
        create_release(conn, plan.id, "first")
        conn.execute("BEGIN")
        set_followup(conn, register(conn)[0].id, status="settled", owner=None,
                     reply="A second collection on Fridays", by="sam")
        conn.execute("COMMIT")
        assert reply_bodies(conn) == {}  # no device can be told: it carries no code
        body = summary_body(conn, plan.id)
    finally:
        conn.close()
    summary = body["summary"]
    assert summary["release"] == "first" and body["replies"] == []
    assert "A second collection on Fridays" in summary["text"]
    assert "\n  services\n" in summary["text"]  # listed, without a count
