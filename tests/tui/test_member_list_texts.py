"""The member list of a roster sized by an answer says which answer, in words: never the
plan's raw `${household_size}`."""

from __future__ import annotations

from pathlib import Path

from fieldtui.tui.widgets.outline import Outline
from tests.support.app_support import make_app, make_home, wait_screen, wait_until
from tests.support.household_screens import at_household_size


async def test_the_member_list_names_the_answer_that_sizes_it(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("2", "enter")
        await wait_until(pilot, lambda: run.step.item_id is None, what="the member list")
        shown = str(run.entries.current.render())
    assert "${" not in shown
    assert "Sized by the answer 2 to:\nHow many people" in shown


async def test_the_outline_names_members_as_the_member_list_does(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("2", "enter")
        await wait_until(pilot, lambda: run.step.item_id is None, what="the member list")
        outline = str(run.query_one(Outline).render())
    assert "Member 1 (no" in outline and "Member 2 (no" in outline
    assert "· m1" not in outline and "· m2" not in outline


async def test_a_name_not_given_yet_reads_as_a_placeholder_in_prompts(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("2", "enter")
        await wait_until(pilot, lambda: run.step.item_id is None, what="the member list")
        await pilot.press("enter")
        await wait_until(pilot, lambda: run.step.item_id == "name", what="the first name")
        await pilot.press("ctrl+s")  # the name skipped with a reason: no name to pipe
        await wait_screen(pilot, "SkipDialog")
        await pilot.press("1")
        await wait_until(pilot, lambda: run.step.item_id == "age", what="the age")
        prompt = str(run.query_one("#item-text").render())
        outline = str(run.query_one(Outline).render())
    assert "How old is [name], in completed years?" in prompt
    assert "How old is , in" not in outline and "How old is [name]" in outline
