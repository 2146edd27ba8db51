"""Going back over a skipped item keeps the skip: arriving on it and leaving it again,
nothing typed, is no answer (the empty text of an open item, the empty list of a multi)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)


@pytest.mark.parametrize("item_id", ["value", "purposes"])
async def test_back_over_a_skipped_item_keeps_its_skip(tmp_path: Path, item_id: str) -> None:
    """Skip an item, go back to it (Ctrl+B) and on again (Ctrl+N): still skipped, with its
    reason on the status line while there, and stored as skipped."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        while run.item.id != item_id:  # Ctrl+N past the items before it, unanswered
            here = run.item.id
            await pilot.press("ctrl+n")
            await wait_until(pilot, lambda: run.item.id != here, what="next")  # noqa: B023
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SkipDialog")
        await pilot.press("4")  # "Ran out of time", then on to the next item
        await wait_until(pilot, lambda: run.item.id != item_id, what="skip moves on")
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: run.item.id == item_id, what="back")
        status = run.query_one("#item-status", Static)
        await wait_until(pilot, lambda: "skipped" in str(status.render()), what="status")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id != item_id, what="on again")
        await flush(app)
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: run.item.id == item_id, what="back again")
        assert "skipped" in str(status.render())
        await flush(app)
    [doc] = documents(home)
    answer = doc["answers"][item_id]
    assert answer["skipped"] is True
    assert answer["skip_reason"] == "Ran out of time"
