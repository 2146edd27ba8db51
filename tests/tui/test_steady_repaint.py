"""A key that changes only what an entry or a text shows repaints that widget, without a
layout of the whole screen (counted by the screen's layout signal, never timed); a change
that needs more room is still laid out."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from fieldtui.tui.widgets.steady_input import SteadyInput
from fieldtui.tui.widgets.steady_text import show_text
from tests.support.app_support import make_app, make_home, start_interview, wait_until
from tests.support.layout_probe import count_layouts


class Entries(App[None]):
    CSS = "#auto { width: auto; }"

    def __init__(self, entry: Input) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        yield self.entry
        yield Static("below", id="below")


async def test_typing_into_a_steady_input_lays_nothing_out() -> None:
    app = Entries(SteadyInput(type="number"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        layouts = count_layouts(app.screen)
        await pilot.press(*"12345", "backspace", "6")
        await pilot.pause()
        assert app.entry.value == "12346"
        assert "12346" in "".join(s.text for s in app.entry.render_line(0))
        assert layouts == []
        # Textual's own Input lays the screen out on each new width of its text.
        plain = Entries(Input(type="number"))
        async with plain.run_test(size=(80, 24)) as other:
            await other.pause()
            plain_layouts = count_layouts(plain.screen)
            await other.press(*"12")
            await other.pause()
            assert plain_layouts


async def test_a_steady_input_sized_to_its_text_still_grows() -> None:
    app = Entries(SteadyInput(id="auto"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = app.entry.outer_size.width
        await pilot.press(*"a longer text")
        await pilot.pause()
        assert app.entry.outer_size.width > before


class Texts(App[None]):
    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("one\ntwo", id="text")
            yield Static("below", id="below")


async def test_show_text_lays_out_only_when_the_rows_change() -> None:
    app = Texts()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text, below = app.query_one("#text", Static), app.query_one("#below", Static)
        layouts = count_layouts(app.screen)
        show_text(text, "uno\ndos")  # as many rows: repainted, not laid out
        await pilot.pause()
        assert layouts == []
        assert "uno" in "".join(s.text for s in text.render_line(0))
        show_text(text, "uno\ndos")  # the same text: nothing at all
        show_text(text, "one\ntwo\nthree")  # a row more: laid out, what is below moves
        await pilot.pause()
        assert layouts  # laid out
        assert text.outer_size.height == 3
        assert below.region.y == 3


async def test_typing_a_number_on_the_run_screen_lays_nothing_out(tmp_path: Path) -> None:
    """Digits typed into the interview's number entry (saved after a pause, the outline
    counting the item done) repaint the entry, the outline and the status only."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "years_area", what="a number item")
        await pilot.pause(0.5)
        layouts = count_layouts(run)
        for key in ("1", "2", "backspace", "5"):
            await pilot.press(key)
            await pilot.pause()
        await wait_until(pilot, lambda: (run.walk.row("years_area", "") or {}).get("value")
                         == 15, what="the answer saved after the pause")
        await pilot.pause()
        assert layouts == []
        outline = "\n".join("".join(s.text for s in run.query_one("#outline").render_line(y))
                            for y in range(3))
        assert "1/3" in outline  # the section counts the answer (without a layout)
