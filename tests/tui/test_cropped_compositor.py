"""A digit typed on the interview screen repaints the entry's rows as Textual's own full
render draws them, rendering only the widgets those rows show (not the footer, the tone
strip or the status line)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from tests.support.app_support import wait_until
from tests.support.fakes import FakeStore
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import PLANS


def _segments(strip: Strip) -> list[Segment]:
    return list(Segment.simplify(strip))


async def test_a_typed_digit_repaints_the_entry_rows_alone_and_as_a_full_render(
        monkeypatch: Any) -> None:
    plan = load_plan(PLANS / "interview-library.toml")
    store = FakeStore(plan, uuid.uuid4().hex)
    store.doc["position"] = {"section_id": "opening", "item_id": "years_area"}

    class Host(HostApp):
        CSS_PATH = FieldtuiApp.CSS_PATH
        # a clock that stands still: the section timer's tick shows the same second and
        # repaints nothing (a tick in a slow run repainted it, which is not the key's doing)
        clock = staticmethod(lambda: 1000.0)

    screen = InterviewRunScreen(plan, DeviceStub(Path("/nonexistent")), store)
    app = Host(screen)
    rendered: list[Widget] = []
    render_lines = Widget.render_lines

    def spy(self: Widget, crop: Any) -> list[Strip]:
        rendered.append(self)
        return render_lines(self, crop)

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: getattr(screen.focused, "item", None) is not None
                         and screen.focused.item.id == "years_area", what="the entry")
        await pilot.pause()
        entry: Any = screen.focused
        monkeypatch.setattr(Widget, "render_lines", spy)
        for _ in range(40):  # the screen settled: a quiet moment renders nothing (a slow
            rendered.clear()  # run was still laying out the outline when the keys came)
            await pilot.pause(0.05)
            if not rendered:
                break
        assert not rendered, "the screen never settled"
        await pilot.press("1", "2")
        await wait_until(pilot, lambda: entry.value == "12", what="12 typed")
        await pilot.pause()
        names = {type(w).__name__ for w in rendered}
        assert "NumberEntry" in names  # the entry was repainted ...
        assert not names & {"SteadyFooter", "ToneStrip", "SectionTimerView"}  # ... alone
        monkeypatch.undo()
        # The entry's rows as a partial repaint draws them = as Textual's full render does.
        compositor = screen._compositor
        crop = entry.region
        rows = set(range(crop.y, crop.bottom))
        chops = compositor._render_chops(crop, rows.__contains__)
        full = compositor.render_strips()
        for y in sorted(rows):
            ours = Strip.join([strip for x, strip in chops[y].items()
                               if strip is not None and crop.x <= x < crop.right])
            assert _segments(ours) == _segments(full[y].crop(crop.x, crop.right)), y
        assert "12" in "".join(full[y].text for y in rows)
