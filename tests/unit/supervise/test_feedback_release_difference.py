"""An attacker's pass on the feedback summaries of two releases of a poll, one after the
other: the release's tables are audited against differencing (audit.py: a group of
added respondents all alike is refused), the summary's counts of concerns were not. A
category no respondent of the first release raised, absent from its summary and shown
"about N" in the second's (N is never below min_cell), said that with min_cell
respondents added every one of them raised it. A poll's summary now lists a category
raised in at least min_cell conversations, without numbers (feedback._poll_concerns): the
attack is kept here as the guard, it must fail. So too with its themes: a code applied to
the words of no one in the first release and of all 5 added was "about 6" in the second,
absent from the first; a poll's themes are listed the same way now."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fieldtui.supervise import themes as th
from fieldtui.supervise.feedback import build_feedback
from fieldtui.supervise.release import create_release
from tests.support.paths import PLANS
from tests.support.poll_world import add_sessions, poll_dataset, poll_docs, poll_plan

ROADS = {"description": "the road to the depot is blocked", "category": "roads",
         "urgency": "low", "settled": False, "promise": False, "due": None,
         "participant": None, "at": ""}


def _summaries(tmp_path: Path, raised_before: int, raised_added: int,
               noted: bool = False) -> tuple[str, str]:
    """The summaries of two releases: 30 respondents, `raised_before` of them with a
    roads concern, then 5 more, `raised_added` of those with one (`noted`: a note about
    the road instead, coded with the theme 'roads')."""
    tmp_path.mkdir()
    plan = poll_plan()
    first_docs = poll_docs(plan, 30, 7)
    for doc in first_docs[:raised_before]:
        _raise(doc, noted)
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text(),
                        first_docs)
    try:
        create_release(conn, plan.id, "first")
        added = poll_docs(plan, 5, 11)
        for doc in added[:raised_added]:
            _raise(doc, noted)
        add_sessions(conn, added, seed=3)
        create_release(conn, plan.id, "second")
        th.set_code(conn, "roads", "The roads")
        for unit in th.units(conn, plan.id):
            th.code_unit(conn, unit.unit, "ann", ["roads"])
        return build_feedback(conn, plan.id, "first"), build_feedback(conn, plan.id, "second")
    finally:
        conn.close()


def _raise(doc: dict[str, Any], noted: bool) -> None:
    if noted:
        doc["notes"] = [{"text": ROADS["description"], "at": ""}]
    else:
        doc["concerns"] = [dict(ROADS)]


def test_the_summaries_of_two_releases_do_not_say_what_every_added_respondent_raised(
        tmp_path: Path) -> None:
    first, second = _summaries(tmp_path / "all", 0, 5)
    assert "road" not in first.lower()  # what the attacker sees: absent, then listed
    assert "roads" in second.lower()
    shown = re.search(r"(?i)roads?: raised in about (\d+) conversations", second)
    assert shown is None, f"all 5 added respondents raised a roads concern: {shown[0]}"
    assert not re.search(r"(?i)roads?\W.*\d", second), second  # no number beside it
    # The same two summaries, word for word, when 4 of the first release raised it and
    # only 1 of the 5 added: the attacker cannot tell that every added respondent did.
    assert _summaries(tmp_path / "one", 4, 1) == (first, second)


def test_the_themes_of_two_releases_do_not_say_what_every_added_respondent_said(
        tmp_path: Path) -> None:
    first, second = _summaries(tmp_path / "all", 0, 5, noted=True)
    assert "the roads" not in first.lower() and "the roads" in second.lower()
    assert not re.search(r"(?i)the roads\W.*\d", second), second  # no number beside it
    assert _summaries(tmp_path / "one", 4, 1, noted=True) == (first, second)
