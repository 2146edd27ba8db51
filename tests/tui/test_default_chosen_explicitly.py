"""Choosing the very option a default proposes is an answer (a field walk): the interviewer
pressed the number of the option the default showed (or picked it with Space), then went
Back; nothing was saved, as if the item had never been answered, because the choice read
the same as the proposal. An explicit choice now ends the proposal: it is saved like any
other answer, whatever move follows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.app_support import documents, flush, make_app, wait_until
from tests.support.demo_template import demo_copy
from tests.support.household_logic_walk import at, start

PLAN = """
[plan]
id = "water-check"
version = 1
title = "Water"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "home"
title = "The home"
minutes = 5

[[section.item]]
id = "place"
kind = "open"
prompt = "Where is the home?"

[[section.item]]
id = "water"
kind = "choice"
prompt = "Where does the household get its water?"
options = ["Tap", "Well", "River"]
default = "Well"

[[section.item]]
id = "remark"
kind = "open"
prompt = "Anything else about the home?"
"""


def water_home(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "water.toml").write_text(PLAN, encoding="utf-8")
    return demo_copy(tmp_path / "demo", plans)


async def on_water(pilot: Any) -> Any:
    run = await start(pilot)
    await pilot.press("ctrl+n")
    await wait_until(pilot, lambda: at(run, "water"), what="the water item")
    await pilot.pause()
    assert run.query_one(".answer-entry").value == "Well"  # the default, proposed
    assert run.walk.row("water") is None
    return run


def saved_water(home: Path) -> Any:
    [doc] = documents(home)
    return doc["answers"].get("water", {}).get("value")


async def test_pressing_the_proposed_options_number_then_back_saves_it(
        tmp_path: Path) -> None:
    home = water_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await on_water(pilot)
        await pilot.press("2", "ctrl+b")  # chose "Well", the option proposed; then Back
        await wait_until(pilot, lambda: at(run, "place"), what="back on the place")
        assert run.walk.value("water") == "Well"
        await flush(app)
    assert saved_water(home) == "Well"


async def test_picking_the_proposed_option_with_space_then_home_saves_it(
        tmp_path: Path) -> None:
    home = water_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await on_water(pilot)
        entry: Any = run.query_one(".answer-entry")
        entry.focus()
        await pilot.press("space", "escape")  # the cursor stands on the proposed "Well"; Home
        await wait_until(pilot, lambda: app.screen is not run, what="Home")
        await flush(app)
    assert saved_water(home) == "Well"


async def test_the_proposal_untouched_is_still_not_saved(tmp_path: Path) -> None:
    home = water_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await on_water(pilot)
        entry: Any = run.query_one(".answer-entry")
        entry.focus()
        await pilot.press("down", "up", "ctrl+b")  # the cursor moved, nothing chosen
        await wait_until(pilot, lambda: at(run, "place"), what="back on the place")
        assert run.walk.row("water") is None
        await flush(app)
    assert saved_water(home) is None
