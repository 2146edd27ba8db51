"""Pilot walks of a household interview with questionnaire logic, checked against the store:
relevance and the outline's not-asked rows, answers kept aside and restored, a constraint
hold and its skip, a calculation stored, date and time entry, and a roster's member list
(add, reorder, remove with y/n) with the member caption."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.tui.widgets.member_list import MemberList
from fieldtui.tui.widgets.outline import Outline
from tests.support.app_support import (
    documents,
    flush,
    make_app,
    wait_screen,
    wait_until,
)
from tests.support.household_logic_walk import at, household_home, start


def text_of(run: Any, selector: str) -> str:
    return str(run.query_one(selector, Static).render())


def outline(run: Any) -> str:
    return str(run.query_one(Outline).render())


def messages(app: Any) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_conditions_constraint_calculation_date_and_time(tmp_path: Path) -> None:
    home = household_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start(pilot)
        await pilot.press(*"Ada", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "water"), what="water")
        assert "Ada's household" in text_of(run, "#item-text")  # piping
        assert "Piped into the home" in str(run.query_one(".answer-entry").render())
        # Not relevant yet: dimmed "not asked" in the outline, not among the steps.
        assert "– Where else" in outline(run)
        assert run.walk.find("water_other") is None
        await pilot.press("3", "enter")  # "Somewhere else" (stored as its value)
        await wait_until(pilot, lambda: at(run, "water_other"), what="now asked")
        await pilot.press(*"River", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "rooms"), what="rooms")
        # Change the earlier answer: the later one is kept aside, not lost.
        await pilot.press("ctrl+b", "ctrl+b")
        await wait_until(pilot, lambda: at(run, "water"), what="back to water")
        await pilot.press("1")
        await wait_until(pilot, lambda: "⋯ Where else" in outline(run), what="kept aside")
        # Ctrl+W: the outline, focused on the item not asked, says why in plain words.
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: "kept aside" in outline(run), what="why")
        shown = " ".join(outline(run).split())
        assert "› ⋯ Where else" in shown
        assert "asked only when Water = 'Somewhere else'; the answer was Piped into the" \
            in shown and "${" not in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: "kept aside" not in outline(run), what="back")
        assert run.focused is run.query_one(".answer-entry")
        await flush(app)
        [doc] = documents(home)
        assert doc["answers"]["water"]["value"] == "pipe"
        assert doc["answers"]["water_other"]["value"] == "River"  # kept, out of the data
        # Back to "Somewhere else": the answer given before returns.
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: at(run, "water_other"), what="restored")
        assert run.query_one(".answer-entry").text == "River"
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: at(run, "rooms"), what="rooms")
        # A constraint: its message under the entry, and the item holds.
        await pilot.press("1", "2")
        await wait_until(pilot, lambda: "at most 9 rooms" in text_of(run, "#item-check"),
                         what="constraint message")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: "at most 9 rooms" in messages(app), what="held")
        assert at(run, "rooms")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SkipDialog")
        await pilot.press("1")
        await wait_until(pilot, lambda: at(run, "visit_day"), what="skipped on")
        await flush(app)
        [doc] = documents(home)
        assert doc["answers"]["rooms"]["skipped"] is True
        assert doc["answers"]["crowded"]["value"] == "no"  # stored, never asked
        # Fixed later: the calculation is stored as an answer row.
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: at(run, "rooms"), what="back to rooms")
        await pilot.press("2", "enter")
        await wait_until(pilot, lambda: at(run, "visit_day"), what="date")
        await pilot.press(*"2026-02-30")
        entry = run.query_one(".answer-entry")
        await wait_until(pilot, lambda: "no such day" in entry.border_subtitle,
                         what="date check")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: "is not saved" in messages(app), what="date held")
        assert at(run, "visit_day")
        await pilot.press("backspace", "backspace", *"28", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "visit_time"), what="time")
        await pilot.press(*"9:05", "ctrl+n")
        await wait_until(pilot, lambda: at(run, None), what="the roster list")
        await flush(app)
    [doc] = documents(home)
    answers = doc["answers"]
    assert answers["rooms"]["value"] == 2 and answers["rooms"]["skipped"] is False
    assert answers["crowded"]["value"] == "yes"
    assert answers["visit_day"]["value"] == "2026-02-28"
    assert answers["visit_time"]["value"] == "09:05"
    assert doc["rosters"] == {"room_use": {"": ["m1", "m2"]}}  # sized by rooms = 2


async def test_a_roster_add_reorder_remove_and_the_caption(tmp_path: Path) -> None:
    home = household_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start(pilot)
        await run.go_to(run.walk.find_list("people"))
        await wait_until(pilot, lambda: bool(run.query(MemberList)), what="member list")
        assert "No members yet" in str(run.query_one(MemberList).render())
        await pilot.press("a")
        await wait_until(pilot, lambda: at(run, "name", "m1"), what="first member")
        assert "Member 1 of 1" in text_of(run, "#item-text")
        await pilot.press(*"Ana", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "age", "m1"), what="age")
        assert "How old is Ana?" in text_of(run, "#item-text")
        assert "Member 1 of 1: Ana" in text_of(run, "#item-text")
        await pilot.press(*"34", "enter")  # an adult: "school" is not asked
        await wait_until(pilot, lambda: run.step.again, what="add another?")
        await pilot.press("a")
        await wait_until(pilot, lambda: at(run, "name", "m2"), what="second member")
        await pilot.press(*"Ben", "ctrl+n", *"12", "enter")
        await wait_until(pilot, lambda: at(run, "school", "m2"), what="school")
        assert "Member 2 of 2: Ben" in text_of(run, "#item-text")
        await pilot.press("1", "enter")
        await wait_until(pilot, lambda: run.step.again, what="the list again")
        members = run.query_one(MemberList)
        assert "1. Ana" in str(members.render()) and "2. Ben" in str(members.render())
        await pilot.press("down", "shift+up")  # Ben first
        await wait_until(pilot, lambda: run.walk.members("people") == ["m2", "m1"],
                         what="reordered")
        await wait_until(pilot, lambda: "1. Ben" in str(run.query_one(MemberList).render()),
                         what="drawn again")
        await pilot.press("d")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("n")
        await wait_screen(pilot, "InterviewRunScreen")
        assert run.walk.members("people") == ["m2", "m1"]
        await pilot.press("d")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        await wait_until(pilot, lambda: run.walk.members("people") == ["m1"], what="removed")
        await wait_until(pilot, lambda: "Ben" not in str(run.query_one(MemberList).render()),
                         what="list redrawn")
        assert run.step.again  # still on the list after the last member
        await pilot.press("enter")  # on past the roster: the rooms, none without a count
        await wait_until(pilot, lambda: run.step.section == "room_use", what="next roster")
        assert "No entries yet" in str(run.query_one(MemberList).render())
        await flush(app)
    [doc] = documents(home)
    assert doc["rosters"] == {"people": {"": ["m1"]}}
    answers = doc["answers"]
    assert answers["name#m1"]["value"] == "Ana" and answers["name#m1"]["member"] == "m1"
    assert answers["age#m1"]["value"] == 34
    assert answers["name#m2"]["value"] == "Ben"  # a removed member's answers stay stored
    assert answers["school#m2"]["value"] == "Yes"
    moves = [(e["action"], e["member"]) for e in doc["events"] if e["type"] == "roster"]
    assert moves == [("add", "m1"), ("add", "m2"), ("up", "m2"), ("remove", "m2")]


async def test_outline_row_says_why_an_item_is_not_asked(tmp_path: Path) -> None:
    """With the outline focused, ↑/↓ walk its rows and w (or Enter) shows that item's reason
    in plain words under it, at 80x24; Enter there does not move the interview on."""
    app = make_app(household_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start(pilot)
        await pilot.press(*"Ada", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "water"), what="water")
        await pilot.press("shift+tab", "shift+tab")  # entry, prompt (it scrolls), outline
        await wait_until(pilot, lambda: run.focused is run.query_one(Outline), what="focus")
        assert "› ✓ What is the name" in outline(run)
        await pilot.press("down", "down", "w")
        await wait_until(pilot, lambda: "not asked" in outline(run), what="reason")
        shown = " ".join(outline(run).split())
        assert "› – Where else" in shown
        assert ("not asked: asked only when Water = 'Somewhere else'; Water is not answered "
                "yet") in shown
        assert all(len(line) <= 23 for line in outline(run).splitlines())
        await pilot.press("enter")  # hides it again; the interview stays on water
        await wait_until(pilot, lambda: "not asked" not in outline(run), what="hidden")
        await pilot.press("up", "enter")
        await wait_until(pilot, lambda: "asked now" in outline(run), what="asked row")
        assert at(run, "water")
        await pilot.press("escape")
        await wait_until(pilot, lambda: run.focused is run.query_one(".answer-entry"),
                         what="back to the entry")
        assert "›" not in outline(run) and app.screen is run
