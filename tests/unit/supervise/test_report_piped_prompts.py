"""The report's key-point coverage names a piped prompt as the app's outline does ("How old
is [name]"), not in the plan's syntax ("How old is ${name}", as `fieldtui report` printed
it for the shipped household survey)."""

from __future__ import annotations

from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.report import coverage_lines
from fieldtui.supervise.report_html import coverage_html
from tests.support.paths import PLANS

HOUSEHOLD = load_plan(PLANS / "household-survey.toml")


def test_coverage_shows_piped_prompts_as_placeholders() -> None:
    assert "${name}" in HOUSEHOLD.item("age").prompt
    text = "\n".join(coverage_lines([], HOUSEHOLD))
    assert "How old is [name]" in text and "${" not in text
    html = "\n".join(coverage_html([], HOUSEHOLD))
    assert "How old is [name]" in html and "${" not in html
