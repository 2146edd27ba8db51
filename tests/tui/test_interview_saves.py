"""What the interview saves and when: key points covered by answers, the section timer
through a restart, and a full disk (a real small tmpfs) holding the flow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static, TextArea

from fieldtui.core.clock import ManualClock
from fieldtui.store.sessions import list_sessions
from fieldtui.tui.screens.not_saved import NotSavedScreen
from fieldtui.tui.widgets.section_timer import SectionTimerView
from tests.support.app_support import (
    burst,
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    unlock,
    wait_screen,
    wait_until,
)
from tests.support.small_disk import SmallDisk, small_disk

__all__ = ["small_disk"]  # the fixture, imported for pytest

LONG = "They said the library is where they feel at home. " * 120  # > a page


def status(run: Any) -> str:
    """The item's status line."""
    return str(run.query_one("#item-status", Static).render())


async def test_an_answer_that_covers_a_key_point_is_stored_like_a_mark(
        tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "last_visit", what="a key point")
        await pilot.press(*"Bus")
        await wait_until(pilot, lambda: "covered by the answer" in status(run),
                         what="the automatic mark")
        await pilot.press("ctrl+n", "ctrl+n", "1")  # purposes (a key multi): option 1
        await pilot.press("ctrl+b", "ctrl+b", "backspace", "backspace", "backspace")
        await wait_until(pilot, lambda: "not yet covered" in status(run),
                         what="the mark gone with the answer")
        await pilot.press("ctrl+k")  # the interviewer's own mark, on an empty answer
        await flush(app)
        await pilot.press("ctrl+q")
    [doc] = documents(home)
    answers = doc["answers"]
    assert answers["purposes"]["key_covered"] is True
    assert answers["last_visit"]["key_covered"] is True  # marked by hand at the end
    keys = [(e["item_id"], e["covered"], e.get("by")) for e in doc["events"]
            if e["type"] == "key"]
    assert keys == [("last_visit", True, "answer"), ("purposes", True, "answer"),
                    ("last_visit", False, "answer"), ("last_visit", True, None)]


async def test_the_section_timer_goes_on_after_a_restart(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    clock = ManualClock(1000.0)
    app = make_app(home, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        clock.advance(100)
        await pilot.press("ctrl+n")  # same section: the position carries the 100 s
        await wait_until(pilot, lambda: run.item.id == "years_area", what="the next item")
        clock.advance(30)
        await flush(app)
        run.checkpoint()  # what the 10-second tick does
        await flush(app)
        await pilot.press("ctrl+q")  # as a kill would: no `section` event on the way out
    [doc] = documents(home)
    assert doc["position"]["elapsed"] == 130.0
    clock.advance(600)  # the device was off: that time is not the section's

    app = make_app(home, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        home_screen: Any = app.screen
        await wait_until(pilot, lambda: bool(home_screen.drafts), what="the draft listed")
        await pilot.press("enter")  # home opens on the drafts
        await wait_screen(pilot, "InterviewRunScreen")
        run = app.screen
        assert run.item.id == "years_area"
        assert run.query_one(SectionTimerView).timer.elapsed(clock()) == 130.0
        clock.advance(20)
        await pilot.press("ctrl+n", "ctrl+n")  # into the next section
        await wait_until(pilot, lambda: run.item.id == "last_visit", what="next section")
        await flush(app)
        await pilot.press("ctrl+q")
    [doc] = documents(home)
    assert [(e["section_id"], e["elapsed"]) for e in doc["events"]
            if e["type"] == "section"] == [("opening", 150.0)]


async def test_a_full_disk_holds_the_interview_and_its_wrapup(small_disk: SmallDisk) -> None:
    home = make_home(small_disk.path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        await flush(app)
        small_disk.fill()
        run.query_one(TextArea).insert(LONG)  # a long answer, as pasted
        await wait_until(pilot, lambda: isinstance(app.screen, NotSavedScreen),
                         what="the hold on the failed save")
        await pilot.press("ctrl+n")  # held: the interview does not move on
        assert isinstance(app.screen, NotSavedScreen) and run.item.id == "setting"
        assert run.answers["setting"]["value"] == LONG  # still in memory
        await pilot.press("ctrl+q")  # quitting would lose it: asked twice
        assert app.is_running and isinstance(app.screen, NotSavedScreen)
        assert any("not saved yet" in str(n.message) for n in app._notifications)
        small_disk.free()
        await pilot.press("r")
        await wait_until(pilot, lambda: app.screen is run, what="the hold lifted")
        await pilot.press("ctrl+f")
        await wait_screen(pilot, "WrapUpScreen")
        wrapup: Any = app.screen
        missing = wrapup.query_one("#wrapup-missing", Static)
        await wait_until(pilot, lambda: "Key points" in str(missing.render()), what="lists")
        small_disk.fill()
        wrapup.query_one("#reflections", TextArea).insert(LONG)
        burst(app, "ctrl+g", "ctrl+g")  # completes (again: required items are unanswered)
        await wait_until(pilot, lambda: isinstance(app.screen, NotSavedScreen),
                         what="the hold at completion")
        assert [m.status for m in list_sessions(home)] == ["draft"]
        assert not any("complete" in str(n.message) for n in app._notifications)
        assert app.screen_stack[-2] is wrapup
        small_disk.free()
        await pilot.press("r")
        await wait_screen(pilot, "HomeScreen")
        assert any("complete and saved" in str(n.message) for n in app._notifications)
    [doc] = documents(home)
    assert doc["status"] == "complete"
    assert doc["answers"]["setting"]["value"] == LONG and doc["reflections"] == LONG
