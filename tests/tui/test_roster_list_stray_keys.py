"""A letter that does nothing on a member list says, in one line, which keys work there
(it used to do nothing, silently): a d ⇧↑ ⇧↓ Enter on an open-ended list, ⇧↑ ⇧↓ Enter on a
counted one (where a adds nothing); a burst of stray letters says it once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.app_support import burst, make_app, make_home, wait_until
from tests.support.household_visits import to_members, to_visits


def said(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_stray_letter_on_the_visits_list_names_the_keys(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_visits(pilot)
        burst(app, "x", "y", "z")
        await wait_until(pilot, lambda: bool(said(app)), what="a notice")
        await pilot.pause(0.2)
        assert said(app) == ["x is no key here: a d ⇧↑ ⇧↓ Enter"]
        assert run.step.is_roster and run.walk.members("visits", "m1") == []


async def test_a_on_a_counted_list_names_its_keys(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_members(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: bool(said(app)), what="a notice")
        assert said(app) == ["a is no key here: ⇧↑ ⇧↓ Enter"]
        assert run.walk.members("members") == ["m1", "m2", "m3"]
