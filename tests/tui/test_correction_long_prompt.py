"""The correction screen shows each item's prompt whole at 80x24: a long prompt wraps
under its answer (it was cut at 72 characters, so the interviewer could not read what
was asked)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from fieldtui.core.plan.load import load_plan
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.screens.correction import CorrectionScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.screen_text import screen_lines

LONG = ("Thinking of the last twelve months, on how many days did anyone in this household go "
        "without a meal because there was not enough money for food, counting weekends too?")

PLAN = f"""
[plan]
id = "long-prompt"
version = 1
title = "Food"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "food"
title = "Food"
minutes = 5

[[section.item]]
id = "days"
kind = "number"
prompt = "{LONG}"

[[section.item]]
id = "remark"
kind = "open"
prompt = "Anything else?"
"""


async def test_a_long_prompt_is_shown_whole(tmp_path: Path, isolated_home: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text(PLAN, encoding="utf-8")
    plan = load_plan(path)
    store = SessionStore.create(isolated_home, plan=plan, device=DeviceStub(isolated_home))
    store.save_answer("days", 12)
    app = HostApp(CorrectionScreen(store, plan, "check the days", {"days": "really 12?"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        await pilot.pause()
        lines = screen_lines(app)
        inner = [line.strip(" ▊▎▏▔▁") for line in lines]  # the list's borders off
        shown = " ".join(" ".join(inner).split())
        assert LONG in shown, "\n".join(lines)
        assert "days: 12" in shown and "⚑ really 12?" in shown
        assert "Anything else?" in shown  # the next item still listed below it
        assert all(len(line) <= 80 for line in lines)
        items = app.screen.query_one("#correction-items", OptionList)
        assert items.option_count == 2
        store.close()
