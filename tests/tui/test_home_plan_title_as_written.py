"""Home lists a plan by its title as written: a title from the kit with '[/]' ended the app
(Home's plan list read it as markup) and '[red]' coloured the rest of the row."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import OptionList

from fieldtui.core.plan.load import parse_plan
from fieldtui.tui.screens.plan_rows import plan_options
from tests.support.screen_text import screen_lines

PLAN = """[plan]
id = "p"
version = 1
title = "Bins [/] and [red]parks"
method = "interview"
language = "en"
minutes = 1
[[section]]
id = "s"
title = "S"
minutes = 1
[[section.item]]
id = "q"
kind = "open"
prompt = "What did you do yesterday?"
"""


class PlanList(App[None]):
    def compose(self) -> ComposeResult:
        plan = parse_plan(PLAN, "p.toml").plan
        assert plan is not None
        yield OptionList(*plan_options([plan]))


async def test_a_plan_title_with_markup_is_listed_as_written() -> None:
    app = PlanList()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        assert "▶ Bins [/] and [red]parks  (1 min, 1 item)" in "\n".join(screen_lines(app))
