"""A single-choice answer on the correction screen: shown by its option's label ("Protected
well"), not its stored value ("well"); Enter lists the options by their labels to pick from
(the saved one highlighted), and what is saved is what the interview saves: the option's
value. It showed the value and asked for it typed, as the plan spells it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.correction_pilot import answered_store, give_reason, open_row
from tests.support.paths import PLANS
from tests.support.screen_text import screen_lines

SURVEY = PLANS / "household-survey.toml"  # water_source: piped, tap, well, surface, other


def _store(tmp_path: Path, home: Path, item: str, value: str,
           plan_path: Path = SURVEY, lang: str = "") -> tuple[FieldtuiApp, SessionStore, Any]:
    return answered_store(tmp_path, home, plan_path, item, value, lang)


async def _open(app: FieldtuiApp, pilot: Any, store: SessionStore, plan: Any,
                item: str) -> str:
    """Open the correction screen, Enter on the item's row; its row's text first."""
    return await open_row(app, pilot, store, plan, "check the water", item, "ChoiceDialog")


async def _reason(app: FieldtuiApp, pilot: Any) -> None:
    await give_reason(app, pilot, "asked again at the door")


async def test_a_single_choice_is_shown_by_its_label_and_picked(
        tmp_path: Path, isolated_home: Path) -> None:
    app, store, plan = _store(tmp_path, isolated_home, "water_source", "well")
    async with app.run_test(size=(80, 24)) as pilot:
        row = await _open(app, pilot, store, plan, "water_source")
        assert row.startswith("water_source: Protected well"), row
        options = app.screen.query_one("#choice-list", OptionList)
        labels = [str(options.get_option_at_index(n).prompt).strip("● ")
                  for n in range(options.option_count)]
        assert sorted(labels) == sorted(["Piped into the dwelling or yard", "Public tap",
                                         "Protected well", "River, lake or pond", "Other"])
        assert labels[options.highlighted or 0] == "Protected well"  # Enter keeps it
        shown = "\n".join(screen_lines(app))
        assert "Piped into the dwelling or yard" in shown and "piped" not in shown, shown
        options.highlighted = labels.index("Piped into the dwelling or yard")
        await pilot.press("enter")
        await _reason(app, pilot)
        items = app.screen.query_one("#correction-items", OptionList)
        await wait_until(pilot, lambda: str(items.get_option(
            "item:water_source").prompt).startswith(
            "water_source: Piped into the dwelling or yard"), what="the new answer listed")
    document = store.document()
    store.close()
    assert document["answers"]["water_source"]["value"] == "piped"  # as the interview


async def test_escape_keeps_the_answer(tmp_path: Path, isolated_home: Path) -> None:
    app, store, plan = _store(tmp_path, isolated_home, "water_source", "tap")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, store, plan, "water_source")
        await pilot.press("escape")
        await wait_screen(pilot, "CorrectionScreen")
    document = store.document()
    store.close()
    assert document["answers"]["water_source"]["value"] == "tap"


async def test_the_choice_is_in_the_language_the_session_was_asked_in(
        tmp_path: Path, isolated_home: Path) -> None:
    """Asked in Chinese: 1 至 2 天 on the row and in the list; stored as the plan's value."""
    library = PLANS / "interview-library.toml"
    app, store, plan = _store(tmp_path, isolated_home, "visits", "1 to 2 days", library,
                              lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        row = await _open(app, pilot, store, plan, "visits")
        assert row.startswith("visits: 1 至 2 天"), row
        options = app.screen.query_one("#choice-list", OptionList)
        labels = [str(options.get_option_at_index(n).prompt).strip("● ")
                  for n in range(options.option_count)]
        assert "3 至 5 天" in labels
        options.highlighted = labels.index("3 至 5 天")
        await pilot.press("enter")
        await _reason(app, pilot)
    document = store.document()
    store.close()
    assert document["answers"]["visits"]["value"] == "3 to 5 days"
