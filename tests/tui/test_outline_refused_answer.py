"""An answer its constraint refuses is not done: the outline's count and the item's mark
agree with the ✗ under the entry (a refused visit date read "The visit 2/4" with the date counted)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.tui.widgets.outline import Outline
from tests.support.app_support import flush, make_app, make_home, wait_until
from tests.support.household_screens import household_run


def outline(run: Any) -> str:
    return " ".join(str(run.query_one(Outline).render()).split())


async def test_a_refused_date_is_marked_and_not_counted(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        await pilot.press(*"2026-01-15")  # a date in the past: it stands
        await wait_until(pilot, lambda: "The visit 1/4" in outline(run), what="counted")
        await pilot.press("ctrl+n", *"09:05", "ctrl+n")
        await wait_until(pilot, lambda: run.step.item_id == "region", what="the region")
        await pilot.press("ctrl+b", "ctrl+b")
        await wait_until(pilot, lambda: run.step.item_id == "visit_date", what="back")
        entry: Any = run.query_one(".answer-entry")
        entry.focus()
        await pilot.press("ctrl+u", *"2099-01-15")  # in the future: refused
        check = run.query_one("#item-check", Static)
        await wait_until(pilot, lambda: "cannot be in the future" in str(check.render()),
                         what="the refusal under the entry")
        await wait_until(pilot, lambda: "The visit 1/4" in outline(run),
                         what="the refused date not counted: " + outline(run))
        assert "✗ Date of the" in outline(run)
        run.show_outline()  # drawn in full, the same
        await pilot.pause()
        assert "The visit 1/4" in outline(run)
        assert "✗ Date of the" in outline(run)
        await pilot.press("ctrl+u", *"2026-01-16")  # fixed: counted again, ✓ once left
        await wait_until(pilot, lambda: "The visit 2/4" in outline(run), what="fixed")
        await flush(app)


async def test_a_first_answer_refused_is_marked_at_once(tmp_path: Path) -> None:
    """Nothing counted before nor after: the mark alone changes (· or ▸ to ✗)."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        await pilot.press(*"2099-01-15")
        check = run.query_one("#item-check", Static)
        await wait_until(pilot, lambda: "cannot be in the future" in str(check.render()),
                         what="the refusal under the entry")
        await wait_until(pilot, lambda: "✗ Date of the" in outline(run),
                         what="the ✗ in the outline: " + outline(run))
        assert "The visit 0/4" in outline(run)
        await flush(app)
