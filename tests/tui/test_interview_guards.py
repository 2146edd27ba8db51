"""Guards against losing what the interviewer typed: an unsaved number, a skip over an answer."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)


async def test_a_number_out_of_range_keeps_you_on_the_item(tmp_path: Path) -> None:
    """Ctrl+N on 300 (range 0-100) stays and says so, instead of keeping 30 silently."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "years_area", what="number item")
        await pilot.press("3", "0", "0", "ctrl+n")
        await wait_until(pilot, lambda: any("300 is not saved" in str(n.message)
                                            for n in app._notifications), what="warning")
        assert run.item.id == "years_area"
        await pilot.press("backspace", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "member", what="moved on")
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["years_area"]["value"] == 30


async def test_skipping_an_answered_item_warns_first(tmp_path: Path) -> None:
    """The skip dialog says the answer given will be cleared; it does not when there is none."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SkipDialog")
        assert not app.screen.query("#skip-clears")
        await pilot.press("escape")
        await wait_screen(pilot, "InterviewRunScreen")
        await pilot.press(*"Porch", "ctrl+s")
        await wait_screen(pilot, "SkipDialog")
        assert app.screen.query("#skip-clears")


async def test_jump_dialog_marks_the_current_section_and_jumps(tmp_path: Path) -> None:
    """Ctrl+G lists the sections with the current one marked; Enter lands on the chosen one."""
    from textual.widgets import OptionList

    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await pilot.press("ctrl+g")
        await wait_screen(pilot, "JumpDialog")
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert [("you are here" in label) for label in labels][:2] == [True, False]
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: run.plan.section_of(run.item.id).id
                         == run.plan.sections[2].id, what="jumped")
