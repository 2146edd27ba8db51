"""The interview's preparation shows the plan's texts as written: a title, purpose or
consent text with '[/]' (a kit's, a workbook's) ended the app as the screen opened."""

from __future__ import annotations

import time
from pathlib import Path

from fieldtui.core.plan.load import parse_plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.interview.prepare import InterviewPrepareScreen
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.screen_text import screen_lines

PLAN = """[plan]
id = "hostile"
version = 1
title = "Homes [/] now"
method = "interview"
language = "en"
minutes = 3

[prepare]
purpose = "Learn [/] about homes"

[consent]
text = "We ask [red] you"
required = true

[[section]]
id = "main"
title = "Main"
minutes = 1

[[section.item]]
id = "why"
kind = "open"
prompt = "Why?"
"""


class Host(HostApp):
    CSS_PATH = FieldtuiApp.CSS_PATH
    clock = staticmethod(time.monotonic)


async def test_the_preparation_shows_the_plans_texts_as_written() -> None:
    plan = parse_plan(PLAN).plan
    assert plan is not None
    app = Host(InterviewPrepareScreen(plan, DeviceStub(Path("/nonexistent"))))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause(0.2)
        shown = "\n".join(screen_lines(app))
        assert "Homes [/] now  ·  about 3 min" in shown
        assert "Learn [/] about homes" in shown
        assert "We ask [red] you" in shown
