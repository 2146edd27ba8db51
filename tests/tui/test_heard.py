"""What we heard (home, w) before anything was published: it says so, in 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from fieldtui.sync.replies import Reply, Summary
from fieldtui.tui.screens.heard import HeardScreen, heard_text
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.screen_text import cut_widgets


async def test_nothing_published_yet_is_said(isolated_home: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = HostApp(HeardScreen(DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        text = app.screen.query_one("#heard-text", Static)
        await wait_until(pilot, lambda: "No summary" in str(text.render()))
        shown = str(text.render())
        assert "report feedback --publish" in shown and "None yet." in shown
        assert not cut_widgets(app)


def test_summary_and_replies_are_plain_text_with_escapes_shown() -> None:
    summary = Summary("p", "[b]Park[/b]\x1b[2J", "line one\nWe heard \x1b]0;x\x07 this",
                      "r1", "2026-12-01T10:00:00+00:00")
    shown = heard_text([summary], [("R-1", Reply("c\x1b", "settled", "[i]done[/i]", ""))]).plain
    assert "[b]Park[/b]\\x1b[2J" in shown and "(published 2026-12-01 · release r1)" in shown
    assert "We heard \\x1b]0;x\\x07 this" in shown and "\x1b" not in shown
    assert "R-1: “c\\x1b” — settled: [i]done[/i]" in shown
