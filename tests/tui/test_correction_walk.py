"""The interviewer's side of a return, in the app: home says "Returned: 1", Enter opens
the session with the supervisor's comments beside the items (markup shown as typed), a
changed answer asks for its reason, Ctrl+D completes the correction; home then counts
it as done, and the revision records old value, new value, time and reason; the
supervisor's approval then shows on home."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from fieldtui.core.clock import ManualClock
from fieldtui.core.respondent import new_code
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from fieldtui.sync.returned import awaiting_correction
from fieldtui.sync.update_fetch import apply_raws
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_session import returned_session
from tests.support.screen_text import cut_widgets, screen_lines
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


async def test_correcting_a_returned_session_in_the_app(world: World) -> None:
    chain = Chain(world)
    sid = returned_session(world, chain)
    app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        counts = app.screen.query_one("#home-counts", Static)
        await wait_until(pilot, lambda: "Returned: 1" in str(counts.render()),
                         what="the returned count on home")
        drafts = app.screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count > 0 and drafts.get_option_at_index(
            0).id == f"returned:{sid}", what="the returned session listed")
        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        comment = app.screen.query_one("#correction-comment", Static)
        assert "[bold]Check[/bold] the travel answer" in str(comment.render())
        items = app.screen.query_one("#correction-items", OptionList)
        first = str(items.get_option_at_index(0).prompt)
        assert first.startswith("travel: by bsu") and "⚑ [red]typo?[/red]" in first
        shown = "\n".join(screen_lines(app))
        assert "Returned by your supervisor: [bold]Check[/bold]" in shown
        assert "Ctrl+D completes" in shown and not cut_widgets(app)
        items.highlighted = 0
        await pilot.press("enter")
        await wait_screen(pilot, "LineDialog")
        app.screen.query_one(Input).value = "by bus"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Why did" in str(
            app.screen.query_one(".dialog-title", Static).render()), what="the reason asked")
        app.screen.query_one(Input).value = "misheard, confirmed by phone"
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: str(app.screen.query_one(
            "#correction-items", OptionList).get_option_at_index(0).prompt).startswith(
            "travel: by bus"), what="the new answer listed")
        await pilot.press("ctrl+d")
        await wait_screen(pilot, "HomeScreen")
        await wait_until(pilot, lambda: "Returned" not in str(counts.render()),
                         what="the returned count gone")

    assert awaiting_correction(world.home, world.device.study_id) == []
    revision = next(m for m in list_sessions(world.home) if m.session_id != sid)
    store = SessionStore.open(revision.store_path, world.device.identity)
    try:
        doc = store.document()
    finally:
        store.close()
    assert doc["status"] == "complete" and doc["revision"]["revises"] == sid
    assert doc["answers"]["travel"]["value"] == "by bus"
    [change] = doc["changes"]
    assert (change["item_id"], change["old"], change["new"], change["reason"]) == (
        "travel", "by bsu", "by bus", "misheard, confirmed by phone") and change["at"]

    # the supervisor approves: home says so
    verdict = {"session_id": sid, "device_id": world.device.device_id, "status": "approved",
               "comment": "", "items": {}}
    apply_raws(world.device, [chain.next("return", verdict, to=world.device.device_id)])
    app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        counts = app.screen.query_one("#home-counts", Static)
        await wait_until(pilot, lambda: "approved 1" in str(counts.render()),
                         what="the verdict on home")
        assert "Returned" not in str(counts.render())
