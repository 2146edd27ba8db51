"""A fast typist (or a laggy SSH link) types through a nested roster's list in one burst:
Ana's clinic visits count, `a` for her visit, its clinic and reason, Enter past the list,
then the next member's name and age. Every key acts in the order typed: the `a` typed
right after the move onto the list adds the visit (it used to be lost, its letters with
it, and the words meant for later items landed one item early: "Member 2 of 3: 12")."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_support import burst, documents, flush, make_app, make_home, wait_until
from tests.support.household_visits import to_count, to_visits


async def test_a_burst_through_the_visits_list_lands_every_key(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_count(pilot)
        burst(app, "1", "ctrl+n", "a", *"Riverside", "ctrl+n", *"Check-up", "ctrl+n",
              "enter", *"Tomas", "ctrl+n", *"12", "ctrl+n")
        await wait_until(pilot, lambda: run.step.member == "m2"
                         and run.step.item_id not in (None, "name", "age"),
                         what="past Tomas's age", timeout=15)
        await flush(app)
        assert run.walk.members("visits", "m1") == ["v1"]
        assert run.walk.value("clinic", "m1/v1") == "Riverside"
        assert run.walk.value("visit_reason", "m1/v1") == "Check-up"
        assert run.walk.value("name", "m2") == "Tomas"
        assert run.walk.value("age", "m2") == 12
    [doc] = documents(home)
    assert doc["answers"]["name#m2"]["value"] == "Tomas"


async def test_keys_typed_behind_enter_on_the_list_reach_the_next_member(
        tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_visits(pilot)
        burst(app, "a", *"Riverside", "ctrl+n", "ctrl+n", "enter", *"Tomas", "ctrl+n",
              *"12", "ctrl+n")
        await wait_until(pilot, lambda: run.step.member == "m2"
                         and run.step.item_id not in (None, "name", "age"),
                         what="past Tomas's age", timeout=15)
        assert run.walk.members("visits", "m1") == ["v1"]
        assert run.walk.value("name", "m2") == "Tomas" and run.walk.value("age", "m2") == 12


async def test_a_removal_typed_after_a_cursor_move_removes_that_one(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_visits(pilot)
        burst(app, "a", *"North", "ctrl+n", "ctrl+n", "a", *"South", "ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: run.step.is_roster and run.step.again
                         and len(run.walk.members("visits", "m1")) == 2, what="two visits",
                         timeout=15)
        burst(app, "up", "d", "y", "enter")
        await wait_until(pilot, lambda: run.step.item_id == "name" and run.step.member == "m2",
                         what="the next member", timeout=15)
        assert run.walk.members("visits", "m1") == ["v2"]
        assert run.walk.value("clinic", "m1/v2") == "South"
