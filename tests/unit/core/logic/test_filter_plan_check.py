"""A choice_filter written as in XLSForm (bare `name` and column names) passes the plan
check and runs; a column the options do not have is named, on its line and column."""

from __future__ import annotations

from fieldtui.core.logic import Questionnaire
from fieldtui.core.plan.load import parse_plan
from tests.support.logic_plans import row, session

PLAN = """[plan]
id = "f"
version = 1
title = "Filters"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "s"
title = "S"
minutes = 5

[[section.item]]
id = "region"
kind = "choice"
prompt = "Region?"
options = ["north", "south"]

[[section.item]]
id = "district"
kind = "choice"
prompt = "District?"
options = [{ value = "n1", label = "Upper", region = "north" },
           { value = "n2", label = "Lower", region = "north" },
           { value = "s1", label = "Coast", region = "south" }]
choice_filter = "FILTER"
"""


def test_bare_column_names_pass_the_check_and_filter() -> None:
    result = parse_plan(PLAN.replace("FILTER", "region = ${region} and name != 'n2'"))
    assert result.findings == [], [f.format() for f in result.findings]
    assert result.plan is not None
    s = session(Questionnaire(result.plan), [row("region", "north")])
    assert s.options("district") == ("n1",)


def test_a_bare_name_that_is_no_column_is_named() -> None:
    result = parse_plan(PLAN.replace("FILTER", "regoin = ${region}"))
    rules = [(f.rule, f.line) for f in result.findings]
    assert rules == [("expr-option-field", PLAN.splitlines().index(
        'choice_filter = "FILTER"') + 1)], [f.format() for f in result.findings]
    assert "no column 'regoin'" in result.findings[0].message
