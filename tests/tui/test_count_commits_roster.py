"""A roster sized by a count ("How many people live here?") follows the committed answer:
not each key typed (12 -> 13 passes through 1; emptying passes through nothing), not an
answer its check refuses, and a lower count that would take out members holding answers
asks first, naming them; n or Escape keeps them and the count as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from tests.support.app_support import documents, flush, make_app, make_home, wait_until
from tests.support.household_logic_walk import at, household_home, start
from tests.support.household_screens import at_household_size


def size_entry(run: Any) -> Input:
    entry = run.entries.shown
    assert isinstance(entry, Input) and entry.item.id in ("household_size", "rooms")
    return entry


async def count_of(pilot: Any, run: Any, n: int) -> None:
    """Type `n` into the household size and move on to the member list."""
    size_entry(run).value = ""
    await pilot.press(*str(n), "ctrl+n")
    await wait_until(pilot, lambda: run.step.is_roster, what="the member list")
    await wait_until(pilot, lambda: len(run.walk.members("members")) == n, what=f"{n} members")


async def name_member(pilot: Any, run: Any, member: str, name: str) -> None:
    """Stand on a member's name and type it (moved there directly, as other tests do)."""
    await run.go_to(run.walk.find("name", member))
    await wait_until(pilot, lambda: at(run, "name", member), what=f"{member}'s name")
    await pilot.press(*name, "ctrl+n")
    await wait_until(pilot, lambda: run.walk.value("name", member) == name, what=name)


async def back_to_size(pilot: Any, run: Any) -> None:
    await run.go_to(run.walk.find("household_size"), check=False)
    await wait_until(pilot, lambda: at(run, "household_size"), what="the size again")


async def test_the_roster_keeps_its_members_while_the_count_is_typed(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await count_of(pilot, run, 12)
        await name_member(pilot, run, "m2", "Bo")
        await back_to_size(pilot, run)
        entry = size_entry(run)
        await pilot.press("end", *["backspace"] * 2)  # emptied on the way to 13
        await pilot.pause(0.5)  # past the typing pause: what the entry holds is saved
        await pilot.press("1")
        await wait_until(pilot, lambda: run.walk.value("household_size") == 1, what="1 saved")
        await pilot.pause(0.5)
        assert len(run.walk.members("members")) == 12  # not 1: the typing is not done
        assert len(app.screen_stack) and type(app.screen).__name__ == "InterviewRunScreen"
        await pilot.press("3")
        await wait_until(pilot, lambda: run.walk.value("household_size") == 13, what="13")
        assert len(run.walk.members("members")) == 12
        await pilot.press("ctrl+n")  # committed: 13 members, Bo and her answer still there
        await wait_until(pilot, lambda: len(run.walk.members("members")) == 13,
                         what="13 members")
        assert entry.item.id == "household_size"
        assert run.walk.value("name", "m2") == "Bo" and "m2" in run.walk.members("members")
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["household_size"]["value"] == 13
    assert len(doc["rosters"]["members"][""]) == 13


async def test_a_lower_count_asks_before_it_takes_out_members_with_answers(
        tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await count_of(pilot, run, 6)
        await name_member(pilot, run, "m5", "Eve")
        await name_member(pilot, run, "m6", "Fay")
        await back_to_size(pilot, run)
        size_entry(run).value = ""
        await pilot.press("4", "ctrl+n")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question")
        said = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Take 2 members out of the roster?" in said
        assert "Eve, Fay" in said and "2 answers" in said and "back to 6" in said, said
        assert len(run.walk.members("members")) == 6  # nothing taken out yet
        await pilot.press("escape")  # keeps them: the count is 6 again
        await wait_until(pilot, lambda: run.walk.value("household_size") == 6, what="6 again")
        assert at(run, "household_size") and size_entry(run).value == "6"
        assert run.walk.members("members")[4:] == ["m5", "m6"]
        await flush(app)
        [doc] = documents(home)
        assert doc["answers"]["household_size"]["value"] == 6
        assert doc["rosters"]["members"][""][4:] == ["m5", "m6"]
        size_entry(run).value = ""
        await pilot.press("4", "ctrl+n")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question again")
        await pilot.press("y")  # said yes: taken out (their answers kept aside)
        await wait_until(pilot, lambda: len(run.walk.members("members")) == 4,
                         what="4 members")
        assert run.walk.value("name", "m5") == "Eve"  # kept aside, not deleted
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["household_size"]["value"] == 4
    assert doc["rosters"]["members"][""] == ["m1", "m2", "m3", "m4"]


async def test_a_count_its_check_refuses_never_sizes_the_roster(tmp_path: Path) -> None:
    app = make_app(household_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start(pilot)
        await pilot.press(*"Ada", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "water"), what="water")
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: at(run, "water_other"), what="where else")
        await pilot.press(*"River", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "rooms"), what="rooms")
        await pilot.press("2", "ctrl+n")
        await wait_until(pilot, lambda: len(run.walk.members("room_use")) == 2, what="2 rooms")
        await run.go_to(run.walk.find("rooms"), check=False)
        await wait_until(pilot, lambda: at(run, "rooms"), what="rooms again")
        size_entry(run).value = ""
        await pilot.press(*"25")  # in the entry's 1-30, refused by "at most 9 rooms"
        await wait_until(pilot, lambda: run.walk.value("rooms") == 25, what="25 saved")
        await pilot.press("ctrl+n")  # held by the check
        await pilot.press("ctrl+b")  # and back: the count is left, still refused
        await pilot.pause(0.3)
        assert len(run.walk.members("room_use")) == 2


async def test_skipping_the_count_asks_before_members_with_answers_go(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await count_of(pilot, run, 3)
        await name_member(pilot, run, "m1", "Ann")
        await back_to_size(pilot, run)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "SkipDialog",
                         what="the reasons")
        await pilot.press("1")  # skipped: no count, so no member, once said yes
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question")
        said = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Take 1 member out of the roster?" in said and "Ann" in said, said
        assert len(run.walk.members("members")) == 3
        await pilot.press("n")
        await wait_until(pilot, lambda: run.walk.value("household_size") == 3, what="3 again")
        assert not run.walk.row("household_size")["skipped"]
        assert len(run.walk.members("members")) == 3


async def test_quitting_while_a_lower_count_is_typed_keeps_the_members(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await count_of(pilot, run, 3)
        await name_member(pilot, run, "m3", "Cy")
        await back_to_size(pilot, run)
        size_entry(run).value = ""
        await pilot.press("2")
        await wait_until(pilot, lambda: run.walk.value("household_size") == 2, what="2 saved")
        await flush(app)
        await pilot.press("ctrl+q")
    [doc] = documents(home)
    assert doc["answers"]["household_size"]["value"] == 3
    assert doc["rosters"]["members"][""] == ["m1", "m2", "m3"]


async def test_yes_makes_the_move_the_interviewer_asked_for(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await count_of(pilot, run, 4)
        await name_member(pilot, run, "m4", "Dee")
        await back_to_size(pilot, run)
        size_entry(run).value = ""
        await pilot.press("3", "ctrl+n")  # Next: asked first, then on to the member list
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: run.step.is_roster, what="moved on to the member list")
        assert run.walk.members("members") == ["m1", "m2", "m3"]
        await back_to_size(pilot, run)
        await count_of(pilot, run, 4)  # m4 back, Dee with it
        await back_to_size(pilot, run)
        size_entry(run).value = ""
        await pilot.press("3", "ctrl+b")  # Back: asked, then the step before the count
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question again")
        await pilot.press("y")
        await wait_until(pilot, lambda: run.index == run.walk.find("household_size") - 1,
                         what="the step before the count")
