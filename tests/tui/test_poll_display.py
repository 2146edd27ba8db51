"""A poll may show text (a display item, an XLSForm note): it is shown with no options and
no number field, is not numbered among the items, takes no answer (digits and s do nothing),
Enter goes on and b comes back to it, and nothing is stored for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, stored_documents

PLAN = """[plan]
id = "poll-shown"
version = 1
title = "Buses"
method = "poll"
language = "en"
minutes = 2

[poll]
anonymous = true
min_cell = 5

[[section]]
id = "bus"
title = "Bus"
minutes = 2

[[section.item]]
id = "intro"
kind = "display"
prompt = "The next item is about the buses in your town."

[[section.item]]
id = "uses_bus"
kind = "choice"
prompt = "In the past seven days, did you take a bus?"
options = [{ value = "y", label = "Yes" }, { value = "n", label = "No" }]

[[section.item]]
id = "bye"
kind = "display"
prompt = "Thank you for your time."
relevant = "${uses_bus} = 'y'"
"""


def _text(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_poll_shows_text_and_stores_nothing_for_it(isolated_home: Path,
                                                           tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PLAN, encoding="utf-8")
    device = DeviceStub(isolated_home)
    app = HostApp(PollRunScreen(load_plan(tmp_path / "p.toml"), device))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        assert run.item.id == "intro"
        assert "buses in your town" in _text(app, "#prompt")
        assert "item 1 of" not in _text(app, "#top")
        assert _text(app, "#choices").strip() == ""
        assert run.query_one("#number", Input).disabled
        assert "Enter" in _text(app, "#help")
        await pilot.press("1", "s")  # nothing to answer
        await pilot.pause()
        assert run.item.id == "intro" and run.saved == {}
        assert not app._notifications
        await pilot.press("enter")
        await wait_until(pilot, lambda: run.item.id == "uses_bus", what="the question")
        assert "item 1 of 1" in _text(app, "#top")
        await pilot.press("b")
        await wait_until(pilot, lambda: run.item.id == "intro", what="back to the text")
        await pilot.press("enter")
        await wait_until(pilot, lambda: run.item.id == "uses_bus", what="the question again")
        await pilot.press("1")
        await wait_until(pilot, lambda: run.item is not None and run.item.id == "bye",
                         what="the thanks")
        await pilot.press("enter")
        await wait_until(pilot, lambda: run.item is None and not run.saving, what="thank-you, saved")
        await pilot.press("e")
        await app.settle()
        await pilot.pause()
    [doc] = stored_documents(device)
    assert {k: v["value"] for k, v in doc["answers"].items()} == {"uses_bus": "y"}
    assert doc["status"] == "complete"


def test_the_poll_prepare_counts_only_the_items_asked(isolated_home: Path,
                                                       tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(PLAN, encoding="utf-8")
    screen = PollPrepareScreen(load_plan(tmp_path / "p.toml"), DeviceStub(isolated_home),
                               findings=[])
    assert "1 item in 1 section," in screen._about()
