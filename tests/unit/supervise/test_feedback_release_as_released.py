"""An attacker's pass on the feedback summary of a poll release: it is made of the
release's respondents, so two summaries of one release must be the same whatever
happened to the dataset since. A correction that replaced one of its respondents (or a
correction set aside, its original current again) took that session's record key out
of the current sessions, and the summary of the same release ended in a KeyError."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise import revisions
from fieldtui.supervise.feedback import build_feedback
from fieldtui.supervise.release import create_release
from tests.support.corrected_poll import correct_poll_session
from tests.support.paths import PLANS
from tests.support.poll_world import (
    add_sessions,
    poll_dataset,
    poll_docs,
    poll_plan,
    with_poll,
)

CONCERN = {"description": "the bins are collected late", "category": "services",
           "urgency": "low", "settled": False, "promise": False, "due": None,
           "participant": None, "at": ""}


def test_a_release_summary_stays_the_same_after_a_correction_and_its_rejection(
        tmp_path: Path) -> None:
    """The count of conversations, and the concerns raised in them: a concern of the
    corrected respondent left the summary of the release that counted it (its session
    no longer current), and the two summaries' difference was that one respondent's."""
    plan = poll_plan()
    docs = poll_docs(plan, 30, 7)
    for doc in docs[:8]:
        doc["concerns"] = [dict(CONCERN)]
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text(), docs)
    try:
        create_release(conn, plan.id, "first")
        before = build_feedback(conn, plan.id, "first")
        revision = correct_poll_session(conn, docs[0])  # answers unchanged
        assert build_feedback(conn, plan.id, "first") == before
        add_sessions(conn, poll_docs(plan, 5, 11), seed=3)
        create_release(conn, plan.id, "second")  # holds the correction
        second = build_feedback(conn, plan.id, "second")
        conn.execute("BEGIN IMMEDIATE")
        revisions.settle(conn, docs[0]["session_id"], "rejected")
        conn.execute("COMMIT")
        assert revisions.is_rejected(conn, revision["session_id"])
        assert build_feedback(conn, plan.id, "first") == before
        assert build_feedback(conn, plan.id, "second") == second
    finally:
        conn.close()


def test_a_release_summary_perturbs_as_its_release_did(tmp_path: Path) -> None:
    """A later plan version with other noise (max_change, variance) made the summary of the
    same release perturb its respondents' count again, with the same cell key but another
    table: 'about 31 conversations' beside the release's 'about 30 respondents'. Two
    values of one count from one key narrow it (the cell key method shows a count one way
    only)."""
    text = (PLANS / "poll-bins.toml").read_text()
    plan = poll_plan()
    conn = poll_dataset(tmp_path / "p.sqlite", text, [])
    try:
        add_sessions(conn, poll_docs(plan, 30, 1), seed=1)
        rel, _ = create_release(conn, plan.id)
        later = with_poll(text.replace("version = 2", "version = 3", 1), max_change=5,
                          variance=5.0)
        parsed = parse_plan(later, "later").plan
        assert parsed is not None
        conn.execute("INSERT INTO plans VALUES (?,?,?,?)",
                     (parsed.id, parsed.version, parsed.content_hash, later))
        conn.commit()
        summary = build_feedback(conn, plan.id)
    finally:
        conn.close()
    assert f"about {rel.tables['respondents']} conversations" in summary, summary


def test_a_release_summary_keeps_its_themes_after_a_correction(tmp_path: Path) -> None:
    """A poll's themes are listed when heard in at least min_cell of the release's
    conversations: a correction that replaced one of them took its words out of the
    current sessions, the theme left the summary of the same release, and the two
    summaries' difference said what that one respondent had said."""
    from fieldtui.supervise import themes as th

    plan = poll_plan()
    assert plan.poll is not None
    docs = poll_docs(plan, 30, 7)
    for doc in docs[:plan.poll.min_cell]:
        doc["notes"] = [{"text": "the road to the depot is blocked", "at": ""}]
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text(), docs)
    try:
        create_release(conn, plan.id, "first")
        th.set_code(conn, "roads", "The roads")
        for unit in th.units(conn, plan.id):
            th.code_unit(conn, unit.unit, "ann", ["roads"])
        before = build_feedback(conn, plan.id, "first")
        assert "The roads" in before
        correct_poll_session(conn, docs[0])  # answers and note unchanged
        assert build_feedback(conn, plan.id, "first") == before
    finally:
        conn.close()
