"""The words typed right behind the interview key that opens a dialog (Ctrl+R concern,
Ctrl+O note), in one burst, are the dialog's: none of them reaches the answer entry under
it, nor is saved as (part of) the answer. Pinned (it held: these keys are priority
bindings, and Textual mounts the dialog before it takes the next key; the meeting's did
not hold, tests/tui/test_group_dialog_key_burst.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from tests.support.app_support import (
    burst,
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)


def _typed(dialog: Any) -> str:
    field = dialog.focused
    return field.value if isinstance(field, Input) else field.text if isinstance(
        field, TextArea) else ""


@pytest.mark.parametrize("item, answer, saved", [
    ("setting", "Hall", "Hall"),  # open text
    ("years_area", "4", 4),  # a number
])
@pytest.mark.parametrize("key, dialog", [
    ("ctrl+r", "ConcernDialog"),
    ("ctrl+o", "NoteDialog"),
])
async def test_words_behind_a_dialog_key_are_the_dialogs_not_the_answer(
        tmp_path: Path, item: str, answer: str, saved: Any, key: str, dialog: str) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        if item != run.step.item_id:
            await pilot.press("ctrl+n")
            await wait_until(pilot, lambda: run.step.item_id == item, what=item)
        burst(app, *answer, key, *"12 bus")
        await wait_screen(pilot, dialog, timeout=5)
        await wait_until(pilot, lambda: _typed(app.screen) == "12 bus",
                         what=f"the words in the dialog ({_typed(app.screen)!r})", timeout=5)
        await pilot.press("escape")
        await wait_screen(pilot, "InterviewRunScreen", timeout=5)
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"][item]["value"] == saved
