"""A read-only item's box says it is filled in beforehand. The household survey's
interviewer code (read_only, default "demo") stood in a box titled "Answer (typed text is
saved as you go)" that took no typing: a field walk typed into it, nothing happened and
nothing said why. The next item's box has its own title again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import TextArea

from fieldtui.commands.demo import ensure_demo
from tests.support.app_support import make_app, unlock, wait_screen, wait_until

PLAN = """[plan]
id = "codes"
version = 1
title = "Codes"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "s"
title = "S"
minutes = 5

[[section.item]]
id = "interviewer_id"
kind = "open"
prompt = "Interviewer code."
default = "demo"
read_only = true

[[section.item]]
id = "remark"
kind = "open"
prompt = "Anything else?"
"""


async def test_a_read_only_box_says_so_and_the_next_box_is_an_answer(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "codes.toml").write_text(PLAN, encoding="utf-8")
    home, _ = ensure_demo(tmp_path / "demo", plans_dir=plans)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("g")
        await wait_screen(pilot, "InterviewRunScreen")
        run: Any = app.screen
        await wait_until(pilot, lambda: run.item is not None
                         and run.item.id == "interviewer_id"
                         and bool(run.query(TextArea)), what="the code")
        box = run.query_one(TextArea)
        assert box.border_title == "Filled in beforehand: it cannot be changed"
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "remark", what="the remark")
        assert run.query_one(TextArea).border_title == "Answer (typed text is saved as you go)"
