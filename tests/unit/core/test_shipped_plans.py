"""The plans shipped in plans/ load, fit their method, and pass the strict plan check."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldtui.core.plan.load import read_plan
from fieldtui.core.plan.model import Plan
from tests.support.paths import PLANS

SHIPPED = {
    "interview-library.toml": ("interview", "en"),
    "group-park.toml": ("group", "en"),
    "poll-bins.toml": ("poll", "en"),
    "poll-transit-zh.toml": ("poll", "zh"),
    "household-survey.toml": ("interview", "en"),
}


def _load(name: str) -> Plan:
    result = read_plan(PLANS / name)
    assert result.findings == [], [f.format() for f in result.findings]
    assert result.plan is not None
    return result.plan


def test_the_shipped_plans_are_these() -> None:
    assert sorted(p.name for p in PLANS.glob("*.toml")) == sorted(SHIPPED)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_plan_loads_with_its_method_and_language(name: str) -> None:
    plan = _load(name)
    method, language = SHIPPED[name]
    assert plan.method == method
    assert plan.language == language
    assert plan.id == Path(name).stem


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_plan_has_10_to_30_items_and_minutes_that_add_up(name: str) -> None:
    plan = _load(name)
    assert 10 <= len(plan.items) <= 30
    assert sum(s.minutes for s in plan.sections) == plan.minutes


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_plan_has_key_points_tone_prepare_and_consent(name: str) -> None:
    plan = _load(name)
    assert plan.key_items
    assert any(item.research_question for item in plan.key_items)
    assert set(plan.research_questions) == {
        i.research_question for i in plan.key_items if i.research_question
    }
    assert len(plan.tone_reminders) >= 4
    assert any(s.reminders for s in plan.sections)
    assert plan.purpose and len(plan.checklist) >= 3
    assert plan.consent_text and plan.consent_required


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_open_items_carry_probes(name: str) -> None:
    plan = _load(name)
    open_items = [i for i in plan.items if i.kind == "open"]
    # An open item without probes leaves the interviewer with nothing to follow up with;
    # only the brief closing or read-back prompts may go without.
    with_probes = [i for i in open_items if i.probes]
    assert len(with_probes) >= len(open_items) - 3


def test_group_plan_has_roster_rules_and_notice() -> None:
    plan = _load("group-park.toml")
    assert plan.group is not None and plan.poll is None
    assert 2 <= plan.group.size_min <= plan.group.size_max
    assert len(plan.group.coverage) >= 3
    assert all(len(values) >= 2 for values in plan.group.coverage.values())
    assert 1 <= plan.group.informed <= plan.group.size_min
    assert "views" in plan.group.notice


@pytest.mark.parametrize("name", ["poll-bins.toml", "poll-transit-zh.toml"])
def test_poll_plans_are_anonymous_and_closed(name: str) -> None:
    plan = _load(name)
    assert plan.poll is not None and plan.group is None
    assert plan.poll.anonymous is True
    assert plan.poll.min_cell == 5
    assert all(item.closed for item in plan.items)
    escapes = {"Don't know", "Prefer not to say", "Other", "不知道", "不愿回答", "不记得"}
    for item in plan.items:
        if item.kind == "choice":
            assert escapes & set(item.options), item.id


def test_the_household_survey_uses_every_logic_feature() -> None:
    plan = _load("household-survey.toml")
    items = {item.id: item for item in plan.items}
    sections = {section.id: section for section in plan.sections}
    assert sections["visits"].relevant and any(i.relevant for i in plan.items)
    assert any(i.constraint and i.constraint_message for i in plan.items)
    assert any(i.required_if for i in plan.items)
    assert any(i.default for i in plan.items) and any(i.read_only for i in plan.items)
    assert {"calculate", "date", "time"} <= {i.kind for i in plan.items}
    assert items["assets"].exclusive == ("none",) and items["assets"].label_of("none") == \
        "None of these"
    assert items["district"].choice_filter and items["district"].option_fields
    assert any(i.randomize for i in plan.items)
    members, visits = sections["members"], sections["visits"]
    assert (members.repeat, members.repeat_count, members.member_label) == (
        True, "${household_size}", "${name}")
    assert (visits.repeat, visits.within, visits.repeat_count) == (True, "members", None)
    assert plan.roster_of("clinic") == "visits" and plan.roster_of("age") == "members"
    assert "${name}" in items["age"].prompt


def test_the_household_survey_waits_for_the_app_before_joining_the_demo() -> None:
    from fieldtui.commands.demo import demo_plans

    names = [p.name for p in demo_plans(PLANS)]
    assert "household-survey.toml" not in names
    assert sorted(names) == sorted(n for n in SHIPPED if n != "household-survey.toml")


@pytest.mark.parametrize("name", ["interview-library.toml", "group-park.toml"])
def test_talk_plans_have_no_method_tables(name: str) -> None:
    plan = _load(name)
    assert plan.poll is None
    assert (plan.group is not None) == (plan.method == "group")


@pytest.mark.skipif(
    importlib.util.find_spec("fieldtui.commands.plan") is None,
    reason="the `plan` command is not written yet",
)
def test_shipped_plans_pass_strict_check_through_the_cli() -> None:
    from fieldtui.cli import cli

    paths = [str(PLANS / name) for name in sorted(SHIPPED)]
    result = CliRunner().invoke(cli, ["plan", "check", "--strict", *paths])
    assert result.exit_code == 0, result.output
