"""A fast typist answers a children count of 0 and types on into the next person: no empty
member list stands in the way ("Their children · 0 members" used to wait for Enter and
swallow the next name), so every answer lands on its own item. Back from the next person
returns to the count; a jump to a roster nobody is in says why nothing is asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.app_support import burst, documents, flush, make_app, wait_until
from tests.support.household_logic_walk import at, household_home, start
from tests.support.paths import FIXTURES

PLAN = FIXTURES / "household_children.toml"


def children_home(tmp_path: Path) -> Path:
    """A device whose study has only the household-and-children plan."""
    return household_home(tmp_path, PLAN)


async def at_second_person(pilot: Any) -> Any:
    """Four people live here; Al (the first of the three others) has one child, Dee: the run
    screen on the second person's name."""
    run = await start(pilot)
    await wait_until(pilot, lambda: at(run, "size"), what="the size")
    await pilot.press("4", "ctrl+n")
    await wait_until(pilot, lambda: run.step.is_roster, what="the others' list")
    await pilot.press("ctrl+n")
    await wait_until(pilot, lambda: at(run, "oname", "m1"), what="Al's name")
    await pilot.press("A", "l", "ctrl+n")
    await wait_until(pilot, lambda: at(run, "kids", "m1"), what="Al's children")
    await pilot.press("1", "ctrl+n")
    await wait_until(pilot, lambda: run.step.is_roster, what="Al's children's list")
    await pilot.press("ctrl+n")
    await wait_until(pilot, lambda: at(run, "cname", "m1/v1"), what="Al's child's name")
    await pilot.press("D", "e", "e", "ctrl+n")
    await wait_until(pilot, lambda: at(run, "oname", "m2"), what="the second person")
    return run


async def test_typing_past_a_count_of_zero_lands_every_answer(tmp_path: Path) -> None:
    home = children_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_second_person(pilot)
        burst(app, "B", "o", "ctrl+n", "0", "ctrl+n", "C", "y", "ctrl+n", "1", "ctrl+n")
        await wait_until(pilot, lambda: run.step.is_roster and run.step.member == "m3",
                         what="Cy's children's list", timeout=10)
        await flush(app)
        assert run.walk.value("oname", "m2") == "Bo" and run.walk.value("kids", "m2") == 0
        assert run.walk.value("oname", "m3") == "Cy" and run.walk.value("kids", "m3") == 1
        assert run.walk.members("children", "m3") == ["v1"]
    [doc] = documents(home)
    answers = doc["answers"]
    assert answers["oname#m2"]["value"] == "Bo" and answers["kids#m2"]["value"] == 0
    assert answers["oname#m3"]["value"] == "Cy" and answers["kids#m3"]["value"] == 1
    assert doc["rosters"]["children"].get("m2", []) == []


async def test_back_from_the_next_person_returns_to_the_count(tmp_path: Path) -> None:
    home = children_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_second_person(pilot)
        await pilot.press("B", "o", "ctrl+n", "0", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "oname", "m3"), what=f"the third person {run.step}", timeout=5)
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: at(run, "kids", "m2"), what="Bo's count again")
        await pilot.press("backspace", "2", "ctrl+n")  # two children after all: listed
        await wait_until(pilot, lambda: run.step.is_roster and run.step.member == "m2",
                         what="Bo's children's list")
        assert run.walk.members("children", "m2") == ["v1", "v2"]


async def test_a_count_lowered_to_zero_asks_then_goes_past_the_list(tmp_path: Path) -> None:
    home = children_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_second_person(pilot)
        await pilot.press("B", "o", "ctrl+n", "1", "ctrl+n", "ctrl+n", "E", "d", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "oname", "m3"), what="the third person")
        await run.go_to(run.walk.find("kids", "m2"), check=False)
        await wait_until(pilot, lambda: at(run, "kids", "m2"), what="Bo's count again")
        await pilot.press("backspace", "0", "ctrl+n")  # Ed has an answer: asked first
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: at(run, "oname", "m3"), what="past Bo's empty list")
        assert run.walk.members("children", "m2") == []
        assert run.walk.value("cname", "m2/v1") == "Ed"  # kept aside, not lost
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: at(run, "kids", "m2"), what="back to Bo's count")


async def test_a_jump_to_a_roster_nobody_is_in_says_why(tmp_path: Path) -> None:
    home = children_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start(pilot)
        await wait_until(pilot, lambda: at(run, "size"), what="the size")
        await pilot.press("2", "ctrl+n", "ctrl+n", "A", "l", "ctrl+n", "0", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "thanks"), what="past Al's empty list")
        await run.land("children")
        await pilot.pause()
        said = " | ".join(str(n.message) for n in app._notifications)
        assert ("Their children: not asked (no members: the answer to “How many children "
                "does Al have?” is 0)") in said, said
        assert at(run, "thanks")
