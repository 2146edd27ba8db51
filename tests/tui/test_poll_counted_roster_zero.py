"""The poll shares the walk: a roster whose count is answered 0 has no member list to stop
on, so the poll goes straight on to the next item (the keys typed for it land there); a
count of 2 lists the members."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp

PLAN = """
[plan]
id = "poll-children"
version = 1
title = "Children"
method = "poll"
language = "en"
minutes = 3

[poll]
anonymous = true
min_cell = 5

[[section]]
id = "home"
title = "Home"
minutes = 1

[[section.item]]
id = "kids"
kind = "number"
prompt = "How many children live here?"
min = 0
max = 10

[[section]]
id = "children"
title = "The children"
minutes = 1
repeat = true
repeat_count = "${kids}"

[[section.item]]
id = "age"
kind = "number"
prompt = "What age is this child?"
min = 0
max = 17

[[section]]
id = "travel"
title = "Travel"
minutes = 1

[[section.item]]
id = "bus"
kind = "choice"
prompt = "In the past seven days, did anyone in the household take a bus?"
options = [{ value = "y", label = "Yes" }, { value = "n", label = "No" }]
"""


def on(run: Any, item_id: str | None, member: str = "") -> bool:
    step = run.step
    return step is not None and step.item_id == item_id and step.member == member


async def test_a_count_of_zero_goes_straight_on(tmp_path: Path, isolated_home: Path) -> None:
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    app = HostApp(PollRunScreen(load_plan(tmp_path / "plan.toml"), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await wait_until(pilot, lambda: on(run, "kids"), what="the count")
        await pilot.press("0", "enter", "1")  # no children: on to the bus, Yes
        await wait_until(pilot, lambda: run.step is None and not run.saving,
                         what="the respondent saved")
        assert run.saved == {"kids": (0, False), "bus": ("y", False)}, run.saved
        await pilot.press("enter")  # the next respondent: two children are listed
        await wait_until(pilot, lambda: on(run, "kids"), what="the next count")
        await pilot.press("2", "enter")
        await wait_until(pilot, lambda: on(run, None), what="the member list")
        assert run.walk.members("children") == ["m1", "m2"]
