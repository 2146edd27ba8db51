"""Snapshot tests draw steady text cursors: no blink, from the moment an entry exists; group
meeting tests step the meeting clock by hand (`clock`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Input, TextArea

from fieldtui.tui.screens.group import run as group_run
from tests.support.group_poll_support import FakeClock


@pytest.fixture(autouse=True)
def steady_cursors(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
                   ) -> Iterator[None]:
    """In a snapshot test, every Input and TextArea starts with `cursor_blink` off.

    Turning the blink off only once the picture is settled races with the blink: a
    TextArea that drew its line in an "off" half-second keeps that line (its line cache
    does not tell a steady cursor from a hidden one), so a slow run lost the cursor cell.
    An entry that never blinks draws the same cursor however long the run takes."""
    if "snap_compare" in request.fixturenames:
        for widget in (Input, TextArea):
            monkeypatch.setattr(widget.cursor_blink, "_default", False)
    yield


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The group meeting screen's clock, stepped by the test (`clock.advance(s)`)."""
    fake = FakeClock()
    monkeypatch.setattr(group_run, "meeting_clock", fake)
    return fake
