"""A poll response an older supervisor's fieldtui sent back for correction: home, at
80×24, says in one line that there is nothing to do, shows none of the respondent's
answers, counts no session as returned, and nothing on it opens the correction screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from fieldtui.core.clock import ManualClock
from fieldtui.core.respondent import new_code
from fieldtui.store.sessions import list_sessions
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_poll import WEEKLY, older_revision, poll_world, returned_poll
from tests.support.screen_text import cut_widgets, screen_lines
from tests.support.sync_world import World


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return poll_world(tmp_path, isolated_home)


async def test_a_returned_poll_shows_no_answer_and_does_not_open(world: World) -> None:
    sid = returned_poll(world, Chain(world))
    sessions = len(list_sessions(world.home))
    app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        # what is painted, not the widget's text: a loaded run read the screen before the
        # line reached it
        await wait_until(pilot, lambda: "nothing to do" in "\n".join(screen_lines(app)),
                         what="the returned poll noted on home")
        shown = "\n".join(screen_lines(app))
        assert "nothing to do" in shown and "Returned:" not in shown, shown
        assert WEEKLY not in shown and "Check the weekly" not in shown, shown
        assert not cut_widgets(app)
        drafts = app.screen.query_one("#drafts", OptionList)
        ids = [drafts.get_option_at_index(i).id for i in range(drafts.option_count)]
        assert not any(sid in str(i) for i in ids), ids
        drafts.focus()
        for index in range(drafts.option_count):
            drafts.highlighted = index
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ != "CorrectionScreen"
    assert len(list_sessions(world.home)) == sessions  # no revision copied the answers


async def test_a_poll_correction_an_older_fieldtui_started_does_not_open(
        world: World) -> None:
    """Its draft is listed (no answer on it); Enter says why it stays closed, in a
    message, instead of opening the correction screen with the answers."""
    sid = returned_poll(world, Chain(world))
    older_revision(world, sid)
    app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        drafts = app.screen.query_one("#drafts", OptionList)

        def ids() -> list[str]:
            return [str(drafts.get_option_at_index(i).id) for i in range(drafts.option_count)]

        await wait_until(pilot, lambda: any(i.startswith("draft:") for i in ids()),
                         what="the draft listed")
        await wait_until(pilot, lambda: "anonymous respondent" in "\n".join(
            screen_lines(app)), what="the draft's facts read")
        assert WEEKLY not in "\n".join(screen_lines(app))
        drafts.focus()
        drafts.highlighted = next(n for n, i in enumerate(ids()) if i.startswith("draft:"))
        await pilot.press("enter")
        await wait_screen(pilot, "MessageScreen")
        shown = "\n".join(screen_lines(app))
        assert "anonymous poll response" in shown and WEEKLY not in shown, shown
        assert not cut_widgets(app)
