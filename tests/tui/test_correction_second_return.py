"""The interviewer's side of a second return, in the app: the supervisor rejected the
first correction and sent the session back again with a new comment; home says
"Returned: 1" again (it counted the first correction as the answer), Enter opens a new
correction of the session as merged with the new comment, and Ctrl+D completes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from fieldtui.core.clock import ManualClock
from fieldtui.core.respondent import new_code
from fieldtui.store.session_revise import correct_answer, start_revision
from fieldtui.store.sessions import list_sessions
from fieldtui.sync.returned import awaiting_correction, open_return
from fieldtui.sync.update_fetch import apply_raws
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_session import returned_session
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _sent_back_again(world: World) -> tuple[str, str]:
    """A session corrected on the device, the correction rejected, the session sent back
    again: (the session's id, its first correction's)."""
    chain = Chain(world)
    sid = returned_session(world, chain)
    device, study = world.device, world.device.study_id
    ret = open_return(world.home, device.identity, study, device.device_id, sid)
    assert ret.document is not None
    store = start_revision(device, ret.document, ret.seq)
    try:
        correct_answer(store, "travel", "by bike", "asked")
        store.mark_complete()
        first = str(store.session_id)
    finally:
        store.close()
    for status, comment, document in (("rejected", "", None),
                                      ("returned", "Ask again: bus or bike?", ret.document)):
        body: dict[str, Any] = {"session_id": sid, "device_id": device.device_id,
                                "status": status, "comment": comment, "items": {}}
        if document is not None:
            body["document"] = document
        apply_raws(device, [chain.next("return", body, to=device.device_id)])
    return sid, first


async def test_a_session_sent_back_again_opens_a_new_correction(world: World) -> None:
    sid, first = _sent_back_again(world)
    device, study = world.device, world.device.study_id
    app = FieldtuiApp(device=device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        counts = app.screen.query_one("#home-counts", Static)
        await wait_until(pilot, lambda: "Returned: 1" in str(counts.render()),
                         what="the returned count on home")
        assert "rejected" not in str(counts.render())
        drafts = app.screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count > 0 and drafts.get_option_at_index(
            0).id == f"returned:{sid}", what="the returned session listed")
        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        comment = app.screen.query_one("#correction-comment", Static)
        assert "Ask again: bus or bike?" in str(comment.render())
        items = app.screen.query_one("#correction-items", OptionList)
        assert str(items.get_option_at_index(0).prompt).startswith("travel: by bsu")
        await pilot.press("ctrl+d")
        await wait_screen(pilot, "HomeScreen")
        await wait_until(pilot, lambda: "Returned" not in str(counts.render()),
                         what="the returned count gone")
    assert awaiting_correction(world.home, study) == []
    corrections = [m.session_id for m in list_sessions(world.home)
                   if m.session_id not in (sid, first)]
    assert len(corrections) == 1, corrections


async def test_the_correction_screen_says_the_earlier_correction_was_rejected(
        world: World) -> None:
    """The second correction opened on the session as merged, the interviewer's earlier
    answers gone, with only the new comment on top: nothing said the earlier correction
    had been rejected. Now a line says so; a first return has no such line."""
    from fieldtui.sync.returned import correction_rejected

    sid, _first = _sent_back_again(world)
    device = world.device
    assert correction_rejected(world.home, device.study_id, sid)
    app = FieldtuiApp(device=device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        drafts = app.screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count > 0,
                         what="the returned session listed")
        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        again = app.screen.query_one("#correction-again", Static)
        assert "earlier correction was rejected" in str(again.render())
        # one line at 80 columns
        assert again.region.height == 1 and again.region.width <= 80, again.region


def test_a_first_return_says_nothing_of_a_rejection(world: World) -> None:
    from fieldtui.sync.returned import correction_rejected

    sid = returned_session(world, Chain(world))
    assert not correction_rejected(world.home, world.device.study_id, sid)
