"""A required item left without an answer: its own `required_message` (in the language on
screen, after Ctrl+L too) is what the interviewer reads on trying to move on, in the wrap-up
and in the poll; an item without one keeps the screen's own words."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList, Static

from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.correction import CorrectionScreen
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.fakes import FakeStore
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import FIXTURES
from tests.support.sync_world import make_world

PLAN = load_plan(FIXTURES / "required_messages.toml")
ROOMS_EN = "The room count sets the sample weight: ask again."
TENURE_ZH = "自有或租住决定下一部分。"
HOLD_EN = "Answer it, or Ctrl+S to skip it with a reason; Next again leaves it unanswered."


def messages(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


def interview() -> tuple[HostApp, InterviewRunScreen]:
    class Host(HostApp):
        CSS_PATH = FieldtuiApp.CSS_PATH
        clock = staticmethod(time.monotonic)

    screen = InterviewRunScreen(PLAN, DeviceStub(Path("/nonexistent")),
                                FakeStore(PLAN, uuid.uuid4().hex))
    return Host(screen), screen


async def moved(pilot: Any, run: Any, item_id: str) -> None:
    await wait_until(pilot, lambda: run.step.item_id == item_id, what=item_id)


async def test_the_interview_reads_the_items_own_words_then_lets_it_go() -> None:
    app, run = interview()
    async with app.run_test(size=(80, 24)) as pilot:
        await moved(pilot, run, "rooms")
        await pilot.press("ctrl+n")  # left without an answer: held once, with its words
        await wait_until(pilot, lambda: bool(messages(app)), what="the required message")
        assert messages(app) == [f"✗ {ROOMS_EN}\n{HOLD_EN}"]
        assert run.step.item_id == "rooms"
        await pilot.press("ctrl+n")  # again: it is left unanswered
        await moved(pilot, run, "tenure")
        assert len(messages(app)) == 1


async def test_after_a_language_switch_it_is_read_in_that_language() -> None:
    app, run = interview()
    async with app.run_test(size=(80, 24)) as pilot:
        await moved(pilot, run, "rooms")
        await pilot.press("3", "ctrl+n")  # answered: no hold
        await moved(pilot, run, "tenure")  # required now (rooms > 0)
        assert messages(app) == []
        await pilot.press("ctrl+l")
        app.clear_notifications()
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: bool(messages(app)), what="the message in Chinese")
        [toast] = messages(app)
        assert toast.startswith(f"✗ {TENURE_ZH}\n") and "Owned" not in toast
        assert run.step.item_id == "tenure"


async def test_an_item_without_its_own_words_moves_on_as_before() -> None:
    app, run = interview()
    async with app.run_test(size=(80, 24)) as pilot:
        await moved(pilot, run, "rooms")
        await pilot.press("3", "ctrl+n")
        await moved(pilot, run, "tenure")
        await pilot.press("1", "ctrl+n")
        await moved(pilot, run, "street")  # required, no required_message
        await pilot.press("ctrl+n")
        await moved(pilot, run, "thanks")
        assert messages(app) == []


async def test_the_wrap_up_lists_the_items_own_words_in_the_language_on_screen() -> None:
    app, run = interview()
    async with app.run_test(size=(80, 24)) as pilot:
        await moved(pilot, run, "rooms")
        await pilot.press("ctrl+l", "ctrl+f")  # finish at once, in Chinese
        await wait_screen(pilot, "WrapUpScreen")
        missing = app.screen.query_one("#wrapup-missing", Static)
        await wait_until(pilot, lambda: "房间数决定样本权重" in str(missing.render()),
                         what="the rooms' message in the wrap-up")
        lines = str(missing.render()).splitlines()
        rooms = next(n for n, line in enumerate(lines) if "这户住房有几个房间" in line)
        assert lines[rooms + 1].strip() == "房间数决定样本权重:请再问一次。"
        street = next(n for n, line in enumerate(lines) if "这条街叫什么名字" in line)
        assert not lines[street + 1].startswith("   ")  # no words of its own: as before


POLL = """[plan]
id = "poll-reqmsg"
version = 1
title = "Bins"
method = "poll"
language = "en"
minutes = 5

[poll]
anonymous = true
min_cell = 5

[[section]]
id = "s"
title = "Bins"
minutes = 5

[[section.item]]
id = "bins"
kind = "choice"
prompt = "How many bins does your household put out each week?"
options = ["None", "One", "Two or more"]
required = true
required_message = "Bin counts drive the route plan: [b]ask once more[/b]."

[[section.item]]
id = "size"
kind = "number"
prompt = "How many people live in your household?"
min = 1
max = 20
required = true
"""


def poll_plan() -> Plan:
    plan = parse_plan(POLL).plan
    assert plan is not None
    return plan


async def test_the_poll_reads_the_items_own_words_escaped(isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(poll_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("enter")  # no option pressed
        assert messages(app) == [
            "✗ Bin counts drive the route plan: [b]ask once more[/b].\n"
            "Press an option's number (1–3), or s for no answer."]
        assert run.item.id == "bins"
        await pilot.press("2")
        assert run.item.id == "size"
        app.clear_notifications()
        await pilot.press("enter")  # an empty number, no words of its own: as before
        assert messages(app) == ["Type a number, e.g. 3 or 2.5"]


async def test_a_correction_left_empty_reads_the_items_own_words(
        tmp_path: Path, isolated_home: Path) -> None:
    world = make_world(tmp_path, isolated_home, plans=[FIXTURES / "required_messages.toml"])
    store = SessionStore.create(world.home, plan=PLAN, device=world.device)
    store.save_answer("rooms", 3)
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(CorrectionScreen(store, PLAN, "check the rooms", {}))
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        items = app.screen.query_one("#correction-items", OptionList)
        items.highlighted = items.get_option_index("item:rooms")
        await pilot.press("enter")
        await wait_screen(pilot, "LineDialog")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")  # the answer cleared: the item's words, not "'' is not …"
        await wait_screen(pilot, "CorrectionScreen")
        problem = app.screen.query_one("#correction-problem", Static)
        await wait_until(pilot, lambda: ROOMS_EN in str(problem.render()), what="the words")
        assert str(problem.render()) == (
            f"{ROOMS_EN} — type an answer, or Escape to keep the one saved")
    assert store.document()["answers"]["rooms"]["value"] == 3
    store.close()
