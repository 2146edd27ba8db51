"""The concern dialog's fields take a burst of keys in the order typed (a fast typist, an
SSH link): Backspaces are not overtaken by the letters after them, and the keys typed after
Tab reach the field Tab moved to, not the one it left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Checkbox, Input, Static, TextArea

from tests.support.app_support import (
    burst,
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)


async def _dialog(pilot: Any) -> Any:
    await start_interview(pilot)
    await pilot.press("ctrl+r")
    await wait_screen(pilot, "ConcernDialog")
    return pilot.app.screen


async def test_backspaces_in_a_burst_act_in_order(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        due = dialog.query_one("#concern-due", Input)
        dialog.query_one("#concern-promise", Checkbox).value = True
        due.focus()
        await pilot.press(*"2030-01-01")
        await wait_until(pilot, lambda: due.value == "2030-01-01", what="typed")
        burst(app, *["backspace"] * 5, *"12-20")
        await wait_until(pilot, lambda: due.value == "2030-12-20", what="burst", timeout=5)


async def test_keys_after_tab_reach_the_next_field(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        text = dialog.query_one("#concern-text", Input)
        due = dialog.query_one("#concern-due", Input)
        dialog.query_one("#concern-promise", Checkbox).value = True
        # From the description, Tab leads through the category, urgency and both ticks to
        # the due date; with focus already on the promise tick one Tab is enough.
        burst(app, *"Bus", "tab")
        await wait_until(pilot, lambda: app.focused is not text, what="tab", timeout=5)
        assert text.value == "Bus"
        dialog.query_one("#concern-promise", Checkbox).focus()
        await pilot.pause()
        dialog.query_one("#concern-text", Input).focus()
        await pilot.pause()
        # Shift+Tab from the description goes back to the last field: the due date.
        burst(app, "shift+tab", *"2030-01-02")
        await wait_until(pilot, lambda: due.value == "2030-01-02", what="after shift+tab",
                         timeout=5)
        assert text.value == "Bus"


async def test_the_complaint_goes_once_the_field_is_filled(tmp_path: Path) -> None:
    """Ctrl+S with no description says so; typing one takes that line away (it stayed,
    saying "the concern has no description" beside the description typed)."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        problem = dialog.query_one("#concern-problem", Static)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "no description" in str(problem.render()),
                         what="complaint")
        await pilot.press(*"Bus")
        await wait_until(pilot, lambda: str(problem.render()) == "", what="cleared",
                         timeout=5)


async def test_a_whole_concern_typed_in_one_burst_with_ctrl_s_saves_what_was_typed(
        tmp_path: Path) -> None:
    """Description, Tab to the promise, Space, Tab, its date and Ctrl+S in one burst: the
    concern saved is the one typed. Ctrl+S (the dialog's priority key) ran as the app took
    it, before the Tabs behind the description had moved the focus: it waited for the
    description alone, saved "Bins" with no promise, and the date went into the answer
    under the dialog (each key there a second late)."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        run = app.screen_stack[-2]
        saved: list[Any] = []
        original = dialog.concern

        def kept() -> Any:
            concern = original()
            saved.append(concern)
            return concern

        dialog.concern = kept
        burst(app, *"Bins", "tab", "tab", "tab", "tab", "space", "tab", *"2030-01-02",
              "ctrl+s")
        await wait_until(pilot, lambda: app.screen is run, what="the dialog closed",
                         timeout=20)
        await pilot.pause()
        assert [(c.description, c.promise, c.due) for c in saved] == [
            ("Bins", True, "2030-01-02")]
        typed = [w.text for w in run.query(TextArea)] + [w.value for w in run.query(Input)]
        assert not any(typed), typed  # nothing meant for the dialog reached the answer


async def test_a_past_date_typed_in_a_burst_with_ctrl_s_is_said(tmp_path: Path) -> None:
    """A date typed with Ctrl+S right behind it in one burst: Ctrl+S refused the past date
    and said so, but the field's own 'changed' notices for the digits, which come after
    the keys, took that line away again as if a new date had been typed: nothing said why
    the dialog stayed open."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        problem = dialog.query_one("#concern-problem", Static)
        due = dialog.query_one("#concern-due", Input)
        dialog.query_one("#concern-text", Input).value = "Bins"
        dialog.query_one("#concern-promise", Checkbox).value = True
        due.focus()
        await wait_until(pilot, lambda: app.focused is due, what="the date")
        burst(app, *"2020-01-01", "ctrl+s")
        await wait_until(pilot, lambda: due.value == "2020-01-01", what="typed", timeout=5)
        for _ in range(5):
            await pilot.pause()
        assert "the due date has passed" in str(problem.render()), "the refusal was taken away"
        assert app.screen is dialog
