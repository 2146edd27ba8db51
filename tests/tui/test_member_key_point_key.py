"""Ctrl+K where Key✓ is not offered. On a key point asked about a roster member (the item
says "◆ key point") only an answer covers it, and Ctrl+K says so; on an item that is no key
point it says that. It did nothing on screen, and went on to the entry, where Ctrl+K
deletes the text right of the cursor: "34" with the cursor at its start was cleared, and
the cleared answer saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.app_support import make_app, make_home, wait_until
from tests.support.household_screens import at_household_size


def messages(app: Any) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_ctrl_k_on_a_members_key_point_says_the_answer_covers_it(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        run.query_one(".answer-entry").value = ""
        await pilot.press("2", "ctrl+n")
        await wait_until(pilot, lambda: run.step.is_roster, what="the member list")
        await pilot.press("enter")
        await wait_until(pilot, lambda: run.step.item_id == "name", what="the first name")
        await pilot.press(*"Ana", "ctrl+n")
        await wait_until(pilot, lambda: run.step.item_id == "age", what="Ana's age")
        assert run.plan.item("age").key and run.step.member
        await pilot.press("3", "4", "home", "ctrl+k")
        await wait_until(pilot, lambda: "covered by its answer" in messages(app),
                         what="why Ctrl+K does not mark it")
        assert run.query_one(".answer-entry").value == "34"
        assert run.step.item_id == "age"


async def test_ctrl_k_on_an_item_that_is_no_key_point_keeps_the_answer(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: run.step.item_id == "district", what="the district")
        await pilot.press("ctrl+b", "ctrl+b", "ctrl+b")
        await wait_until(pilot, lambda: run.step.item_id == "visit_date", what="the date")
        assert not run.plan.item("visit_date").key
        await pilot.press("home", "ctrl+k")
        await wait_until(pilot, lambda: "not a key point" in messages(app),
                         what="why Ctrl+K marks nothing")
        assert run.query_one(".answer-entry").value == "2026-01-15"
