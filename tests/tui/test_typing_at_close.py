"""Typing still waiting for a pause (the debounce) when the session closes is saved first,
never written to the closed session (the "not saved" hold) and never dropped.

The debounce is made an hour long here, so "within the debounce window" is certain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from fieldtui.tui.screens import wrapup
from fieldtui.tui.screens.interview import answer_flow
from tests.support.app_support import (
    burst,
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)


@pytest.fixture(autouse=True)
def long_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answer_flow, "DEBOUNCE", 3600.0)
    monkeypatch.setattr(wrapup, "DEBOUNCE", 3600.0)


async def test_typing_then_finish_and_complete_in_one_burst(tmp_path: Path) -> None:
    """A number typed then Ctrl+F, and reflections typed then Ctrl+G twice, each in one
    burst: the messages the entries send on the way arrive after the moves took their
    values; nothing is left waiting to be written once the session is complete."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        await pilot.press(*"Porch", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "years_area", what="the number item")
        burst(app, "1", "2", "ctrl+f")
        await wait_screen(pilot, "WrapUpScreen")
        done: Any = app.screen
        missing = done.query_one("#wrapup-missing", Static)
        await wait_until(pilot, lambda: "Required items" in str(missing.render()),
                         what="the wrap-up's check")
        burst(app, *"Calm", "ctrl+g", "ctrl+g")
        await wait_screen(pilot, "HomeScreen")
        await flush(app)
        await pilot.pause()
        assert app.writer.failure is None
        assert (run.pending, run.debounce) == ({}, None)  # nothing for the closed session
        assert (done.pending, done.debounce) == ({}, None)
    [doc] = documents(home)
    assert doc["status"] == "complete"
    assert doc["answers"]["years_area"]["value"] == 12
    assert doc["reflections"] == "Calm"


async def test_typing_waiting_for_a_pause_is_saved_when_the_app_quits(
        tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        await pilot.press(*"Porch")
        await wait_until(pilot, lambda: run.pending, what="the typing waiting for a pause")
        await pilot.press("ctrl+q")
    [doc] = documents(home)
    assert doc["answers"]["setting"]["value"] == "Porch"
