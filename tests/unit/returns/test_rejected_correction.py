"""Rejecting a correction (`review --reject` on a corrected session): the correction had
taken the original's place at merge and stayed there, so export, report and review went
on reading the answers the supervisor had just rejected. Now the original, kept in the
replaced_* tables, is the current session again and the rejected correction is kept
aside (recorded: its return `rejected`, its changes in `revisions`, `review --session`
shows it); approving it after all puts it back in the original's place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.store.study import Study
from fieldtui.supervise import returns as rt
from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import ok
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import merge_bundles, return_in, study  # noqa: F401


@pytest.fixture(params=["file", "postgresql"])
def dataset_at(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Where the dataset is: a SQLite file, or a database of the test PostgreSQL cluster."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return tmp_path / "data.sqlite"


CONCERN = {"description": "the water pump is broken", "category": "services",
           "urgency": "high", "settled": False, "promise": True, "due": "2999-01-01",
           "participant": None, "at": ""}


def _corrected(tmp_path: Path, made: Study, identity: x25519.Identity,
               db: Any = None, status: str = "complete") -> tuple[Any, str, str]:
    db = tmp_path / "data.sqlite" if db is None else db
    ana = Device("Ana", study_id=made.study_id)
    original = ana.doc(answers={"travel": "by bus"})
    original["status"] = status
    original["concerns"] = [CONCERN]
    first = Store(tmp_path / "collector1")
    first.enroll(ana)
    first.put(ana.bundle([original], made.recipients))
    merge_bundles(made, identity, first, db)
    return_in(db, original["session_id"], "check the travel answer")
    revision = ana.doc(answers={"travel": "on foot"})
    revision["concerns"] = [CONCERN]
    revision["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                            "return_seq": 1}
    revision["changes"] = [{"item_id": "travel", "old": "by bus", "new": "on foot",
                            "reason": "asked again", "at": "2026-05-02T10:00:00+00:00"}]
    second = Store(tmp_path / "collector2")
    second.enroll(ana)
    second.put(ana.bundle([revision], made.recipients))
    merge_bundles(made, identity, second, db)
    return db, str(original["session_id"]), str(revision["session_id"])


def _current(db: Any) -> tuple[list[str], list[str], str]:
    conn = open_dataset(db, read_only=True)
    try:
        sids = [str(r[0]) for r in conn.execute("SELECT session_id FROM sessions")]
        values = [json.loads(r[0]) for r in conn.execute(
            "SELECT value FROM answers WHERE item_id='travel'")]
        aside = [str(r[0]) for r in conn.execute("SELECT session_id FROM replaced_sessions")]
        status = str(conn.execute("SELECT status FROM sessions").fetchone()[0])
    finally:
        conn.close()
    return sids, values + aside, status


def test_a_rejected_correction_leaves_the_current_data(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        capsys: pytest.CaptureFixture[str], dataset_at: Any) -> None:
    made, identity = study
    db, original, revision = _corrected(tmp_path, made, identity, dataset_at)
    assert _current(db)[0] == [revision]
    said = ok(["review", str(db), "--by", "Sam", "--reject", revision[:8]], capsys)
    assert said.startswith(f"Session {original[:8]}: rejected (device ") and (
        f"its correction {revision[:8]} is set aside and the session as merged is current "
        "again") in said and said.count("\n") == 1, said
    sids, rest, status = _current(db)
    assert sids == [original], "the rejected correction is still the current session"
    assert rest == ["by bus", revision] and status == "complete"
    out = ok(["export", str(db), "-o", str(tmp_path / "out"), "--plaintext"], capsys)
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.csv"))
    assert "by bus" in text and "on foot" not in text, out
    shown = ok(["review", str(db), "--session", revision[:8]], capsys)
    assert f"Session {original} (rejected by Sam" in shown and "on foot" in shown, shown
    assert "rejected: kept aside" in shown, shown
    from fieldtui.supervise.review_data import return_lines

    conn = open_dataset(db, read_only=True)
    try:
        detail = return_lines(conn, original)
    finally:
        conn.close()
    assert f"its correction {revision[:8]} is set aside" in " ".join(detail), detail
    conn = open_dataset(db, read_only=True)
    try:
        assert rt.get_return(conn, original).status == "rejected"
    finally:
        conn.close()


def test_approving_a_rejected_correction_puts_it_back(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    made, identity = study
    db, original, revision = _corrected(tmp_path, made, identity)
    ok(["review", str(db), "--by", "Sam", "--reject", original[:8]], capsys)
    ok(["review", str(db), "--by", "Sam", "--approve", revision[:8]], capsys)
    sids, rest, status = _current(db)
    assert sids == [revision] and rest == ["on foot", original] and status == "complete"
    ok(["review", str(db), "--by", "Sam", "--reject", revision[:8]], capsys)
    assert _current(db)[0] == [original]


def test_the_rejected_correction_is_not_sent_back_its_original_is(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """The original, current again, goes back for a second correction (the whole loop:
    test_second_return.py); the correction set aside is not current: its refusal names
    both ways on."""
    from tests.support.cli_main import run

    made, identity = study
    db, original, revision = _corrected(tmp_path, made, identity)
    ok(["review", str(db), "--by", "Sam", "--reject", revision[:8]], capsys)
    code, _out, err = run(["review", str(db), "--return", revision[:8], "--comment", "x"],
                          capsys)
    assert code != 0 and "a correction that was rejected" in err, err
    assert f"review --return {original[:8]}" in err and f"--approve {revision[:8]}" in err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    said = ok(["review", str(db), "--by", "Sam", "--return", original[:8], "--comment",
               "ask again"], capsys)
    assert f"Session {original[:8]}: returned" in said, said
    conn = open_dataset(db, read_only=True)
    try:
        ret = rt.get_return(conn, original)
    finally:
        conn.close()
    assert (ret.status, ret.comment, ret.published_status) == ("returned", "ask again", None)
    assert _current(db)[0] == [original]  # nothing moved: it waits for the correction


def test_a_reply_given_while_the_correction_was_current_stays(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        capsys: pytest.CaptureFixture[str], dataset_at: Any) -> None:
    """The register is keyed by session and concern: a decision on the correction's
    concern would have gone back to the original's older state at a rejection."""
    from fieldtui.supervise.followups import register, set_followup

    made, identity = study
    db, original, revision = _corrected(tmp_path, made, identity, dataset_at)
    conn = open_dataset(db)
    try:
        [entry] = register(conn)
        assert entry.session_id == revision
        conn.execute("BEGIN IMMEDIATE")
        set_followup(conn, entry.id, status="settled", owner="Ward office",
                     reply="The pump was fixed.", by="Sam")
        conn.execute("COMMIT")
    finally:
        conn.close()
    ok(["review", str(db), "--by", "Sam", "--reject", revision[:8]], capsys)
    conn = open_dataset(db, read_only=True)
    try:
        [entry] = register(conn)
    finally:
        conn.close()
    assert (entry.session_id, entry.status, entry.owner, entry.reply) == (
        original, "settled", "Ward office", "The pump was fixed."), entry


def _statuses(db: Any) -> dict[str, str]:
    conn = open_dataset(db, read_only=True)
    try:
        return {str(r[0]): str(r[1]) for table in ("sessions", "replaced_sessions")
                for r in conn.execute(f"SELECT session_id, status FROM {table}")}
    finally:
        conn.close()


def test_a_rejected_correction_gives_the_original_its_own_status_back(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """A session merged as refused, returned and corrected (the correction complete):
    rejecting the correction makes it refused again, not the correction's status; and
    so again after approving and rejecting once more."""
    made, identity = study
    db, original, revision = _corrected(tmp_path, made, identity, status="refused")
    assert _statuses(db)[revision] == "complete"
    ok(["review", str(db), "--by", "Sam", "--reject", revision[:8]], capsys)
    assert _current(db)[0] == [original]
    assert _statuses(db) == {original: "refused", revision: "complete"}
    ok(["review", str(db), "--by", "Sam", "--approve", revision[:8]], capsys)
    assert _current(db)[0] == [revision]
    ok(["review", str(db), "--by", "Sam", "--reject", revision[:8]], capsys)
    assert _statuses(db) == {original: "refused", revision: "complete"}
