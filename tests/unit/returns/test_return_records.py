"""The supervisor's records of returns: bounds, who may revise, and what --session prints
(device text escaped to one line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.commands.review_returns import session_lines
from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise import returns as rt
from fieldtui.supervise import revisions
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import HOSTILE, document, load_documents, record_plans
from tests.support.sync_world import PLAN


@pytest.fixture
def conn(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = open_dataset(tmp_path / "d.sqlite", create=True)
    record_plans(db, PLAN)
    yield db
    db.close()


def _revision(original: dict, device: str, changes: list) -> dict:  # type: ignore[type-arg]
    doc = document(device_id=device, answers={"travel": "by bus"})
    doc["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                       "return_seq": 1}
    doc["changes"] = changes
    return doc


def test_a_too_large_session_is_not_returned(conn, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc = document(answers={"travel": "x" * 5000})
    load_documents(conn, [doc])
    ret = rt.return_session(conn, doc["session_id"], "check", {}, "Sam")
    assert "document" in rt.return_body(conn, ret)
    monkeypatch.setattr(rt, "MAX_DOCUMENT", 4000)
    with pytest.raises(FieldtuiError, match="too large to return"):
        rt.return_body(conn, ret)


def test_only_the_recording_device_revises_a_returned_session(conn) -> None:  # type: ignore[no-untyped-def]
    original = document(device_id="a" * 16, answers={"travel": "by bsu"})
    load_documents(conn, [original])
    rt.return_session(conn, original["session_id"][:8], "check", {"travel": "typo"}, "Sam")
    # another device's "revision" is kept as a session, but replaces nothing
    load_documents(conn, [stranger := _revision(original, "b" * 16, [])])
    revisions.record_revision(conn, stranger, "c" * 64, "now")
    status = conn.execute("SELECT status FROM sessions WHERE session_id=?",
                          (original["session_id"],)).fetchone()[0]
    assert status == "complete" and rt.get_return(conn, original["session_id"]).status == \
        "returned"
    change = {"item_id": "travel", "old": "by bsu", "new": HOSTILE, "at": "t",
              "reason": HOSTILE}
    load_documents(conn, [mine := _revision(original, "a" * 16, [change])])
    revisions.record_revision(conn, mine, "d" * 64, "now2")
    assert rt.get_return(conn, original["session_id"]).status == "corrected"
    lines = session_lines(conn, mine["session_id"])
    assert any('"by bsu" ->' in line for line in lines)
    assert all(line.isprintable() for line in lines)  # device text escaped at the source
    with pytest.raises(FieldtuiError, match="revised already"):
        rt.return_session(conn, original["session_id"], "again", {}, "Sam")
    assert rt.set_verdict(conn, mine["session_id"], "rejected", "Sam").status == "rejected"
