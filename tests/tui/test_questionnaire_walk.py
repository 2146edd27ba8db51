"""The questionnaire walk the run screens share: steps, member ids, counted rosters, dates."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.i18n import set_language
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step, has_logic
from fieldtui.tui.widgets.date_entry import date_problem, time_problem, time_text
from tests.support.paths import FIXTURES, PLANS

HOUSEHOLD = load_plan(FIXTURES / "household_logic.toml")


def test_dates_and_times_are_checked_with_a_reason() -> None:
    assert date_problem("2026-02-28") is None
    assert "YYYY-MM-DD" in str(date_problem("28/02/2026"))
    assert "no such day" in str(date_problem("2026-02-30"))
    assert time_problem("9:05") is None and time_text("9:05") == "09:05"
    assert "HH:MM" in str(time_problem("905"))
    assert "hours 00-23" in str(time_problem("24:10"))


def test_member_ids_are_never_reused_and_a_removed_members_answers_stay() -> None:
    walk = QuestionnaireWalk(HOUSEHOLD, {})
    assert walk.add_member("people") == "m1"
    assert walk.add_member("people") == "m2"
    walk.record("name", "m2", value="Ben")
    walk.remove_member("people", "m2")
    assert walk.members("people") == ["m1"]
    assert walk.add_member("people") == "m3"  # m2 answered once: its id stays taken
    assert walk.value("name", "m2") == "Ben"
    assert walk.move_member("people", "m3", -1) and walk.members("people") == ["m3", "m1"]
    assert not walk.move_member("people", "m3", -1)  # already first


def test_the_steps_follow_answers_and_a_count_sizes_its_roster() -> None:
    walk = QuestionnaireWalk(HOUSEHOLD, {})
    assert walk.find("water_other") is None
    walk.record("water", "", value="other")
    assert walk.find("water_other") is not None
    walk.record("rooms", "", value=3)
    assert walk.rosters["room_use"] == {"": ["m1", "m2", "m3"]} and walk.rosters_changed
    assert [s.member for s in walk.steps if s.item_id == "use"] == ["m1", "m2", "m3"]
    assert walk.calculations() == [("crowded", "", "no")]
    assert walk.calculations() == []  # stored now: nothing changed
    # Standing on water_other when it stops being asked: the next step takes its place.
    here = Step("home", "water_other")
    walk.record("water", "", value="pipe")
    assert walk.steps[walk.locate(here)] == Step("home", "rooms")
    assert walk.kept_aside("water_other") is False  # nothing was answered there


def test_an_open_roster_lists_its_members_again_after_the_last() -> None:
    walk = QuestionnaireWalk(HOUSEHOLD, {})
    lists = [s for s in walk.steps if s.is_roster and s.section == "people"]
    assert lists == [Step("people", None)]  # no members: once
    walk.add_member("people")
    walk.record("name", "m1", value="Ana")
    people = [s for s in walk.steps if s.section == "people"]
    assert people[0] == Step("people", None) and people[-1] == Step("people", None, again=True)
    assert walk.caption("people", "m1") == "Member 1 of 1: Ana"


def test_plans_without_logic_are_walked_item_by_item() -> None:
    library = load_plan(PLANS / "interview-library.toml")
    walk = QuestionnaireWalk(library, {})
    assert not has_logic(library) and has_logic(HOUSEHOLD)
    assert [s.item_id for s in walk.steps] == [i.id for i in library.items]
    assert walk.new_seed is None  # nothing randomised: no seed to save


BILINGUAL = """
[plan]
id = "hh"
version = 1
title = "Household"
method = "interview"
minutes = 2
languages = ["en", "fr"]
default_language = "en"

[[section]]
id = "home"
title = { en = "Home", fr = "Maison" }
minutes = 2

[[section.item]]
id = "water"
kind = "choice"
prompt = { en = "Main water source?", fr = "Source d'eau principale ?" }
options = [{ value = "piped", label = { en = "Piped water", fr = "Eau du robinet" } },
           { value = "well", label = { en = "Well", fr = "Puits" } }]

[[section.item]]
id = "size"
kind = "number"
prompt = { en = "How many people live here (water: ${water})?", fr = "Combien de personnes vivent ici (eau : ${water}) ?" }
constraint = ". >= 1"
constraint_message = { en = "At least one person.", fr = "Au moins une personne." }
"""


def test_after_a_language_switch_checks_and_piped_answers_speak_the_new_language(
        tmp_path: Path) -> None:
    (tmp_path / "hh.toml").write_text(BILINGUAL, encoding="utf-8")
    plan = load_plan(tmp_path / "hh.toml")
    walk = QuestionnaireWalk(plan, {})
    walk.record("water", "", value="piped")
    assert walk.constraint_error("size", 0) == "At least one person."
    walk.use_texts(plan.localized("fr"))
    # The refusal and the piped choice label are in French once the plan is in French.
    assert walk.constraint_error("size", 0) == "Au moins une personne."
    assert walk.session.text("${water}") == "Eau du robinet"
    walk.use_texts(plan)  # and back
    assert walk.constraint_error("size", 0) == "At least one person."
    assert walk.session.text("${water}") == "Piped water"


def test_a_roster_without_a_member_label_names_its_rows_entries() -> None:
    """Rooms are not people: their list counts "entries", so each row is "Entry n" (条目 n),
    above its items "Entry n of m"; a roster with a member_label keeps "Member n"."""
    walk = QuestionnaireWalk(HOUSEHOLD, {})
    walk.record("rooms", "", value=2)
    walk.add_member("people")
    walk.add_member("people")
    walk.record("name", "m1", value="Ana")
    try:
        assert walk.member_name("room_use", "m2", 2) == "Entry 2"
        assert walk.caption("room_use", "m2") == "Entry 2 of 2"
        assert walk.member_name("people", "m2", 2) == "Member 2 (no name yet)"
        assert walk.caption("people", "m1") == "Member 1 of 2: Ana"
        set_language("zh")
        assert walk.member_name("room_use", "m2", 2) == "条目 2"
        assert walk.caption("room_use", "m2") == "第 2 个条目（共 2 个）"
        assert walk.member_name("people", "m2", 2) == "成员 2（尚无名字）"
        # the caption and its label joined by "{member}: {label}": "第 1 位成员(共 2 位):Ana"
        assert walk.caption("people", "m1") == "第 1 位成员（共 2 位）：Ana"
    finally:
        set_language("en")
