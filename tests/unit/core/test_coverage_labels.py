"""A plan may name its coverage attributes for people (`[group.coverage_labels]`): the
messages of the roster line, the coverage check and the roster's headings use those words,
in the plan's language. They named the attribute keys raw ("area", "age")."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.core.roster import (
    Participant,
    RosterLineError,
    attribute_label,
    check_coverage,
    parse_roster_line,
)

FIXTURE = (Path(__file__).parents[2] / "fixtures" / "group_park.toml").read_text("utf-8")
LABELS = '\n[group.coverage_labels]\narea = "side of the park"\n'


def with_labels(labels: str, head: str = "") -> str:
    text = FIXTURE.replace("[[section]]", labels + "\n[[section]]", 1)
    return text.replace('language = "en"', head or 'language = "en"', 1)


def plan_of(text: str) -> Plan:
    result = parse_plan(text)
    assert result.plan is not None, [f.message for f in result.findings]
    return result.plan


def test_the_coverage_check_names_an_attribute_by_the_plans_label() -> None:
    spec = plan_of(with_labels(LABELS)).group
    assert spec is not None and spec.labels == {"area": "side of the park"}
    report = check_coverage(spec, [Participant("P1", "Ann", {"age": "18-34"})])
    assert "no one from side of the park north" in report.problems, report.problems
    assert "no one from age 65+" in report.problems  # no label: its key as words
    assert "Ann: side of the park not set" in report.problems, report.problems


def test_the_roster_line_names_an_attribute_by_the_plans_label() -> None:
    spec = plan_of(with_labels(LABELS)).group
    assert spec is not None
    with pytest.raises(RosterLineError, match=r"^side of the park 'east' is not allowed"):
        parse_roster_line("Ann, 18-34, east", spec.coverage, spec.labels)
    with pytest.raises(RosterLineError, match="the order is label, age, side of the park"):
        parse_roster_line("Ann, 18-34, north, informed, more", spec.coverage, spec.labels)


def test_a_label_in_two_languages_follows_the_plans_language() -> None:
    text = with_labels('\n[group.coverage_labels]\narea = { en = "side of the park", '
                       'zh = "住在公园哪一边" }\n',
                       'language = "en"\nlanguages = ["en", "zh"]')
    plan = plan_of(text)
    assert plan.group is not None and plan.group.labels == {"area": "side of the park"}
    zh = plan.localized("zh").group
    assert zh is not None and attribute_label("area", zh.labels) == "住在公园哪一边"


def test_a_label_for_no_coverage_attribute_is_a_plan_error() -> None:
    result = parse_plan(with_labels('\n[group.coverage_labels]\ntenure = "owner or renter"\n'))
    assert any(f.rule == "bad-value" and "tenure" in f.message for f in result.findings), [
        f.message for f in result.findings]
