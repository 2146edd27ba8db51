"""Interview prepare's outline of a plan with logic: calculations are not listed (they are
never asked), conditional items and roster sections say so."""

from __future__ import annotations

from rich.console import Console

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.interview.prepare import outline_text
from tests.support.paths import PLANS


def test_the_outline_leaves_out_calculations_and_names_conditions_and_rosters() -> None:
    plan = load_plan(PLANS / "household-survey.toml")
    console = Console(width=200, record=True, color_system=None)
    console.print(outline_text(plan))
    text = console.export_text()
    lines = [line.strip() for line in text.splitlines()]
    assert "·" not in lines and "◆" not in lines  # no bullet without a prompt
    assert "Household members  (12 min)  · for each member" in text
    school = next(line for line in lines if "go to school" in line)
    assert "when it applies" in school
    asked = [i for i in plan.items if i.kind != "calculate"]
    assert len(asked) < len(plan.items)  # the plan has calculations
    bullets = [line for line in lines if line[:1] in ("·", "◆") and line[1:2] == " "
               and not line.startswith("◆ marks")]
    assert len(bullets) == len(asked)


def test_piped_prompts_read_as_a_person_would_before_the_interview() -> None:
    """`${name}` in a prompt shows as "[name]" (the item's short label), never as typed."""
    plan = load_plan(PLANS / "household-survey.toml")
    console = Console(width=200, record=True, color_system=None)
    console.print(outline_text(plan))
    text = console.export_text()
    assert "${" not in text
    assert "How old is [name], in completed years?" in text
    assert any("${" in i.prompt for i in plan.items)


def test_a_group_agenda_question_shows_piping_as_placeholders() -> None:
    from fieldtui.core.plan.model import Item, Section
    from fieldtui.tui.screens.group.questions import AgendaQuestions

    section = Section("s", "Water", 10.0, (
        Item("q1", "open", "What do you think of ${water_source} at ${site_name}?"),))
    line = AgendaQuestions(section).text()
    assert line.endswith("What do you think of [water source] at [site name]?")


def test_key_points_and_wrap_up_show_piping_as_placeholders() -> None:
    """The run screen's key points and the wrap-up list name a piped item as "[name]" too."""
    from fieldtui.tui.screens.wrapup import missing_text
    from fieldtui.tui.widgets.short_text import short_prompt

    plan = load_plan(PLANS / "household-survey.toml")
    assert short_prompt("How old is ${name}, in completed years?", 60) == (
        "How old is [name], in completed years?")
    text, _ = missing_text(plan, {})
    assert "${" not in text.plain
    assert "How old is [name]" in text.plain


def test_a_roster_key_point_in_the_wrap_up_says_it_is_asked_for_each_member() -> None:
    """The household wrap-up listed "◇ Which clinic did [name] visit?", a name never filled
    in and no word of whose: a key point of a roster item is covered by any member's answer,
    and is now listed as prepare lists the roster's items, "… (for each member)"; an item
    asked once reads as before. The same in Chinese, with the full-width brackets."""
    from fieldtui.core.i18n import _, set_language
    from fieldtui.tui.screens.wrapup import missing_text

    plan = load_plan(PLANS / "household-survey.toml")
    lines = missing_text(plan, {})[0].plain.splitlines()
    assert " ◇ Which clinic did [name] visit? (for each member)" in lines
    assert " ◇ How old is [name], in completed years? (for each member)" in lines
    assert " ◇ What is the main source of drinking water for this household?" in lines
    set_language("zh")
    try:
        lines = missing_text(plan, {})[0].plain.splitlines()
        assert any(line.endswith("（" + _("for each member") + "）") for line in lines), lines
    finally:
        set_language("en")
