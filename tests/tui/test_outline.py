"""The interview outline names items by a short form of their prompt, cut to its width."""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.app import App, ComposeResult

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.widgets.outline import Outline, short_prompt
from tests.support.app_support import ZH
from tests.support.paths import PLANS


def test_short_prompt_keeps_whole_words_and_wide_characters_fit() -> None:
    assert short_prompt("How many years have you lived here?", 40) == (
        "How many years have you lived here?")
    assert short_prompt("How many years have you lived here?", 16) == "How many years…"
    cut = short_prompt("您在这个地区住了多少年？", 9)
    assert cut == "您在这个…" and cell_len(cut) <= 9


class OutlineHost(App[None]):
    """The outline in a sidebar as narrow as the interview screen's."""

    def __init__(self, outline: Outline) -> None:
        super().__init__()
        self.outline = outline

    def compose(self) -> ComposeResult:
        """Just the outline, 23 cells wide."""
        self.outline.styles.width = 23
        yield self.outline


async def test_outline_lists_prompts_not_ids_and_fits() -> None:
    for path in (PLANS / "interview-library.toml", ZH):
        plan = load_plan(path)
        section = plan.sections[0]
        outline = Outline(plan)
        app = OutlineHost(outline)
        async with app.run_test(size=(80, 24)) as pilot:
            outline.show({}, section.id, section.items[0].id)
            await pilot.pause()
            lines = str(outline.render()).splitlines()
            for item in section.items:
                assert not any(line.endswith(f" {item.id}") or f" {item.id} " in line
                               for line in lines)
                first = item.prompt.split()[0][:2]
                assert any(first in line for line in lines), (item.prompt, lines)
            # Item lines (section titles wrap as before) fit the sidebar on one line each.
            assert all(cell_len(line) <= 23 for line in lines if line.startswith("  ")), lines
            key_lines = [line for line in lines if line.endswith("◆")]
            assert len(key_lines) == sum(i.key for i in section.items)


async def test_a_section_count_stays_beside_its_title() -> None:
    """'Summary and closing' with its count was one word too wide for the sidebar: the
    count wrapped to a row of its own ("0/4"). The title wraps before its last word, so
    the count stays with it; every row fits the sidebar."""
    plan = load_plan(PLANS / "household-survey.toml")
    closing = next(s for s in plan.sections if s.title == "Summary and closing")
    outline = Outline(plan)
    app = OutlineHost(outline)
    async with app.run_test(size=(80, 60)) as pilot:
        outline.show({}, closing.id, closing.items[0].id)
        await pilot.pause()
        rows = [outline.render_line(y).text.rstrip() for y in range(outline.size.height)]
        assert not any(re.fullmatch(r"\s*\d+/\d+", row) for row in rows), rows
        at = next(i for i, row in enumerate(rows) if "Summary and" in row)
        assert rows[at].startswith("● Summary and"), rows
        assert re.fullmatch(r"  closing \d+/\d+", rows[at + 1]), rows
        assert all(cell_len(row) <= 23 for row in rows), rows
