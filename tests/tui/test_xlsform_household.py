"""Households brought in from XLSForm run in the app: one written as an XLSForm in English
and Chinese (`plan import` makes a plan that checks clean; Ctrl+L switches language
mid-interview, through a roster member, to the wrap-up), and the shipped household survey
exported to an XLSForm and imported back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from fieldtui.commands.demo import ensure_demo
from fieldtui.core.plan.check import check_file
from fieldtui.core.plan.load import load_plan
from tests.support.app_support import documents, flush, make_app, unlock, wait_screen, wait_until
from tests.support.cli_main import run
from tests.support.household_answers import run_to_wrap_up
from tests.support.paths import PLANS
from tests.support.xlsform_books import bilingual_household

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def text_of(app: Any, selector: str) -> str:
    """The text `selector` shows ("" while the screen has not composed it yet)."""
    found = app.screen.query(selector).results(Static)
    return "".join(str(widget.render()) for widget in found)


async def next_step(pilot: Any, run_screen: Any, *keys: str) -> None:
    """Press `keys` and wait until the walk has moved on (or the wrap-up is up)."""
    before = (run_screen.step, len(run_screen.walk.steps))
    await pilot.press(*keys)
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "WrapUpScreen"
                     or (run_screen.step, len(run_screen.walk.steps)) != before,
                     what=f"past {before}")


async def test_a_bilingual_xlsform_household_runs_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = bilingual_household(tmp_path / "household.xlsx")
    plans = tmp_path / "plans"
    plans.mkdir()
    code, out, err = run(["plan", "import", str(form), "-o", str(plans / "household.toml")],
                         capsys)
    assert code == 0, (out, err)
    assert [f.format() for f in check_file(plans / "household.toml")] == []
    plan = load_plan(plans / "household.toml")
    assert plan.languages == ("en", "zh")
    zh = plan.localized("zh")
    home, _ = ensure_demo(tmp_path / "demo", plans_dir=plans)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("g")
        await wait_screen(pilot, "InterviewRunScreen")
        screen: Any = app.screen
        await wait_until(pilot, lambda: screen.step is not None and screen.step.item_id == "water",
                         what="the first item")
        # The prompt is drawn once the item's entry is mounted, a moment after the step moves.
        await wait_until(pilot, lambda: plan.item("water").prompt in text_of(app, "#item-text"),
                         what="the first item's prompt")
        await next_step(pilot, screen, "1", "ctrl+n")  # Yes, in English
        await next_step(pilot, screen, *"2", "ctrl+n")  # two people
        while screen.step.is_roster:  # the roster's overview: on to its first member
            await next_step(pilot, screen, "enter")
        assert screen.step.item_id == "name"
        await pilot.press("ctrl+l")  # the first member is asked in Chinese
        await wait_until(pilot, lambda: zh.item("name").prompt in text_of(app, "#item-text"),
                         what="the name asked in Chinese")
        await next_step(pilot, screen, *"Ana", "ctrl+n")
        await wait_until(pilot, lambda: "Ana今年几周岁" in text_of(app, "#item-text"),
                         what="the name piped into the Chinese")
        await next_step(pilot, screen, *"34", "ctrl+n")
        await pilot.press("ctrl+l")  # back to English for the second member
        for _ in range(12):
            if type(app.screen).__name__ == "WrapUpScreen":
                break
            step = screen.step
            if step.is_roster:
                await next_step(pilot, screen, "enter")
            elif step.item_id == "name":
                await next_step(pilot, screen, *"Ben", "ctrl+n")
            elif step.item_id == "age":
                await next_step(pilot, screen, *"8", "ctrl+n")
            else:
                await next_step(pilot, screen, "ctrl+n")
        await wait_screen(pilot, "WrapUpScreen")
        missing = app.screen.query_one("#wrapup-missing", Static)
        await wait_until(pilot, lambda: "Required items unanswered (0)" in str(missing.render()),
                         what="nothing required missing")
        await flush(app)
    [doc] = documents(home)
    answers = doc["answers"]
    assert doc["rosters"]["members"] == {"": ["m1", "m2"]}
    assert (answers["water"]["value"], answers["water"]["lang"]) == ("yes", "en")
    assert (answers["size"]["value"], answers["size"]["lang"]) == (2, "en")
    assert (answers["name#m1"]["value"], answers["name#m1"]["lang"]) == ("Ana", "zh")
    assert (answers["age#m1"]["value"], answers["age#m1"]["lang"]) == (34, "zh")
    assert (answers["name#m2"]["value"], answers["name#m2"]["lang"]) == ("Ben", "en")
    assert answers["age#m2"]["value"] == 8


async def test_the_household_survey_exported_and_imported_back_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form, plans = tmp_path / "household.xlsx", tmp_path / "plans"
    plans.mkdir()
    code, out, err = run(["plan", "export", str(PLANS / "household-survey.toml"),
                          "--format", "xlsform", "-o", str(form)], capsys)
    assert code == 0, (out, err)
    code, out, err = run(["plan", "import", str(form), "-o",
                          str(plans / "household-survey.toml")], capsys)
    assert code == 0, (out, err)
    home, _ = ensure_demo(tmp_path / "demo", plans_dir=plans)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await run_to_wrap_up(pilot)
        await flush(app)
    [doc] = documents(home)
    answers = doc["answers"]
    assert doc["rosters"]["members"] == {"": ["m1", "m2"]}
    assert doc["rosters"]["visits"] == {"m1": ["v1"]}
    assert answers["name#m2"]["value"] == "Ben" and answers["age#m2"]["value"] == 8
    assert answers["dependents"]["value"] == 1
