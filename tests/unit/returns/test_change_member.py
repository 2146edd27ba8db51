"""The `changes` of a revision name the roster member whose answer changed (`member`,
optional: "m2", "m2/v1"); the supervisor's `review --session` says which member. Records
written before the field (tests/vectors/revision/changes-v1.json, as fieldtui wrote them)
read exactly as before. A return keys its comments by item: the device shows one on every
member's row, and refuses a key naming a member, so the supervisor refuses it first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fieldtui.commands.review_returns import session_lines
from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise import returns as rt
from fieldtui.supervise import revisions
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import ROOT
from tests.support.sync_world import PLAN

VECTORS = ROOT / "tests" / "vectors" / "revision"


@pytest.fixture
def conn(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = open_dataset(tmp_path / "d.sqlite", create=True)
    record_plans(db, PLAN)
    yield db
    db.close()


def _corrected(conn: Any, changes: list[Any]) -> str:
    """A session returned and revised with `changes`; the revision's id."""
    original = document(answers={"travel": "by bsu"})
    load_documents(conn, [original])
    rt.return_session(conn, original["session_id"], "check", {"travel": "typo"}, "Sam")
    revision = document(answers={"travel": "by bus"})
    revision["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                            "return_seq": 1}
    revision["changes"] = changes
    load_documents(conn, [revision])
    revisions.record_revision(conn, revision, "d" * 64, "now")
    return str(revision["session_id"])


def _change_lines(conn: Any, sid: str) -> list[str]:
    lines = session_lines(conn, sid)
    return lines[lines.index(next(x for x in lines if x.startswith("Revision "))) + 1:]


def test_a_change_recorded_before_members_reads_as_before(conn) -> None:  # type: ignore[no-untyped-def]
    changes = json.loads((VECTORS / "changes-v1.json").read_text("utf-8"))
    assert "member" not in changes[0]
    [line] = _change_lines(conn, _corrected(conn, changes))
    assert line == ('  water_source: "wel" -> "well"  (misheard: the protected well — '
                    "«步行»; 2026-12-03 15:40)")


def test_a_members_change_names_the_member(conn) -> None:  # type: ignore[no-untyped-def]
    changes = json.loads((VECTORS / "changes-v2-member.json").read_text("utf-8"))
    assert [c.get("member") for c in changes] == [None, "m2"]
    lines = _change_lines(conn, _corrected(conn, changes))
    assert lines[0].startswith('  water_source: "wel" -> "well"  (')
    assert lines[1] == "  age (member m2): 34 -> 43  (digits swapped; 2026-12-03 15:43)"


def test_a_hostile_member_is_one_printable_line(conn) -> None:  # type: ignore[no-untyped-def]
    change = {"item_id": "age", "member": "m2\x1b[31m\nx" * 20, "old": 1, "new": 2,
              "at": "t", "reason": "r"}
    [line] = _change_lines(conn, _corrected(conn, [change]))
    assert line.isprintable() and "\x1b" not in line and len(line) < 200


def test_a_return_refuses_a_comment_keyed_by_member(conn) -> None:  # type: ignore[no-untyped-def]
    original = document(answers={"travel": "by bsu"})
    original["answers"]["travel#m2"] = {"item_id": "travel", "member": "m2", "value": "x",
                                        "at": "t", "skipped": False, "skip_reason": "",
                                        "key_covered": False}
    load_documents(conn, [original])
    with pytest.raises(FieldtuiError, match="comments are by item"):
        rt.return_session(conn, original["session_id"], "check", {"travel#m2": "no"}, "Sam")
    assert rt.return_session(conn, original["session_id"], "check", {"travel": "member 2?"},
                             "Sam").items == {"travel": "member 2?"}


def test_a_sessions_comments_and_changes_read_in_chinese(conn) -> None:  # type: ignore[no-untyped-def]
    """`review --session` built an item's comment ("  travel: typo") and a change
    ("… -> …  (reason; time)") from f-strings, which no catalog could translate: under the
    Chinese interface they read with the full-width colon, brackets and semicolon."""
    from fieldtui.core.i18n import set_language

    change = {"item_id": "age", "member": "m2", "old": 34, "new": 43, "at": "t1",
              "reason": "数字写反了"}
    sid = _corrected(conn, [change])
    set_language("zh")
    try:
        lines = session_lines(conn, sid)
    finally:
        set_language("en")
    assert "  travel：typo" in lines
    assert lines[-1].startswith("  age") and lines[-1].endswith("：34 -> 43（数字写反了；t1）")
