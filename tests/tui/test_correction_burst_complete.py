"""A whole correction typed in one burst, from the Enter that opens the row to the Ctrl+D
that completes it (Enter, Ctrl+U, the new answer, Enter, the reason, Enter, Ctrl+D): the
app stopped on "this session is closed" (an Enter's selection handled after Ctrl+D had
completed and closed the correction)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from fieldtui.tui.screens.correction import CorrectionScreen
from tests.support.app_support import burst, wait_screen, wait_until
from tests.support.correction_pilot import answered_store
from tests.support.sync_world import PLAN


async def _typed_in_one_burst(tmp_path: Path, isolated_home: Path, item_id: str,
                              answer: str, *keys: str) -> tuple[Any, bool, dict[str, Any]]:
    """The correction of `item_id` (answered `answer`) opened and `keys` typed in one
    burst from the row: the app, whether it still ran at Home, the session saved."""
    app, store, plan = answered_store(tmp_path, isolated_home, PLAN, item_id, answer)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(CorrectionScreen(store, plan, "ask again", {}))
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        items = app.screen.query_one("#correction-items", OptionList)
        items.highlighted = items.get_option_index(f"item:{item_id}")
        burst(app, *keys)
        await wait_screen(pilot, "HomeScreen")
        for _ in range(20):
            await pilot.pause()
        running = app.is_running and app.return_code is None
    assert app.device is not None
    [meta] = list_sessions(app.device.home)
    saved = SessionStore.open(meta.store_path, app.device.identity)
    try:
        document: dict[str, Any] = saved.document()
    finally:
        saved.close()
    return app, running, document


async def test_a_correction_typed_and_completed_in_one_burst(
        tmp_path: Path, isolated_home: Path) -> None:
    app, running, document = await _typed_in_one_burst(
        tmp_path, isolated_home, "travel", "by bsu",
        "enter", "ctrl+u", *"by bus", "enter", *"asked again", "enter", "ctrl+d")
    assert running
    assert app._exception is None, app._exception
    # the answer typed behind the Enter (saved only with a reason), completed
    assert document["status"] == "complete"
    assert document["answers"]["travel"]["value"] == "by bus", document["answers"]


async def test_a_choice_corrected_and_completed_in_one_burst(
        tmp_path: Path, isolated_home: Path) -> None:
    app, _running, document = await _typed_in_one_burst(
        tmp_path, isolated_home, "visits", "None",
        "enter", "down", "enter", *"misheard", "enter", "ctrl+d")
    assert app._exception is None, app._exception
    assert document["status"] == "complete"
    assert document["answers"]["visits"]["value"] == "1 to 2 times", document["answers"]
