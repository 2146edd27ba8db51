"""Enter on the skip dialog's empty reason line did nothing and said nothing: the dialog
stayed open with no word of why. It says now that a reason is typed first (or the list
is one Tab away); what is typed next is still the reason."""

from __future__ import annotations

from pathlib import Path

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


async def test_enter_on_an_empty_reason_says_to_type_one(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        first = run.step.item_id
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SkipDialog")
        dialog = app.screen

        def said() -> str:
            return " ".join(str(line.render()) for line in dialog.query(Static))

        await pilot.press("tab", "space", "enter")
        await wait_until(pilot, lambda: "Type the reason first" in said(), what="the hint",
                         timeout=5)
        assert app.screen is dialog
        await pilot.press(*"away", "enter")
        await wait_until(pilot, lambda: run.step.item_id != first, what="the next item")
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"][first]["skip_reason"] == "away"
