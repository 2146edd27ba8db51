"""A returned household session corrects a roster member's answer: the correction screen
lists each roster item once per member, in the asking order (a nested roster's members
under their parent member), named as the roster names them, with the supervisor's
comment on each of its rows; Enter changes that member's answer (never a new top-level
answer) and the change record names the member."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.correction import CorrectionScreen
from fieldtui.tui.screens.returned_rows import open_correction
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_household import SURVEY, returned_household
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home, plans=[SURVEY])


def rows(app: Any) -> dict[str, str]:
    items = app.screen.query_one("#correction-items", OptionList)
    return {str(option.id): str(option.prompt) for option in items.options}


async def open_screen(world: World, app: Any, pilot: Any, items: dict[str, str]
                      ) -> SessionStore:
    sid = returned_household(world, Chain(world), items)
    store, plan, comment, comments = open_correction(world.device, sid)
    await wait_screen(pilot, "HomeScreen")
    app.push_screen(CorrectionScreen(store, plan, comment, comments))
    await wait_screen(pilot, "CorrectionScreen")
    await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                     what="the items")
    return store


async def test_the_rows_name_each_member_in_the_asking_order(world: World) -> None:
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        store = await open_screen(world, app, pilot,
                                  {"age": "check the ages"})
        shown = rows(app)
        ids = list(shown)
        assert "item:age" not in shown and "item:name" not in shown
        member_rows = [i for i in ids if "#" in i]
        assert member_rows[:4] == ["item:name#m1", "item:age#m1", "item:school#m1",
                                   "item:clinic_visits#m1"]
        # the nested roster's member under its parent member, before the next member
        assert ids.index("item:clinic#m1/v1") < ids.index("item:name#m2")
        assert ids.index("item:household_size") < ids.index("item:name#m1")
        assert ids.index("item:clinic_visits#m3") < ids.index("item:water_source")
        assert shown["item:age#m2"].startswith("age · Member 2 (Bo): 34")
        assert shown["item:name#m3"].startswith("name · Member 3 (Cy): Cy")
        assert shown["item:clinic#m1/v1"].startswith(
            "clinic · Member 1 (Ana) › Clinic visits, Entry 1: St Mary")
        # the comment on the item (a return keys comments by item) on each of its member rows
        assert all("⚑ check the ages" in shown[f"item:age#{m}"] for m in ("m1", "m2", "m3"))
        assert "⚑" not in shown["item:name#m2"]
        assert "How old is Bo, in completed years?" in shown["item:age#m2"]
        store.close()


async def test_correcting_member_2s_age(world: World) -> None:
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        store = await open_screen(world, app, pilot, {"age": "Bo is 43"})
        items = app.screen.query_one("#correction-items", OptionList)
        items.highlighted = items.get_option_index("item:age#m2")
        await pilot.press("enter")
        await wait_screen(pilot, "LineDialog")
        title = str(app.screen.query_one(".dialog-title", Static).render())
        assert "How old is Bo" in title, title
        field = app.screen.query_one(Input)
        assert field.value == "34"
        field.value = "43"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Why did" in str(
            app.screen.query_one(".dialog-title", Static).render()), what="the reason asked")
        app.screen.query_one(Input).value = "digits swapped, confirmed by phone"
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: rows(app)["item:age#m2"].startswith(
            "age · Member 2 (Bo): 43"), what="the new answer listed")
        doc = store.document()
        store.close()
    answers = doc["answers"]
    assert answers["age#m2"]["value"] == 43 and answers["age#m2"]["member"] == "m2"
    assert "age" not in answers
    assert (answers["age#m1"]["value"], answers["age#m3"]["value"]) == (30, 8)
    [change] = doc["changes"]
    assert (change["item_id"], change["member"], change["old"], change["new"],
            change["reason"]) == ("age", "m2", 34, 43, "digits swapped, confirmed by phone")


async def test_a_lower_count_asks_then_the_rows_follow_the_roster(world: World) -> None:
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        store = await open_screen(world, app, pilot, {"household_size": "2 people?"})
        assert "item:name#m3" in rows(app)
        items = app.screen.query_one("#correction-items", OptionList)
        items.highlighted = items.get_option_index("item:household_size")
        await pilot.press("enter")
        await wait_screen(pilot, "LineDialog")
        app.screen.query_one(Input).value = "2"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Why did" in str(
            app.screen.query_one(".dialog-title", Static).render()), what="the reason asked")
        app.screen.query_one(Input).value = "Cy moved out"
        await pilot.press("enter")
        await wait_screen(pilot, "ConfirmDialog")
        said = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Take 1 member out of the roster?" in said and "Cy" in said, said
        await pilot.press("y")
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: "item:name#m3" not in rows(app), what="m3 gone")
        assert "item:age#m2" in rows(app)
        doc = store.document()
        store.close()
    assert doc["answers"]["household_size"]["value"] == 2
    assert doc["rosters"]["members"] == {"": ["m1", "m2"]}
    assert doc["answers"]["name#m3"]["value"] == "Cy"  # kept aside, out of the data
    [change] = doc["changes"]
    assert (change["item_id"], change["old"], change["new"]) == ("household_size", 3, 2)
    assert "member" not in change


async def test_an_item_not_asked_of_a_member_says_why_and_takes_no_answer(
        world: World) -> None:
    """School is asked of members aged 5 to 18: Ana (30) was not asked. Her row says why;
    Enter on it opens no dialog (an answer there would be no answer in the data: merge
    keeps an item not asked out of it) but says what to change first."""
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        store = await open_screen(world, app, pilot, {})
        shown = rows(app)
        assert "not asked: asked only when" in shown["item:school#m1"], shown["item:school#m1"]
        assert "not asked" not in shown["item:school#m3"]  # Cy is 8
        items = app.screen.query_one("#correction-items", OptionList)
        items.highlighted = items.get_option_index("item:school#m1")
        await pilot.press("enter")
        problem = app.screen.query_one("#correction-problem", Static)
        await wait_until(pilot, lambda: "depends on first" in str(problem.render()),
                         what="why it takes no answer")
        said = str(problem.render())
        assert said.startswith("school: not asked: asked only when"), said
        assert type(app.screen).__name__ == "CorrectionScreen"
        store.close()
