"""F1 names the keys the footer shows, for the same actions: in the interview, help listed
"pgup Back / pgdn Next" while the footer showed "^n Next ^b Back" (a field walk). Every key
that does an action is on its line, the footer's first."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from fieldtui.tui.screens.help import HelpScreen
from tests.support.app_support import make_app, make_home, start_interview, wait_until


async def test_interview_help_names_the_footers_keys_first(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await pilot.press("ctrl+n")  # a number item: Enter moves on there too
        await wait_until(pilot, lambda: run.step.item_id == "years_area", what="item 2")
        shown = [b for b in run.active_bindings.values() if b.binding.show]
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        await pilot.pause()
        text = str(app.screen.query_one("#help-keys Static", Static).render())
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert "^n/pgdn/⏎ Next item (saves this one)" in lines, lines
        assert "^b/pgup Previous item" in lines, lines
        assert not any(line.startswith(("pgdn", "pgup")) for line in lines), lines
        for active in shown:  # each footer key leads the line of what it does
            binding = active.binding
            key = app.get_key_display(binding)
            words = binding.tooltip or binding.description
            assert any(line.split(" ")[0].split("/")[0] == key and line.endswith(words)
                       for line in lines), (key, words, lines)
