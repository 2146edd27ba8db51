"""The review's detail of one session: its counts read as words (one answer, 2 events)."""

from __future__ import annotations

from pathlib import Path

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.review_data import load_review, session_detail
from tests.support.review_world import review_dataset


def test_the_detail_counts_one_answer_and_two_events_in_words(tmp_path: Path) -> None:
    db, _conflict = review_dataset(tmp_path)
    conn = open_dataset(db)
    data = load_review(conn)
    line = next(s for s in data.sessions if s.interviewer == "Ben")
    head = session_detail(conn, line)[1]
    assert "· 1 answer · 2 events" in head, head
    conn.close()
