"""A multi item's answer on the correction screen: its choices by their labels ("Radio,
Bicycle"), never as JSON (["radio", "bicycle"]); Enter opens them as boxes to tick (the
saved ones ticked), and what is saved is what the interview saves: the option values, a
list. Its edit box took the JSON it showed and refused it ('["radio"' is not an option)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList, SelectionList, Static

from fieldtui.core.plan.load import load_plan
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.correction import CorrectionScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.correction_pilot import answered_store, give_reason, open_row
from tests.support.paths import PLANS
from tests.support.screen_text import screen_lines
from tests.support.sync_world import make_world

SURVEY = PLANS / "household-survey.toml"  # assets: radio, phone, bicycle, fridge, none


def _store(tmp_path: Path, home: Path) -> tuple[FieldtuiApp, SessionStore, Any]:
    return answered_store(tmp_path, home, SURVEY, "assets", ["radio", "bicycle"])


async def _open_assets(app: FieldtuiApp, pilot: Any, store: SessionStore, plan: Any) -> str:
    """Open the correction screen, Enter on the assets row; its row's text first."""
    return await open_row(app, pilot, store, plan, "check the assets", "assets",
                          "ChoicesDialog")


async def _reason(app: FieldtuiApp, pilot: Any) -> None:
    await give_reason(app, pilot, "counted again with the household")


async def test_a_multi_answer_is_shown_and_corrected_as_choices(
        tmp_path: Path, isolated_home: Path) -> None:
    app, store, plan = _store(tmp_path, isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        row = await _open_assets(app, pilot, store, plan)
        assert row.startswith("assets: Radio, Bicycle"), row
        ticks = app.screen.query_one(SelectionList)
        assert list(ticks.selected) == ["radio", "bicycle"]
        shown = "\n".join(screen_lines(app))
        for label in ("Radio", "Mobile phone", "Bicycle", "Refrigerator", "None of these"):
            assert label in shown, shown
        assert '"radio"' not in shown and "[" not in shown, shown
        # untick Bicycle, tick Refrigerator, keep
        ticks.highlighted = 2
        await pilot.press("space")
        ticks.highlighted = 3
        await pilot.press("space")
        await pilot.press("enter")
        await _reason(app, pilot)
        items = app.screen.query_one("#correction-items", OptionList)
        await wait_until(pilot, lambda: str(items.get_option("item:assets").prompt).startswith(
            "assets: Radio, Refrigerator"), what="the new choices listed")
        assert not any("[" in line and "radio" in line for line in screen_lines(app))
    document = store.document()
    store.close()
    assert document["answers"]["assets"]["value"] == ["radio", "fridge"]  # as the interview


async def test_kept_as_ticked_nothing_changes(tmp_path: Path, isolated_home: Path) -> None:
    app, store, plan = _store(tmp_path, isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_assets(app, pilot, store, plan)
        await pilot.press("enter")
        await _reason(app, pilot)
        problem = app.screen.query_one("#correction-problem", Static)
        await wait_until(pilot, lambda: "nothing changed" in str(problem.render()),
                         what="the same answer")
    document = store.document()
    store.close()
    assert document["answers"]["assets"]["value"] == ["radio", "bicycle"]


async def test_an_exclusive_choice_clears_the_others(tmp_path: Path,
                                                     isolated_home: Path) -> None:
    app, store, plan = _store(tmp_path, isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_assets(app, pilot, store, plan)
        ticks = app.screen.query_one(SelectionList)
        ticks.highlighted = 4  # None of these
        await pilot.press("space")
        await wait_until(pilot, lambda: list(ticks.selected) == ["none"],
                         what="the others cleared")
        assert "“None of these” clears the other answers." in "\n".join(screen_lines(app))
        await pilot.press("enter")
        await _reason(app, pilot)
    document = store.document()
    store.close()
    assert document["answers"]["assets"]["value"] == ["none"]


async def test_the_choices_are_in_the_language_the_session_was_asked_in(
        tmp_path: Path, isolated_home: Path) -> None:
    """A plan in two languages, the session asked in Chinese: its choices read as the
    interview showed them (借书), stored as the plan's values (Borrowing books)."""
    library = PLANS / "interview-library.toml"
    plan = load_plan(library)
    world = make_world(tmp_path, isolated_home, plans=[library])
    store = SessionStore.create(world.home, plan=plan, device=world.device)
    store.save_answer("purposes", ["Borrowing books", "Wi-Fi"], lang="zh")
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(CorrectionScreen(store, plan, "check", {}))
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        items = app.screen.query_one("#correction-items", OptionList)
        row = str(items.get_option("item:purposes").prompt)
        assert row.startswith("purposes: 借书, 无线网络"), row
        items.highlighted = items.get_option_index("item:purposes")
        await pilot.press("enter")
        await wait_screen(pilot, "ChoicesDialog")
        ticks = app.screen.query_one(SelectionList)
        assert list(ticks.selected) == ["Borrowing books", "Wi-Fi"]
        assert "公用电脑" in "\n".join(screen_lines(app))
        ticks.highlighted = 1  # 公用电脑 (Public computers)
        await pilot.press("space", "enter")
        await _reason(app, pilot)
    document = store.document()
    store.close()
    assert document["answers"]["purposes"]["value"] == [
        "Borrowing books", "Public computers", "Wi-Fi"]
