"""A lower count asks before it takes out members holding answers wherever a count can be
changed: the correction screen (a returned session) and the poll. y saves it; n or Escape
keeps the count as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList, Static

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.plan.load import load_plan
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.correction import CorrectionScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import PLANS
from tests.support.sync_world import make_world


async def correct(pilot: Any, app: Any, item_id: str, value: str) -> None:
    items = app.screen.query_one("#correction-items", OptionList)
    items.highlighted = items.get_option_index(f"item:{item_id}")
    await pilot.press("enter")
    await wait_screen(pilot, "LineDialog")
    app.screen.query_one(Input).value = value
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.screen.query(Input) and
                     app.screen.query_one(Input).value == "", what="the reason")
    app.screen.query_one(Input).value = "misheard"
    await pilot.press("enter")


async def test_the_correction_screen_asks_before_a_lower_count_takes_members_out(
        tmp_path: Path, isolated_home: Path) -> None:
    survey = PLANS / "household-survey.toml"
    plan = load_plan(survey)
    world = make_world(tmp_path, isolated_home, plans=[survey])
    store = SessionStore.create(world.home, plan=plan, device=world.device)
    store.save_answer("household_size", 3)
    store.save_answer("name", "Cy", member="m3")
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(CorrectionScreen(store, plan, "check the size", {}))
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        await correct(pilot, app, "household_size", "2")
        await wait_screen(pilot, "ConfirmDialog")
        said = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Take 1 member out of the roster?" in said and "Cy" in said, said
        assert "back to 3" in said, said
        await pilot.press("n")
        await wait_screen(pilot, "CorrectionScreen")
        assert store.document()["answers"]["household_size"]["value"] == 3
        problem = app.screen.query_one("#correction-problem", Static)
        assert "the count is 3 again" in str(problem.render())
        await correct(pilot, app, "household_size", "2")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(
            pilot, lambda: store.document()["answers"]["household_size"]["value"] == 2,
            what="2 saved")
    store.close()


POLL = """
[plan]
id = "poll-count"
version = 1
title = "Household travel"
method = "poll"
language = "en"
minutes = 4

[poll]
anonymous = true
min_cell = 5

[[section]]
id = "home"
title = "Home"
minutes = 1

[[section.item]]
id = "size"
kind = "number"
prompt = "How many people live in your household?"

[[section]]
id = "people"
title = "People"
minutes = 2
repeat = true
repeat_count = "${size}"

[[section.item]]
id = "age"
kind = "number"
prompt = "What age is this member?"
min = 0
max = 120
"""


async def test_the_poll_asks_before_a_lower_count_takes_members_out(
        tmp_path: Path, isolated_home: Path) -> None:
    path = tmp_path / "poll-count.toml"
    path.write_text(POLL, encoding="utf-8")
    app = HostApp(PollRunScreen(load_plan(path), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen

        async def stand(item_id: str, member: str = "") -> Input:
            await run.go_to(run.walk.find(item_id, member))
            await wait_until(pilot, lambda: run.step is not None and run.step.item_id == item_id
                             and run.step.member == member, what=item_id)
            field = run.query_one("#number", Input)
            field.value = ""
            return field

        await wait_until(pilot, lambda: run.step is not None and run.step.item_id == "size",
                         what="the count")
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: answer_key("size", "") in run.saved, what="3 saved")
        await stand("age", "m2")  # not the last item: the respondent goes on
        await pilot.press("4", "0", "enter")
        await wait_until(pilot, lambda: answer_key("age", "m2") in run.saved, what="40 saved")
        await stand("size")
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConfirmDialog")
        said = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Take 1 member out of the roster?" in said and "back to 3" in said, said
        assert run.walk.members("people") == ["m1", "m2", "m3"]
        await pilot.press("n")
        await wait_screen(pilot, "PollRunScreen")
        assert run.saved[answer_key("size", "")] == (3, False)
        assert run.walk.members("people") == ["m1", "m2", "m3"] and run.step.item_id == "size"
        assert run.query_one("#number", Input).value == "3"  # the count kept, shown
        await stand("size")
        await pilot.press("1", "enter")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        await wait_until(pilot, lambda: run.saved[answer_key("size", "")] == (1, False),
                         what="1 saved")
        assert run.walk.members("people") == ["m1"]
