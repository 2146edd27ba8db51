"""The correction screen driven as a supervisor's correction is: a session with one answer
saved, its row opened with Enter, the reason for the change given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList, Static

from fieldtui.core.plan.load import load_plan
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.correction import CorrectionScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.sync_world import make_world


def answered_store(tmp_path: Path, home: Path, plan_path: Path, item: str, value: Any,
                   lang: str = "") -> tuple[FieldtuiApp, SessionStore, Any]:
    """The app, a new session of `plan_path` with `value` saved for `item`, and the plan."""
    plan = load_plan(plan_path)
    world = make_world(tmp_path, home, plans=[plan_path])
    store = SessionStore.create(world.home, plan=plan, device=world.device)
    store.save_answer(item, value, lang=lang)
    return FieldtuiApp(device=world.device), store, plan


async def open_row(app: FieldtuiApp, pilot: Any, store: SessionStore, plan: Any,
                   comment: str, item: str, dialog: str) -> str:
    """Open the correction screen, Enter on the item's row until `dialog` shows; the row's
    text (as it was before the Enter)."""
    await wait_screen(pilot, "HomeScreen")
    app.push_screen(CorrectionScreen(store, plan, comment, {}))
    await wait_screen(pilot, "CorrectionScreen")
    await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                     what="the items")
    items = app.screen.query_one("#correction-items", OptionList)
    row = str(items.get_option(f"item:{item}").prompt)
    items.highlighted = items.get_option_index(f"item:{item}")
    await pilot.press("enter")
    await wait_screen(pilot, dialog)
    return row


async def give_reason(app: FieldtuiApp, pilot: Any, reason: str) -> None:
    """Answer "Why did this answer change?" with `reason`, back on the correction screen."""
    await wait_until(pilot, lambda: "Why did" in str(
        app.screen.query_one(".dialog-title", Static).render()), what="the reason asked")
    app.screen.query_one(Input).value = reason
    await pilot.press("enter")
    await wait_screen(pilot, "CorrectionScreen")
