"""A meeting's questions are marked discussed (k), stored as the answer "discussed": not
words anyone said. `themes units` offered each one as a text to code beside the meeting's
quotes (a supervisor was asked to code the word "discussed"); a meeting's texts are its
quotes and notes."""

from __future__ import annotations

from fieldtui.supervise.theme_units import document_units
from tests.support.dataset_factory import document


def test_a_meeting_offers_its_quotes_and_notes_not_its_discussed_marks() -> None:
    doc = document(plan_id="group-park", method="group", respondent=None,
                   answers={"round_intro": "discussed", "park_today": "discussed"},
                   events=[{"t": 5, "type": "quote", "participant": "P2",
                            "text": "The playground is too small", "may_quote": True}])
    doc["notes"] = [{"item_id": "park_today", "text": "Bo spoke over others"}]
    found = list(document_units(doc["session_id"], "group-park", "group", doc,
                                frozenset({"round_intro", "park_today"})))
    assert [(u.kind, u.text) for u in found] == [
        ("note", "Bo spoke over others"), ("quote", "The playground is too small")]


def test_an_interview_still_offers_its_open_answers() -> None:
    doc = document(answers={"travel": "bus is dear"})
    found = list(document_units(doc["session_id"], "mini-interview", "interview", doc,
                                frozenset({"travel"})))
    assert [(u.kind, u.text) for u in found] == [("answer", "bus is dear")]
