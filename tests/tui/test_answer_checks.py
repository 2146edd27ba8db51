"""Answers that cannot be taken say so: a number out of range, a key with no option, and an
exclusive option ("None of these") that clears the others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Item, Plan, Section
from fieldtui.tui.screens.poll.run import PollRunScreen
from fieldtui.tui.widgets.outline import Outline
from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_until,
)
from tests.support.group_poll_support import DeviceStub, HostApp, stored_documents
from tests.support.paths import FIXTURES, PLANS


def messages(app: Any) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def goto(run: Any, item_id: str) -> None:
    await run.go_to([i.id for i in run.items].index(item_id))


async def test_an_invalid_number_is_not_progress_in_the_outline(tmp_path: Path) -> None:
    """150 (range 0-100) after 15 was typed: the outline does not count the item as done."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await goto(run, "years_area")
        def outline() -> str:  # a section title wraps before its last word: one line here
            return " ".join(str(run.query_one(Outline).render()).split())

        await pilot.press("1", "5")
        await wait_until(pilot, lambda: "Welcome and background 1/3" in outline(), what="15")
        await pilot.press("0")
        await wait_until(pilot, lambda: "Welcome and background 0/3" in outline(), what="150")
        assert "✗ For how many" in outline()  # the item is marked as holding a bad number
        await pilot.press("backspace")
        await wait_until(pilot, lambda: "Welcome and background 1/3" in outline(), what="15")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "member", what="moved on")
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["years_area"]["value"] == 15  # typed back after 150: still saved


async def test_a_key_beyond_the_options_or_the_scale_says_so(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await goto(run, "member")
        await pilot.press("7")
        await wait_until(pilot, lambda: "No option 7: press 1–4" in messages(app),
                         what="choice message")
        await goto(run, "hours_fit")
        await pilot.press("8")
        await wait_until(pilot, lambda: "No option 8: press 1–5" in messages(app),
                         what="scale message")
        await flush(app)


async def test_none_of_these_clears_the_other_ticks(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await goto(run, "purposes")
        entry: Any = run.query_one(".answer-entry")
        await pilot.press("1", "3", "9")
        await pilot.pause()
        assert entry.value == ["None of these"]
        assert "“None of these” clears" in messages(app)
        await pilot.press("2")
        await pilot.pause()
        assert entry.value == ["Public computers"]
        await flush(app)


def exclusive_poll() -> Plan:
    plan = load_plan(FIXTURES / "poll_mixed.toml")
    modes = plan.item("modes")
    item = Item(modes.id, "multi", modes.prompt, options=(*modes.options, "None of these"),
                exclusive=("None of these",))
    section = Section("travel", "Travel", 2, (item, plan.item("trips")))
    return Plan(plan.id, 1, plan.title, "poll", "en", 2, (section,), plan.content_hash,
                poll=plan.poll, source=plan.source)


async def test_poll_keys_beyond_the_options_and_exclusive_ticks(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(PollRunScreen(exclusive_poll(), device))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7")
        assert "No option 7: press 1–5" in messages(app)
        await pilot.press("1", "2", "5")
        assert "“None of these” clears" in messages(app)
        await pilot.press("enter", "e")
        await app.settle()
        await pilot.pause()
    (doc,) = stored_documents(device)
    assert doc["answers"]["modes"]["value"] == ["None of these"]


async def test_poll_scale_key_beyond_the_range_says_so(isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(load_plan(PLANS / "poll-bins.toml"), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y")  # the shipped poll asks consent first
        run.index = [i.id for i in run.items].index("general_reliability")
        run.show()
        await pilot.press("7")
        assert "No option 7: press 1–5" in messages(app)
        assert run.item.id == "general_reliability"


