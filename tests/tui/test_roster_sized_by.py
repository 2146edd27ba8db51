"""What a counted roster's member list says sizes it: the count's answer and its question, that
the question is not answered yet, or a count from more answers with each answer piped in."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from tests.support.paths import FIXTURES

ROSTER = FIXTURES / "household_roster.toml"


def test_one_answer_sizes_the_roster() -> None:
    walk = QuestionnaireWalk(load_plan(ROSTER), {})
    assert walk.sized_by("people") == ("Sized by an answer not given yet:\n"
                                       "How many people live in this household?")
    walk.record("hh_size", "", value=3)
    assert walk.sized_by("people") == ("Sized by the answer 3 to:\n"
                                       "How many people live in this household?")


def test_a_count_from_more_answers_pipes_each(tmp_path: Path) -> None:
    text = ROSTER.read_text(encoding="utf-8").replace(
        'repeat_count = "${hh_size}"', 'repeat_count = "${hh_size} - ${floor}"')
    assert "${floor}\"" in text
    (tmp_path / "plan.toml").write_text(text, encoding="utf-8")
    walk = QuestionnaireWalk(load_plan(tmp_path / "plan.toml"), {})
    walk.record("hh_size", "", value=4)
    assert walk.sized_by("people") == "Sized by the answers: 4 - [floor]"
    walk.record("dwelling", "", value="flat")
    walk.record("floor", "", value=1)
    assert walk.sized_by("people") == "Sized by the answers: 4 - 1"
