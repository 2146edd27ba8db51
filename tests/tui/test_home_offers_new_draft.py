"""A meeting paused with Esc ("resume it from Home") comes back to Home with its draft
highlighted in the focused drafts list, so that Enter resumes it. The focus stayed on the
plans list, on the plan the meeting was started from: Enter there prepared a second,
empty meeting with a new group code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from fieldtui.core.canonical import sha256_hex
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import make_app, make_home, unlock, wait_screen, wait_until
from tests.support.group_poll_support import people


async def test_a_paused_meeting_is_offered_on_home_and_enter_resumes_it(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app: Any = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        plans = screen.query_one("#plans", OptionList)
        drafts = screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: screen.drafts_offered and screen.focused is plans,
                         what="home listed, on the plans")
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
        await wait_until(pilot, lambda: len(screen.drafts) == 1, what="the draft listed")
        await wait_until(pilot, lambda: screen.focused is drafts, what="the drafts focused")
        option = drafts.highlighted_option
        assert option is not None and option.id == f"draft:{store.session_id}"
        await pilot.press("enter")
        await wait_screen(pilot, "GroupRunScreen")
