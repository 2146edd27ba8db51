"""Themes: only free text a person said is offered to code (an open item's answer), never
a choice's option, a scale point or a number, when the dataset holds the plan's text."""

from __future__ import annotations

from pathlib import Path

from fieldtui.supervise import themes as th
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.theme_coding import session_codes
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES


def test_only_open_answers_are_texts_to_code(tmp_path: Path) -> None:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    doc = document(answers={"travel": "by bus, it is slow", "visits": "1 to 2 times",
                            "rating": "4"})
    load_documents(conn, [doc])
    sid = doc["session_id"]
    assert [(u.unit, u.text) for u in th.units(conn)] == [
        (f"answer:{sid}:travel", "by bus, it is slow")]
    assert [c.unit.text for c in session_codes(conn, sid)] == ["by bus, it is slow"]


def test_without_the_plan_text_every_worded_answer_is_offered(tmp_path: Path) -> None:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    load_documents(conn, [document(answers={"travel": "by bus", "visits": "1 to 2 times"})])
    assert sorted(u.text for u in th.units(conn)) == ["1 to 2 times", "by bus"]
