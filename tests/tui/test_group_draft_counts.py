"""Home's row of a paused meeting says how far it went: its turns and quotes. It said "no
answer yet" after a dozen turns and three quotes (a meeting's turns are no answers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from fieldtui.core import i18n
from fieldtui.store.device import open_device
from fieldtui.store.session_peek import draft_info
from fieldtui.store.session_store import SessionStore
from tests.support.app_support import PASSPHRASE, make_app, make_home, unlock, wait_until


def paused_meeting(home: Path, turns: int, quotes: int) -> str:
    device = open_device(home).unlock(PASSPHRASE.encode())
    plan = next(p for p in device.plans() if p.method == "group")
    store = SessionStore.create(home, plan=plan, device=device)
    store.set_participants([{"id": f"P{n}", "label": f"L{n}", "attributes": {},
                             "informed": False} for n in (1, 2, 3)])
    for n in range(turns):
        store.append_event("turn", participant=f"P{n % 3 + 1}", since=10.0 * n, duration=9.0)
    for n in range(quotes):
        store.append_event("quote", participant="P1", text=f"words {n}", may_quote=True)
    store.set_field("position", {"section_id": plan.sections[1].id, "paused": "Esc",
                                 "turn": {"participant": "P2", "since": 200.0}})
    store.close()
    return store.session_id


def row_text(app: Any, session_id: str) -> str:
    drafts = app.screen.query_one("#drafts", OptionList)
    return str(drafts.get_option(f"draft:{session_id}").prompt)


async def home_row(tmp_path: Path, turns: int, quotes: int) -> str:
    home = make_home(tmp_path)
    session_id = paused_meeting(home, turns, quotes)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        await wait_until(pilot, lambda: len(screen.infos) == 1, what="the draft read")
        return row_text(app, session_id)


async def test_a_paused_meetings_row_counts_its_turns_and_quotes(tmp_path: Path) -> None:
    row = await home_row(tmp_path, 11, 3)  # and the turn running when it was paused
    assert "12 turns, 3 quotes" in row, row
    assert "no answer yet" not in row


async def test_one_turn_and_no_quote(tmp_path: Path) -> None:
    row = await home_row(tmp_path, 0, 0)
    assert "1 turn, 0 quotes" in row, row


def test_the_counts_in_chinese() -> None:
    from types import SimpleNamespace

    from fieldtui.tui.screens.draft_rows import draft_summary

    info = draft_info({"participants": [{}], "events": [{"type": "turn"}] * 2 + [
        {"type": "quote"}]})
    i18n.set_language("zh")
    try:
        text = draft_summary(SimpleNamespace(method="group", plan_id="p"), None, info)
    finally:
        i18n.set_language("en")
    assert "2" in text and "turn" not in text and "quote" not in text, text
