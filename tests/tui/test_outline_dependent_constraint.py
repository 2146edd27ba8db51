"""A constraint that reads ANOTHER item's answer: when that answer changes, the outline's ✗
and count for the dependent item change with it, at once (they stayed as they were until the
next move redrew the outline)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.tui.widgets.outline import Outline
from tests.support.app_support import flush, make_app, wait_until
from tests.support.demo_template import demo_copy
from tests.support.household_logic_walk import at, start

PLAN = """
[plan]
id = "rooms-check"
version = 1
title = "Rooms"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "home"
title = "The home"
minutes = 5

[[section.item]]
id = "rooms"
kind = "number"
prompt = "How many rooms does the home have?"

[[section.item]]
id = "bedrooms"
kind = "number"
prompt = "How many of them are bedrooms?"
constraint = ". <= ${rooms}"
constraint_message = "No more bedrooms than rooms"

[[section.item]]
id = "remark"
kind = "open"
prompt = "Anything else about the home?"
"""


def outline(run: Any) -> str:
    return " ".join(str(run.query_one(Outline).render()).split())


def rooms_home(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "rooms.toml").write_text(PLAN, encoding="utf-8")
    return demo_copy(tmp_path / "demo", plans)


async def test_changing_the_answer_a_constraint_reads_redraws_the_dependent_mark(
        tmp_path: Path) -> None:
    app = make_app(rooms_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start(pilot)
        await pilot.press("4", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "bedrooms"), what="bedrooms")
        await pilot.press("3", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "remark"), what="the remark")
        await wait_until(pilot, lambda: "The home 2/3" in outline(run), what="both counted")
        await pilot.press("ctrl+b", "ctrl+b")
        await wait_until(pilot, lambda: at(run, "rooms"), what="back to rooms")
        entry: Any = run.query_one(".answer-entry")
        entry.focus()
        await pilot.press("ctrl+u", "2")  # now fewer rooms than bedrooms: bedrooms refused
        await flush(app)
        await wait_until(pilot, lambda: "✗ How many of them" in outline(run),
                         what="the bedrooms marked ✗: " + outline(run))
        assert "The home 1/3" in outline(run)
        await pilot.press("ctrl+u", "5")  # enough rooms again: bedrooms stands
        await flush(app)
        await wait_until(pilot, lambda: "✓ How many of them" in outline(run),
                         what="the bedrooms counted again: " + outline(run))
        assert "The home 2/3" in outline(run)
        assert str(run.query_one("#item-check", Static).render()).strip() == ""
        await flush(app)
