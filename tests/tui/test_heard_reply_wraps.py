"""What we heard at 80x24: a reply too long for a row goes on under its text, not at
column 0 under the bullet (a user walk)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from fieldtui.sync.replies import Reply, Summary
from fieldtui.tui.screens import heard
from fieldtui.tui.screens.heard import HeardScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.screen_text import cut_widgets, screen_lines

REPLY = ("The council will mend the pump by the school before the end of the month, and "
         "the water committee checks it every week after that")


async def test_a_long_reply_hangs_under_its_text(isolated_home: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    found = [Summary("p", "Park meeting", "We heard: more benches.", "r1",
                     "2026-12-01T10:00:00+00:00")]
    replies = [("R-1", Reply("The pump is broken", "in-progress", REPLY, "2026-12-01"))]
    monkeypatch.setattr(heard, "summaries", lambda *_args: found)
    monkeypatch.setattr(heard, "all_replies", lambda *_args: replies)
    app = HostApp(HeardScreen(DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        text = app.screen.query_one("#heard-text", Static)
        await wait_until(pilot, lambda: "R-1" in str(text.render()))
        await pilot.pause()
        lines = screen_lines(app)
        assert not cut_widgets(app)
        # the whole reply, unwrapped, is still what the text says
        assert f"R-1: “The pump is broken” — being worked on: {REPLY}" in str(text.render())
    start = next(n for n, line in enumerate(lines) if line.startswith(" • R-1:"))
    rest = lines[start + 1:start + 3]
    shown = "\n".join(lines)
    assert all(line.startswith("   ") and line[3] != " " for line in rest), shown
    words = " ".join(line.strip() for line in [lines[start][3:], *rest])
    assert words.startswith("R-1: “The pump is broken”") and words.endswith("after that"), shown
