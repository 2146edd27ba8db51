"""The roster coverage check: size, attributes spanned, informed count, clear messages."""

from __future__ import annotations

from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import GroupSpec
from fieldtui.core.roster import (
    Participant,
    attribute_label,
    check_coverage,
    next_participant_id,
    short_numbers,
)
from tests.support.paths import PLANS

SPEC = GroupSpec(
    size_min=3, size_max=5,
    coverage={"age_band": ("18-34", "35-59", "60+"), "tenure": ("Owner", "Renter")},
    informed=2, notice="We seek views on the park.",
)


def person(pid: str, age: str, tenure: str, informed: bool = False) -> Participant:
    return Participant(pid, f"Label {pid}", {"age_band": age, "tenure": tenure}, informed)


FULL = [
    person("P1", "18-34", "Owner", informed=True),
    person("P2", "35-59", "Renter", informed=True),
    person("P3", "60+", "Owner"),
]


def test_a_roster_that_covers_everything_is_ok() -> None:
    report = check_coverage(SPEC, FULL)
    assert report.ok
    assert report.problems == []
    assert report.size_status == "ok"
    assert report.missing == {}
    assert report.informed == 2 and report.informed_required == 2


def test_empty_roster_gives_problems_not_an_exception() -> None:
    report = check_coverage(SPEC, [])
    assert not report.ok
    assert report.size == 0 and report.size_status == "too_few"
    assert report.problems[0] == "no participants yet: add 3 to 5"
    assert "no one from age band 60+" in report.problems
    assert "no one from tenure Renter" in report.problems
    assert "0 of 2 well-informed participants" in report.problems
    assert report.missing == {"age_band": ("18-34", "35-59", "60+"),
                              "tenure": ("Owner", "Renter")}


def test_too_few_and_too_many() -> None:
    few = check_coverage(SPEC, FULL[:2])
    assert few.size_status == "too_few"
    assert "2 participants, need at least 3: add 1 more" in few.problems
    extra = [person(f"P{n}", "18-34", "Owner") for n in range(4, 7)]
    many = check_coverage(SPEC, FULL + extra)
    assert many.size_status == "too_many"
    assert "6 participants, at most 5: remove 1" in many.problems


def test_missing_value_is_named() -> None:
    roster = [person("P1", "18-34", "Owner", True), person("P2", "35-59", "Owner", True),
              person("P3", "35-59", "Owner")]
    report = check_coverage(SPEC, roster)
    assert report.missing == {"age_band": ("60+",), "tenure": ("Renter",)}
    assert report.problems == ["no one from age band 60+", "no one from tenure Renter"]


def test_informed_shortfall_is_counted() -> None:
    roster = [person("P1", "18-34", "Owner", True), person("P2", "35-59", "Renter"),
              person("P3", "60+", "Owner")]
    report = check_coverage(SPEC, roster)
    assert report.problems == ["1 of 2 well-informed participants"]
    assert report.informed == 1


def test_unset_or_unknown_attribute_is_flagged_per_participant() -> None:
    roster = [*FULL, Participant("P4", "Ana", {"age_band": "sixty"}, False)]
    report = check_coverage(SPEC, roster)
    assert report.incomplete == {"P4": ("age_band", "tenure")}
    assert "Ana: age band, tenure not set" in report.problems
    assert not report.ok


def test_duplicate_ids_are_flagged() -> None:
    report = check_coverage(SPEC, [*FULL, person("P1", "60+", "Renter")])
    assert "participant id P1 is used twice" in report.problems


def test_single_participant_message_is_singular() -> None:
    report = check_coverage(SPEC, FULL[:1])
    assert report.problems[0] == "1 participant, need at least 3: add 2 more"


def test_shipped_group_plan_spec_works() -> None:
    plan = load_plan(PLANS / "group-park.toml")
    assert plan.group is not None
    report = check_coverage(plan.group, [])
    assert "no one from age band 60+" in report.problems
    assert "no one from area South of the park" in report.problems


def test_participant_round_trips_through_the_document_form() -> None:
    p = person("P2", "60+", "Renter", True)
    assert Participant.from_dict(p.as_dict()) == p
    assert Participant.from_dict({"id": "P9"}) == Participant("P9", "", {}, False)


def test_next_participant_id_fills_the_first_gap() -> None:
    assert next_participant_id([]) == "P1"
    assert next_participant_id([FULL[0], FULL[2]]) == "P2"
    assert next_participant_id(FULL) == "P4"


def test_attribute_label() -> None:
    assert attribute_label("age_band") == "age band"
    assert attribute_label("home-area") == "home area"


def test_short_numbers_are_the_ids_and_fall_back_to_places_for_other_ids() -> None:
    """A participant's short number is its id's (P3: 3, whoever was dropped); a roster
    whose ids are not all P1, P2, ... (or not all different) is numbered by place."""
    assert short_numbers(["P1", "P3", "P10"]) == {"P1": 1, "P3": 3, "P10": 10}
    assert short_numbers(["a", "P3"]) == {"a": 1, "P3": 2}
    assert short_numbers(["P1", "P01"]) == {"P1": 1, "P01": 2}
