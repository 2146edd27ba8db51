"""An interview shows the plan's texts as written: a plan from a kit or a workbook with
'[/]' in a section title, a unit or a prompt ended the app as the interview opened (the
section line and the number entry's border read them as markup), as a note was begun on
the item (its title), as Ctrl+G listed the sections and as the wrap-up opened."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from tests.support.app_support import wait_until
from tests.support.fakes import FakeStore
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.screen_text import screen_lines

PLAN = """[plan]
id = "hostile"
version = 1
title = "Homes [/] now"
method = "interview"
language = "en"
minutes = 3

[[section]]
id = "main"
title = "Main [/] part"
minutes = 1

[[section.item]]
id = "rooms"
kind = "number"
prompt = "How many rooms [/] does this home have?"
unit = "rooms [red]"

[[section]]
id = "two"
title = "Second [/] part"
minutes = 1

[[section.item]]
id = "why"
kind = "open"
prompt = "Why [/]?"
"""


def hostile_plan() -> Plan:
    plan = parse_plan(PLAN).plan
    assert plan is not None
    return plan


class Host(HostApp):
    CSS_PATH = FieldtuiApp.CSS_PATH
    clock = staticmethod(time.monotonic)


async def test_the_interview_shows_the_plans_texts_as_written() -> None:
    plan = hostile_plan()
    run = InterviewRunScreen(plan, DeviceStub(Path("/nonexistent")),
                             FakeStore(plan, uuid.uuid4().hex))
    app = Host(run)

    def shown() -> str:
        return "\n".join(screen_lines(app))

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "Section 1/2: Main [/] part" in shown(),
                         what="the section line")
        assert "Number (rooms [red])" in shown()
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: "Note on: How many rooms [/] does" in shown(),
                         what="the note's title")
        await pilot.press("escape", "ctrl+g")
        await wait_until(pilot, lambda: "2. Second [/] part (1 min)" in shown(),
                         what="the sections")
        await pilot.press("escape", "ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: "Wrap-up: Homes [/] now" in shown(), what="wrap-up")
