"""An attacker's pass on the feedback summaries of two releases of a poll, one after the
other: the release's tables are audited against differencing (audit.py: a group of
added respondents all alike is refused), the summary's counts of concerns are not. A
category no respondent of the first release raised, shown "about N" in the second's
summary, is at least min_cell (a smaller count shows as "fewer than"): with min_cell
respondents added, every one of them raised it. Known, not fixed here: the test fails
once the summary's counts are protected between releases too, to be made a guard then."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldtui.supervise.feedback import build_feedback
from fieldtui.supervise.release import create_release
from tests.support.paths import PLANS
from tests.support.poll_world import add_sessions, poll_dataset, poll_docs, poll_plan

ROADS = {"description": "the road to the depot is blocked", "category": "roads",
         "urgency": "low", "settled": False, "promise": False, "due": None,
         "participant": None, "at": ""}


@pytest.mark.xfail(strict=True, reason="a poll summary's concern counts are not audited "
                   "between releases")
def test_the_summaries_of_two_releases_do_not_say_what_every_added_respondent_raised(
        tmp_path: Path) -> None:
    plan = poll_plan()
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text(),
                        poll_docs(plan, 30, 7))
    try:
        create_release(conn, plan.id, "first")
        added = poll_docs(plan, 5, 11)
        for doc in added:
            doc["concerns"] = [dict(ROADS)]
        add_sessions(conn, added, seed=3)
        create_release(conn, plan.id, "second")
        first = build_feedback(conn, plan.id, "first")
        second = build_feedback(conn, plan.id, "second")
    finally:
        conn.close()
    assert "roads" not in first.lower() and "road" not in first.lower()
    shown = re.search(r"(?i)roads?: raised in about (\d+) conversations", second)
    # "about N" is never below min_cell: all five added respondents raised it
    assert shown is None, f"all 5 added respondents raised a roads concern: {shown[0]}"
