"""Home follows a `fieldtui seal` run in another terminal: its counts changed only on `r`.
Now it looks again when the app regains focus and now and then while it is shown, reading
only when what the counts come from changed (home_watch.py), never under a dialog."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from fieldtui.core.plan.load import load_plan
from fieldtui.sealing.sealer import seal_all
from fieldtui.store.device import open_device
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens import home, home_watch
from tests.support.app_support import wait_screen, wait_until
from tests.support.sync_world import DEVICE_PASS, PLAN, World, complete_session, make_world

SIZE = (80, 24)


def counts(app: FieldtuiApp) -> str:
    return str(app.screen.query_one("#home-counts", Static).render())


def world_with_drafts(tmp_path: Path, home_dir: Path) -> World:
    """One complete session and two drafts."""
    world = make_world(tmp_path, home_dir)
    complete_session(world)
    for _ in range(2):
        SessionStore.create(world.home, plan=load_plan(PLAN), device=world.device).close()
    return world


async def seal_elsewhere(world: World) -> None:
    """`fieldtui seal` in another terminal: its own unlocked device, the store's API."""
    await asyncio.to_thread(lambda: seal_all(open_device(world.home).unlock(DEVICE_PASS)))


async def on_home(pilot: Pilot[Any]) -> Any:
    """Home, counted, the second draft highlighted in the focused drafts list."""
    app: Any = pilot.app
    await wait_screen(pilot, "HomeScreen")
    screen = app.screen
    await wait_until(pilot, lambda: "✓ 1 complete" in counts(app) and len(screen.infos) == 2,
                     what="home counted")
    drafts = screen.query_one("#drafts", OptionList)
    drafts.focus()
    drafts.highlighted = 1
    await pilot.pause()
    return screen


async def test_a_seal_elsewhere_shows_without_r(tmp_path: Path, isolated_home: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home_watch, "WATCH_SECONDS", 0.05)
    world = world_with_drafts(tmp_path, isolated_home)
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_home(pilot)
        chosen = screen.query_one("#drafts", OptionList).highlighted_option.id
        await seal_elsewhere(world)
        await wait_until(pilot, lambda: "▣ 1 sealed" in counts(app), timeout=10,
                         what="the sealed session counted")
        assert "✓ 0 complete" in counts(app)
        drafts = screen.query_one("#drafts", OptionList)
        assert screen.focused is drafts and drafts.highlighted_option.id == chosen


async def test_coming_back_to_the_app_looks_again(tmp_path: Path, isolated_home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home_watch, "WATCH_SECONDS", 3600)  # the timer plays no part here
    world = world_with_drafts(tmp_path, isolated_home)
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=SIZE) as pilot:
        await on_home(pilot)
        app.post_message(events.AppBlur())  # off to another terminal...
        await seal_elsewhere(world)
        app.post_message(events.AppFocus())  # ...and back (the terminal reports focus)
        await wait_until(pilot, lambda: "▣ 1 sealed" in counts(app), timeout=10,
                         what="the sealed session counted")


async def test_nothing_changed_nothing_read(tmp_path: Path, isolated_home: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home_watch, "WATCH_SECONDS", 0.01)
    looks: list[object] = []
    stamp = home.home_stamp
    monkeypatch.setattr(home, "home_stamp", lambda path: looks.append(path) or stamp(path))
    world = world_with_drafts(tmp_path, isolated_home)
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_home(pilot)
        reads, shown = screen.reads, counts(app)
        drafts = screen.query_one("#drafts", OptionList)
        since = len(looks)
        await wait_until(pilot, lambda: len(looks) >= since + 5, what="five looks")
        assert screen.reads == reads  # the drafts' stores read did not count as a change
        assert counts(app) == shown
        assert screen.focused is drafts and drafts.highlighted == 1


async def test_not_under_a_dialog(tmp_path: Path, isolated_home: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home_watch, "WATCH_SECONDS", 0.01)
    asked: list[bool] = []
    may_look = home_watch.may_look
    monkeypatch.setattr(home_watch, "may_look",
                        lambda screen: asked.append(False) or may_look(screen))
    world = world_with_drafts(tmp_path, isolated_home)
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_home(pilot)
        reads = screen.reads
        await pilot.press("x")  # the discard dialog, over Home
        await wait_screen(pilot, "DiscardDialog")
        await seal_elsewhere(world)
        since = len(asked)
        await wait_until(pilot, lambda: len(asked) >= since + 5, what="five ticks")
        assert screen.reads == reads
        await pilot.press("escape")  # back on Home: read again, as on any return
        await wait_until(pilot, lambda: "▣ 1 sealed" in counts(app), timeout=10,
                         what="the sealed session counted")
