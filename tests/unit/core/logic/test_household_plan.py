"""The runtime over a plan read from TOML: conditions, checks, calculations, a roster with a
nested roster, piping, choice filters and random order, as the app and the data side use it."""

from __future__ import annotations

from fieldtui.core.logic import Position, Questionnaire
from fieldtui.core.plan.load import parse_plan
from tests.support.logic_plans import row, session

PLAN = """[plan]
id = "household"
version = 1
title = "Household"
method = "interview"
language = "en"
minutes = 30

[[section]]
id = "home"
title = "Home"
minutes = 5

[[section.item]]
id = "owns_home"
kind = "choice"
prompt = "Do you own this home?"
options = [{ value = "yes", label = "Yes" }, { value = "no", label = "No" }]

[[section.item]]
id = "rooms"
kind = "number"
prompt = "How many rooms does your home have?"
relevant = "${owns_home} = 'yes'"
constraint = ". >= 1 and . <= 30"
constraint_message = "Between 1 and 30 rooms, please (you said ${owns_home})"

[[section.item]]
id = "region"
kind = "choice"
prompt = "Region?"
options = ["north", "south"]

[[section.item]]
id = "district"
kind = "choice"
prompt = "District in ${region}?"
options = [{ value = "n1", label = "Upper", region = "north" },
           { value = "n2", label = "Lower", region = "north" },
           { value = "s1", label = "Coast", region = "south" }]
choice_filter = "region = ${region}"

[[section.item]]
id = "fuel"
kind = "choice"
prompt = "Cooking fuel?"
options = ["gas", "wood", "charcoal", "electric", "other"]
randomize = true

[[section.item]]
id = "hh_size"
kind = "number"
prompt = "How many people live here?"
required = true

[[section]]
id = "people"
title = "People"
minutes = 10
repeat = true
repeat_count = "${hh_size}"
member_label = "${name}"

[[section.item]]
id = "name"
kind = "open"
prompt = "Name of person ${hh_size}?"

[[section.item]]
id = "age"
kind = "number"
prompt = "How old is ${name}?"
required = "${name} != ''"

[[section.item]]
id = "is_adult"
kind = "calculate"
prompt = "adult"
calculation = "if(${age} >= 18, 'yes', 'no')"

[[section]]
id = "visits"
title = "Clinic visits"
minutes = 5
repeat = true
within = "people"
relevant = "${is_adult} = 'yes'"

[[section.item]]
id = "clinic"
kind = "open"
prompt = "Which clinic did ${name} visit?"

[[section]]
id = "end"
title = "End"
minutes = 2

[[section.item]]
id = "adults"
kind = "calculate"
prompt = "adults"
calculation = "count(${people}) - 0"

[[section.item]]
id = "thanks"
kind = "note"
prompt = "Thank you, ${name}."
"""


def questionnaire() -> Questionnaire:
    result = parse_plan(PLAN)
    assert result.plan is not None, [f.format() for f in result.findings]
    q = Questionnaire(result.plan)
    assert q.problems == []
    return q


ROWS = [row("owns_home", "no"), row("region", "north"), row("hh_size", 2),
        row("name", "Ana", "m1"), row("age", 40, "m1"), row("name", "Ben", "m2"),
        row("age", 9, "m2"), row("clinic", "Central", "m1/v1")]
ROSTERS = {"visits": {"m1": ["v1"]}}


def test_the_asking_order_crosses_members_and_the_nested_roster() -> None:
    s = session(questionnaire(), ROWS, ROSTERS)
    assert s.steps() == [
        Position("home", "owns_home"), Position("home", "region"),
        Position("home", "district"), Position("home", "fuel"), Position("home", "hh_size"),
        Position("people", "name", "m1"), Position("people", "age", "m1"),
        Position("visits", "clinic", "m1/v1"),
        Position("people", "name", "m2"), Position("people", "age", "m2"),
        Position("end", "thanks"),
    ]
    assert s.member_caption("people", "m2") == "Member 2 of 2: Ben"
    assert s.member_caption("visits", "m1/v1") == "Entry 1 of 1"  # no member_label


def test_a_condition_in_words_and_answers_kept_aside() -> None:
    q = questionnaire()
    s = session(q, [*ROWS, row("rooms", 4)], ROSTERS)
    assert not s.relevant("rooms")
    assert s.not_asked_reason("rooms") == (
        "not asked: asked only when Owns home = 'Yes'; the answer was No")
    assert not s.is_answer_in_data("rooms")
    changed = s.answer("owns_home", "", row("owns_home", "yes"))
    assert ("rooms", "") in changed and s.relevant("rooms") and s.value("rooms") == 4.0
    s.set_rosters({"visits": {"m1": ["v1"], "m2": ["v1"]}})
    assert s.not_asked_reason("clinic", "m2/v1") == (
        "not asked (section Clinic visits): asked only when Is adult = 'yes'; "
        "the answer was no")
    assert s.not_asked_reason("clinic", "m2/v9") == (
        "not asked: this member is no longer in the list")


def test_constraint_message_is_piped_and_empty_is_not_checked() -> None:
    s = session(questionnaire(), ROWS, ROSTERS)
    assert s.constraint_error("rooms", 0) == "Between 1 and 30 rooms, please (you said No)"
    assert s.constraint_error("rooms", 3) is None
    assert s.constraint_error("rooms", "") is None


def test_required_as_expression_and_calculations_per_member() -> None:
    s = session(questionnaire(), ROWS, ROSTERS)
    assert s.required("hh_size") and s.required("age", "m1")
    calcs = s.calculations()
    assert calcs[("is_adult", "m1")] == "yes" and calcs[("is_adult", "m2")] == "no"
    assert calcs[("adults", "")] == 2.0


def test_piping_shows_labels_and_the_members_answers() -> None:
    s = session(questionnaire(), ROWS, ROSTERS)
    assert s.text("How old is ${name}?", "m2") == "How old is Ben?"
    assert s.text("You said ${owns_home} in ${region}") == "You said No in north"
    assert s.text("Which clinic did ${name} visit?", "m1/v1") == "Which clinic did Ana visit?"


def test_choice_filter_on_an_option_column_and_random_order() -> None:
    q = questionnaire()
    s = session(q, ROWS, ROSTERS, seed=11)
    assert s.options("district") == ("n1", "n2")
    assert ("district", "") in s.answer("region", "", row("region", "south"))
    assert s.options("district") == ("s1",)
    fuels = {session(q, ROWS, ROSTERS, seed=seed).options("fuel") for seed in range(8)}
    assert len(fuels) > 1  # the order differs across seeds
    assert all(sorted(f) == ["charcoal", "electric", "gas", "other", "wood"] for f in fuels)
    assert session(q, ROWS, ROSTERS, seed=11).options("fuel") == s.options("fuel")


def test_the_household_size_drives_the_members() -> None:
    s = session(questionnaire(), ROWS, ROSTERS)
    changed = s.answer("hh_size", "", row("hh_size", 1))
    assert s.members("people") == ["m1"] and ("name", "m2") in changed
    assert not s.relevant("age", "m2") and not s.is_answer_in_data("age", "m2")
    s.answer("hh_size", "", row("hh_size", 2))
    assert s.members("people") == ["m1", "m2"] and s.value("age", "m2") == 9.0


def test_a_plan_is_compiled_once_for_every_session() -> None:
    plan = parse_plan(PLAN).plan
    assert plan is not None
    first = Questionnaire.of(plan)
    assert Questionnaire.of(parse_plan(PLAN).plan) is first  # type: ignore[arg-type]
    other = parse_plan(PLAN.replace('title = "Household"', 'title = "Other"')).plan
    assert Questionnaire.of(other) is not first  # type: ignore[arg-type]
