"""A section of display items only (text shown, nothing to answer) is never "not yet" in
the interview's outline: once passed it reads done (✓), like a section whose items are all
answered; a roster with no member yet stays "not yet"."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import parse_plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from tests.support.app_support import wait_until
from tests.support.fakes import FakeStore
from tests.support.group_poll_support import DeviceStub, HostApp

PLAN = """[plan]
id = "intro-only"
version = 1
title = "Intro"
method = "interview"
language = "en"
minutes = 3

[[section]]
id = "intro"
title = "Intro"
minutes = 1

[[section.item]]
id = "hello"
kind = "display"
prompt = "This visit is about your home."

[[section]]
id = "main"
title = "Main"
minutes = 1

[[section.item]]
id = "rooms"
kind = "number"
prompt = "How many rooms does this home have?"

[[section]]
id = "people"
title = "People"
minutes = 1
repeat = true

[[section.item]]
id = "pname"
kind = "open"
prompt = "What is this person's name?"
"""


async def test_a_section_of_display_items_reads_done_once_passed() -> None:
    plan = parse_plan(PLAN).plan
    assert plan is not None

    class Host(HostApp):
        CSS_PATH = FieldtuiApp.CSS_PATH
        clock = staticmethod(time.monotonic)

    run = InterviewRunScreen(plan, DeviceStub(Path("/nonexistent")),
                             FakeStore(plan, uuid.uuid4().hex))
    app = Host(run)

    def outline() -> str:
        return str(app.screen.query_one("#outline").render())

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: run.step.item_id == "hello", what="the intro")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.step.item_id == "rooms", what="past the intro")
        await wait_until(pilot, lambda: "Main" in outline(), what="the outline")
        lines: Any = outline().splitlines()
        assert any(line.strip().startswith("✓ Intro") for line in lines), lines
        assert any(line.strip().startswith("○ People 0/0") for line in lines), lines
