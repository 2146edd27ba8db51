"""An attacker's pass: corrections between two releases of a poll.

A correction keeps its original's record key (the same respondent, the same cell key
noise), but release create and the audit counted releases by session: min_cell
corrections made the originals "gone" (accepted at min_cell or more) and their
corrections "new", and the audit saw two releases neither inside the other, so it
checked no difference between them. The attacker knows they are the same respondents:
the five new respondents it would have refused (their difference read) were published."""

from __future__ import annotations

import copy
import secrets
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise import revisions
from fieldtui.supervise.release import create_release
from fieldtui.supervise.release_gap import respondents_needed
from tests.support.corrected_poll import correct_poll_session
from tests.support.paths import PLANS
from tests.support.poll_world import add_sessions, poll_dataset, poll_docs, poll_plan


def _five_alike(seed: int) -> list[dict[str, Any]]:
    one = poll_docs(poll_plan(), 1, seed)[0]
    return [dict(copy.deepcopy(one), session_id=secrets.token_hex(16)) for _ in range(5)]


@pytest.mark.parametrize("corrected", [0, 5])
def test_corrections_do_not_hide_the_new_respondents_from_the_difference(
        tmp_path: Path, corrected: int) -> None:
    """Five new respondents answering alike: the difference is read, so the release is
    refused, whether or not five earlier respondents were corrected (answers unchanged)
    in between."""
    plan = poll_plan()
    docs = poll_docs(plan, 30, 7)
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text(), docs)
    try:
        create_release(conn, plan.id)
        for original in docs[:corrected]:
            correct_poll_session(conn, original)
        add_sessions(conn, _five_alike(100), seed=100)
        with pytest.raises(FieldtuiError) as refused:
            create_release(conn, plan.id)
        assert "the attacker would read difference poll-bins-1 → poll-bins-2" in \
            refused.value.what
    finally:
        conn.close()


def test_a_release_after_corrections_that_changed_answers_is_refused(tmp_path: Path) -> None:
    """Five corrections changed an answer: the same respondents, the same noise, so every
    other item's difference is the new respondents' answers alone, and the audit's "no
    count shrinks" between the two does not hold; no new release until the answers are
    those released."""
    plan = poll_plan()
    docs = poll_docs(plan, 30, 7)
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text(), docs)
    try:
        create_release(conn, plan.id)
        options = plan.item("bin_size").options
        for original in docs[:5]:
            correct_poll_session(conn, original, {"bin_size": next(
                o for o in options if o != original["answers"]["bin_size"]["value"])})
        add_sessions(conn, poll_docs(plan, 10, 11), seed=3)
        with pytest.raises(FieldtuiError) as refused:
            create_release(conn, plan.id)
        assert "5 respondents of release poll-bins-1 have other answers now" in \
            refused.value.what, refused.value.what
        assert respondents_needed(conn, plan) is None  # the hints: no number merged
        # Rejecting the corrections puts back the answers released: a release again.
        for original in docs[:5]:
            conn.execute("BEGIN IMMEDIATE")
            revisions.settle(conn, original["session_id"], "rejected")
            conn.execute("COMMIT")
        rel, _ = create_release(conn, plan.id)
        assert rel.added == 10
    finally:
        conn.close()
