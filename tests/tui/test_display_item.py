"""An XLSForm note brought in ("Thank you for your time.") is text shown in the interview:
no Answer box, Enter or Ctrl+N moves on, the outline does not count it as to do, and
nothing is saved for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from fieldtui.commands.demo import ensure_demo
from fieldtui.core.plan.load import parse_plan
from fieldtui.tui.screens.correction import CorrectionScreen
from tests.support.app_support import documents, flush, make_app, unlock, wait_screen, wait_until
from tests.support.cli_main import run
from tests.support.xlsform_books import q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

THANKS = "Thank you for your time."


def _screen_text(app: Any) -> str:
    """Every text the screen shows (each visible Static and the widgets' border titles)."""
    parts = []
    for widget in app.screen.query("*"):
        if not widget.display or not all(a.display for a in widget.ancestors if
                                         hasattr(a, "display")):
            continue
        if isinstance(widget, Static):
            parts.append(str(widget.render()))
        parts.append(str(widget.border_title or ""))
    return "\n".join(parts)


def _outline(app: Any) -> str:
    return str(app.screen.query_one("#outline").render())


async def test_an_imported_note_shows_no_answer_box_and_is_not_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    survey = [q("begin group", "visit", "Visit"), q("text", "name", "What is your name?"),
              q("note", "thanks", THANKS), q("integer", "rooms", "How many rooms has your home?"),
              q("end group")]
    form = write_form(tmp_path / "visit.xlsx", survey)
    plans = tmp_path / "plans"
    plans.mkdir()
    code, out, err = run(["plan", "import", str(form), "-o", str(plans / "visit.toml")], capsys)
    assert code == 0, (out, err)
    home, _ = ensure_demo(tmp_path / "demo", plans_dir=plans)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("g")
        await wait_screen(pilot, "InterviewRunScreen")
        screen: Any = app.screen
        await wait_until(pilot, lambda: "What is your name?" in _screen_text(app),
                         what="the first item")
        assert "Answer (typed text" in _screen_text(app)
        await pilot.press(*"Ana", "ctrl+n")
        await wait_until(pilot, lambda: THANKS in _screen_text(app), what="the note")
        shown = _screen_text(app)
        assert "Answer" not in shown and "Q 2/" not in shown
        assert screen.entries.shown is None
        assert "Visit 1/2" in _outline(app)  # two items to answer, one done
        await pilot.press("ctrl+s", "5")  # nothing to skip, nothing to type
        await pilot.pause()
        assert app.screen is screen and screen.step.item_id == "thanks"
        await pilot.press("tab")  # to the outline, and Escape back to the item's text
        await wait_until(pilot, lambda: screen.focused is screen.query_one("#outline"),
                         what="the outline focused")
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.focused is screen.query_one("#item-scroll"),
                         what="back to the item")
        await pilot.press("enter")  # moves on, as on any item
        await wait_until(pilot, lambda: screen.step.item_id == "rooms", what="past the note")
        assert "Q 2/2" in _screen_text(app)
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: screen.step.item_id == "thanks", what="back to it")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: screen.step.item_id == "rooms", what="past it again")
        await pilot.press(*"3", "ctrl+n")
        await wait_screen(pilot, "WrapUpScreen")
        await flush(app)
    [doc] = documents(home)
    assert set(doc["answers"]) == {"name", "rooms"}


def test_the_correction_screen_does_not_list_a_display_item(tmp_path: Path) -> None:
    """A returned session's items to correct: a display item has no answer to change."""
    plan = parse_plan("""[plan]
id = "c"
version = 1
title = "C"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "s"
title = "S"
minutes = 5

[[section.item]]
id = "rooms"
kind = "number"
prompt = "How many rooms has your home?"

[[section.item]]
id = "bye"
kind = "display"
prompt = "Thank you for your time."
""").plan
    assert plan is not None

    class Store:
        def document(self) -> dict[str, Any]:
            return {"answers": {"rooms": {"value": 3}}}

    screen = CorrectionScreen(Store(), plan, "", {})  # type: ignore[arg-type]
    assert [o.id for o in screen._options()] == ["item:rooms"]
