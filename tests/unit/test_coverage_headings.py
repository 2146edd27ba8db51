"""The coverage check's problems under headings that say what they are. Everything stood
under "MISSING:", also the line about too many people in the group."""

from __future__ import annotations

from fieldtui.core import i18n
from fieldtui.core.plan.model import GroupSpec
from fieldtui.core.roster import Participant, check_coverage
from fieldtui.tui.screens.group.roster_text import coverage_text, problem_lines

SPEC = GroupSpec(size_min=2, size_max=3, coverage={"age": ("young", "old")}, informed=1,
                 notice="")


def roster(*ages: str) -> list[Participant]:
    return [Participant(f"P{n}", f"N{n}", {"age": age} if age else {})
            for n, age in enumerate(ages, start=1)]


def test_too_many_people_stand_under_too_many_and_a_row_to_fix_under_to_fix() -> None:
    report = check_coverage(SPEC, roster("young", "young", "", "young"))
    lines = problem_lines(report)
    assert lines == [
        "Missing:", "• no one from age old", "• 0 of 1 well-informed participants",
        "Too many:", "• 4 participants, at most 3: remove 1",
        "To fix:", "• N3: age not set",
    ], lines
    assert "MISSING" not in coverage_text(report, [])


def test_only_the_headings_with_problems_show() -> None:
    report = check_coverage(SPEC, roster("young"))
    assert [line for line in problem_lines(report) if not line.startswith("• ")] == [
        "Missing:"]


def test_the_headings_in_chinese() -> None:
    i18n.set_language("zh")
    try:
        lines = problem_lines(check_coverage(SPEC, roster("young", "young", "", "young")))
    finally:
        i18n.set_language("en")
    headings = [line for line in lines if not line.startswith("• ")]
    assert len(headings) == 3 and not any(h.isascii() for h in headings), headings


def test_each_problem_has_a_typographic_bullet_in_english_and_chinese() -> None:
    """An ASCII "- " before each problem looked foreign in a Chinese box: both languages
    mark a problem with •, as the app's other lists do."""
    report = check_coverage(SPEC, roster("young", "young", "", "young"))
    for language in ("en", "zh"):
        i18n.set_language(language)
        try:
            box = coverage_text(report, []).splitlines()
        finally:
            i18n.set_language("en")
        problems = [line for line in box[1:] if not line.endswith((":", "："))]  # headings
        assert len(problems) == 4 and all(p.startswith("• ") for p in problems), (language, box)
        assert not any(line.startswith("-") for line in box), (language, box)
