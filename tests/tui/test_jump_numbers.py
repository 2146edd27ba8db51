"""The section-jump dialog (Ctrl+G) numbers its sections, and a number typed there picks
that section (it did nothing): Enter then jumps to it, as to one picked with the arrows."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from textual.app import App
from textual.widgets import OptionList, Static

from fieldtui.tui.screens.interview.dialogs import JumpDialog
from tests.support.app_support import make_app, make_home, wait_screen, wait_until
from tests.support.household_screens import household_run


async def test_a_number_then_enter_jumps_to_that_section(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        await pilot.press("ctrl+g")
        await wait_screen(pilot, "JumpDialog")
        await pilot.press("5", "enter")
        await wait_screen(pilot, "InterviewRunScreen")
        await wait_until(pilot, lambda: run.walk.sections[run.step.section].id
                         == run.plan.sections[4].id, what="the fifth section")


class Twelve(App[None]):
    """The dialog over a plan of twelve sections, on the first."""

    def on_mount(self) -> None:
        sections = [SimpleNamespace(id=f"s{n}", title=f"Part {n}", minutes=1)
                    for n in range(1, 13)]
        plan: Any = SimpleNamespace(sections=sections)
        self.push_screen(JumpDialog(plan, "s1"))


async def test_two_digits_pick_a_section_past_nine() -> None:
    app = Twelve()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "JumpDialog")
        sections = app.screen.query_one(OptionList)
        picked: list[int | None] = []
        for key in ("1", "2", "3", "0", "1", "0", "7"):
            await pilot.press(key)
            picked.append(sections.highlighted)
    # 1; 12; 123 is none, so 3; 30 and 0 are none (kept); 1; 10; 107 is none, so 7
    assert picked == [0, 11, 2, 2, 0, 9, 6]


async def test_the_hint_says_enter_jumps_after_the_number() -> None:
    """"A number picks its section · Enter jumps" read as if the number jumped: it only
    highlights. The line says the number is followed by Enter, and once a number is typed
    it names the section picked and that Enter jumps there."""
    app = Twelve()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "JumpDialog")
        hint = app.screen.query_one("#jump-hint", Static)
        assert str(hint.render()) == ("Type a section's number, then Enter to jump · "
                                      "Escape cancels")
        await pilot.press("1", "2")
        await wait_until(pilot, lambda: "12" in str(hint.render()), what="the section named")
        assert str(hint.render()) == ("Section 12 picked: Enter jumps there · "
                                      "Escape cancels")
        await pilot.press("0")  # no section 0: the number typed is dropped
        await wait_until(pilot, lambda: str(hint.render()).startswith("No section 0"),
                         what="dropped")
        assert str(hint.render()) == "No section 0: type 1–12, then Enter · Escape cancels"
