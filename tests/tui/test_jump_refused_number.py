"""A section number the plan does not have (9 of five) was refused on the dialog's line,
but Enter then jumped to the section still highlighted, the one the interviewer is in:
back to its first item, from the third, with no section ever picked. Enter right after a
refused number now does nothing (the line says what to type); a number or an arrow then
picks, and Enter jumps as before."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.support.app_support import (
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)


async def test_enter_after_a_refused_number_stays_in_the_dialog(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+n")
        third = run.plan.sections[0].items[2].id
        await wait_until(pilot, lambda: run.step.item_id == third, what="the third item")
        await pilot.press("ctrl+g")
        await wait_screen(pilot, "JumpDialog")
        dialog = app.screen
        hint = dialog.query_one("#jump-hint", Static)
        await pilot.press("9", "enter")
        await wait_until(pilot, lambda: "No section 9" in str(hint.render()), what="refused")
        await pilot.pause()
        assert app.screen is dialog, "Enter jumped after the number was refused"
        await pilot.press("escape")
        await wait_screen(pilot, "InterviewRunScreen")
        assert run.step.item_id == third
        await pilot.press("ctrl+g")
        await wait_screen(pilot, "JumpDialog")
        await pilot.press("9", "2", "enter")  # a number after the refused one picks
        await wait_screen(pilot, "InterviewRunScreen")
        await wait_until(pilot, lambda: run.walk.sections[run.step.section].id
                         == run.plan.sections[1].id, what="the second section")


async def test_an_arrow_after_a_refused_number_picks_and_enter_jumps(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await pilot.press("ctrl+g")
        await wait_screen(pilot, "JumpDialog")
        await pilot.press("9", "down", "enter")
        await wait_screen(pilot, "InterviewRunScreen")
        await wait_until(pilot, lambda: run.walk.sections[run.step.section].id
                         == run.plan.sections[1].id, what="the second section")
