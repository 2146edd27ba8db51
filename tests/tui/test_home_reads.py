"""Home reads the sessions in a thread, and a thread cannot be stopped: a read begun
before a draft existed may post its lists after the read that followed. Only the latest
read's lists are shown (the drafts list once said "no drafts" beside current counts)."""

from __future__ import annotations

from pathlib import Path

from fieldtui.store.session_store import SessionStore
from fieldtui.tui.screens.session_reads import DraftsRead, SessionsListed
from tests.support.app_support import make_app, make_home, unlock, wait_until


async def test_a_read_that_arrives_late_does_not_hide_the_drafts(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = app.screen
        plan = next(p for p in app.device.plans() if p.method == "interview")
        SessionStore.create(app.device.home, plan=plan, device=app.device).close()
        stale = screen.reads  # the read begun on opening, before the draft existed
        await pilot.press("r")
        await wait_until(pilot, lambda: len(screen.drafts) == 1 and len(screen.infos) == 1,
                         what="the draft read")
        screen.post_message(SessionsListed(stale, [], ""))  # the older read, late
        screen.post_message(DraftsRead(stale, {}))
        await pilot.pause()
        await pilot.pause()
        assert len(screen.drafts) == 1 and len(screen.infos) == 1
        assert screen.drafts[0].session_id in screen.infos
