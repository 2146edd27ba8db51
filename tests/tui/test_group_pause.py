"""A meeting closed on purpose is paused, not cut off: its log says so when it resumes
(a kill still reads "cut off by a restart")."""

from __future__ import annotations

from pathlib import Path

from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.navigation import save_typing
from tests.support.app_support import flush, wait_until
from tests.support.group_poll_support import (
    ClockedStore,
    DeviceStub,
    FakeClock,
    HostApp,
    group_plan,
    people,
)


def log(app: HostApp) -> str:
    return str(app.screen.query_one("#log").render())


async def test_a_meeting_closed_with_ctrl_q_resumes_as_paused(isolated_home: Path,
                                                              clock: FakeClock) -> None:
    plan, store = group_plan(), ClockedStore(people(3), clock)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await flush(app)
        clock.advance(8)
        save_typing(app, store)  # as the app's Ctrl+Q does, before it closes the store
        await flush(app)
        await app.settle()
    clock.advance(60)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        said = log(app)
        assert "paused — closed with Ctrl+Q" in said and "cut off" not in said
        await pilot.press("3")  # the meeting goes on: a later kill is not a pause
        await flush(app)
        await app.settle()
    assert "paused" not in store.doc["position"]
    turns = [e for e in store.doc["events"] if e["type"] == "turn"]
    assert [(t["participant"], t["duration"], t.get("paused"), t.get("interrupted"))
            for t in turns] == [("P2", 8.0, True, None)]


async def test_esc_asks_then_pauses_the_meeting_and_goes_home(isolated_home: Path,
                                                              clock: FakeClock) -> None:
    """Esc went nowhere on the meeting screen (every other screen goes back with it): now
    the footer says esc Pause; n keeps the meeting, y checkpoints it as paused and goes
    home, and the resume says it was paused with Esc."""
    from textual.widgets._footer import FooterKey

    from fieldtui.tui.screens.group.confirm import ConfirmDialog

    plan, store = group_plan(), ClockedStore(people(3), clock)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        run = app.screen
        # the footer composes its keys after the first paint
        await wait_until(pilot, lambda: any(k.key == "escape" for k in run.query(FooterKey)),
                         what="the footer's keys")
        keys = {key.key: key.description for key in run.query(FooterKey)}
        assert keys.get("escape") == "Pause"
        await pilot.press("2")
        await flush(app)
        clock.advance(8)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # not now: the meeting goes on, nothing lost
        assert app.screen is run
        assert "paused" not in store.doc["position"]
        clock.advance(4)
        await pilot.press("escape", "y")
        await flush(app)
        await pilot.pause()
        assert app.screen is not run and run not in app.screen_stack
        await app.settle()
    assert store.doc["position"]["paused"] == "Esc"
    assert store.doc["position"]["turn"]["duration"] == 12.0
    clock.advance(60)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Bea's turn was paused — closed with Esc: 0:12 kept" in log(app)
        await app.settle()


async def test_esc_in_the_app_leaves_the_meeting_a_draft_on_home(tmp_path: Path) -> None:
    """In the app: Esc, y: home, the store closed (its lock let go), the position saved
    as paused with Esc, and the draft on home's list to resume."""
    from typing import Any

    from fieldtui.core.canonical import sha256_hex
    from fieldtui.store.session_store import SessionStore
    from tests.support.app_support import (
        documents,
        make_app,
        make_home,
        unlock,
        wait_screen,
        wait_until,
    )

    home = make_home(tmp_path)
    app: Any = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        plan = next(p for p in app.device.plans() if p.method == "group")
        store = SessionStore.create(app.device.home, plan=plan, device=app.device)
        store.set_participants(people(3))
        for person in ("P1", "P2", "P3"):
            store.record_consent(person, True, sha256_hex(plan.consent_text.encode()))
        app.open_sessions.append(store)
        app.push_screen(GroupRunScreen(plan, app.device, store))
        await wait_screen(pilot, "GroupRunScreen")
        await pilot.press("2", "escape")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        await wait_screen(pilot, "HomeScreen")
        await wait_until(pilot, lambda: store not in app.open_sessions, what="closed")
        await flush(app)
    [doc] = documents(home)
    assert doc["status"] == "draft"
    assert doc["position"]["paused"] == "Esc"
    assert doc["position"]["turn"]["participant"] == "P2"
