"""The outline's rows drawn in place (an answer given, cleared, or not valid) are the rows a
full drawing shows, and what is painted is what those rows render to."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from rich.style import Style
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from fieldtui.tui.widgets.outline import Outline
from fieldtui.tui.widgets.row_lines import RowLines
from tests.support.app_support import wait_until
from tests.support.fakes import FakeStore
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import PLANS


def painted(widget: RowLines) -> list[tuple[str, list[Style | None]]]:
    """Each line as the widget gives it to the screen: its text and its styles."""
    lines = [widget.render_line(y) for y in range(widget.size.height)]
    return [(strip.text, [segment.style for segment in strip]) for strip in lines]


def redrawn_in_full(outline: Outline) -> tuple[list[Any], list[Any]]:
    """The rows a full drawing gives now, and their lines rendered from scratch."""
    assert outline._walked is not None
    outline.show_walk(*outline._walked)
    outline.notify_style_update()  # nothing kept: every row rendered again
    return list(outline.rows), painted(outline)


def run_screen_at(item_id: str, section_id: str) -> tuple[App[None], InterviewRunScreen]:
    plan = load_plan(PLANS / "interview-library.toml")
    store = FakeStore(plan, uuid.uuid4().hex)
    store.doc["position"] = {"section_id": section_id, "item_id": item_id}

    class Host(HostApp):
        CSS_PATH = FieldtuiApp.CSS_PATH
        clock = staticmethod(time.monotonic)

    screen = InterviewRunScreen(plan, DeviceStub(Path("/nonexistent")), store)
    return Host(screen), screen


async def test_an_answer_given_cleared_or_invalid_redraws_its_rows_as_a_full_drawing() -> None:
    """A number typed into an empty entry (done), out of range (✗, not counted), fixed, and
    cleared (not done): each time the outline changes in place, never drawn in full, and
    shows the rows and lines a full drawing shows."""
    app, run = run_screen_at("years_area", "opening")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: run.step.item_id == "years_area", what="the item")
        await pilot.pause()
        outline = run.query_one(Outline)
        full = outline.show_walk
        drawn_in_full: list[object] = []

        def counted(*args: Any) -> None:
            drawn_in_full.append(args)
            full(*args)

        outline.show_walk = counted  # type: ignore[method-assign]
        for keys, count, tick in ((["1"], "1/3", "▸"), (["5", "0"], "0/3", "✗"),
                                  (["backspace"], "1/3", "▸"),
                                  (["backspace", "backspace"], "0/3", "▸")):
            await pilot.press(*keys)
            await wait_until(pilot, lambda count=count, tick=tick: f"background {count}" in str(
                outline.render()) and f"  {tick} For how many" in str(outline.render()),
                what=f"{keys}: {count} {tick}")
            await pilot.pause()
            assert drawn_in_full == [], keys
            shown_rows, shown = list(outline.rows), painted(outline)
            outline.show_walk = full  # type: ignore[method-assign]
            assert redrawn_in_full(outline) == (shown_rows, shown), keys
            outline.show_walk = counted  # type: ignore[method-assign]


async def test_a_key_point_covered_in_place_is_shown_as_a_full_drawing() -> None:
    """An option ticked on a key point's item: the section's count and the key points
    (covered 1/8, ◆) change in place as a full drawing shows them; unticked, back again."""
    app, run = run_screen_at("purposes", "use")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: run.step.item_id == "purposes", what="the item")
        await pilot.pause()
        outline = run.query_one(Outline)
        for covered in ("1/8", "0/8"):
            await pilot.press("1")
            await wait_until(pilot, lambda covered=covered: f"Key points {covered}" in str(
                outline.render()), what=covered)
            await pilot.pause()
            shown_rows, shown = list(outline.rows), painted(outline)
            assert redrawn_in_full(outline) == (shown_rows, shown), covered


class RowsHost(App[None]):
    def __init__(self, widget: RowLines) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield self.widget


async def test_a_row_that_wraps_again_lays_the_widget_out_to_its_new_height() -> None:
    """Rows of the same count, one of them now two lines: the widget is laid out again to
    as many lines as its rows take; a change within a row's lines keeps its height."""
    rows = RowLines()
    app = RowsHost(rows)
    async with app.run_test(size=(30, 10)) as pilot:
        rows.show_rows([(("first", "bold"),), (("second", ""),)])
        await pilot.pause()
        assert rows.size.height == 2
        rows.show_rows([(("first", "bold"),), (("second " + "word " * 8, "dim"),)])
        await pilot.pause()
        assert rows.size.height == len(rows._lines_at(rows.size.width)) > 2
        rows.show_rows([(("FIRST", "bold"),), (("second " + "word " * 8, "dim"),)])
        await pilot.pause()
        assert painted(rows)[0][0].startswith("FIRST")


async def test_rows_that_come_and_go_show_what_a_full_render_shows() -> None:
    """Rows inserted and removed in the middle (the rest kept as rendered), one of them
    wrapped: the lines are those of the rows rendered from scratch, laid out to their
    number."""
    rows = RowLines()
    app = RowsHost(rows)
    async with app.run_test(size=(30, 12)) as pilot:
        head, tail = (("● Section", "bold"),), ((" ◇ a key point", ""),)
        for middle in ([(("  · one", ""),)],
                       [(("  · one", ""),), (("  ▸ two " + "long " * 7, "reverse"),)],
                       [(("  · one", "dim"),)], []):
            rows.show_rows([head, *middle, tail])
            await pilot.pause()
            shown = painted(rows)
            rows.notify_style_update()
            assert painted(rows) == shown, middle
            assert rows.size.height == len(shown) == len(rows._lines_at(rows.size.width))
