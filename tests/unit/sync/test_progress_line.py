"""The seal and sync progress: a rich bar on a terminal, one plain line when piped."""

from __future__ import annotations

import io
import re

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.sync.progress_line import progress_line

COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7]|38;[0-9;]+)m")


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _run(stream: io.StringIO, steps: int = 3) -> str:
    with progress_line("Sealing", lambda d, t: ("", ""), stream) as progress:
        for done in range(1, steps + 1):
            progress(done, steps)
    return stream.getvalue()


def test_piped_progress_is_one_plain_line_with_the_rate() -> None:
    out = _run(io.StringIO())
    assert "\x1b" not in out and "\r" not in out
    assert re.fullmatch(r"Sealing: 3/3 in \d+\.\d s \(\d+\.\d/s\)\n", out)


def test_piped_progress_says_nothing_when_it_fails() -> None:
    stream = io.StringIO()
    with pytest.raises(FieldtuiError), progress_line(
            "Syncing", lambda d, t: (f"stopped at {d} of {t}", "again"), stream) as progress:
        progress(1, 4)
        raise KeyboardInterrupt
    assert stream.getvalue() == ""


def test_a_terminal_gets_a_rich_bar_with_count_rate_and_time_left(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    out = _run(Terminal())
    assert "━" in out and "3/3" in out and "/s" in out
    assert re.search(r"\d:\d\d:\d\d", out)  # time left
    assert COLOUR.search(out)


def test_no_color_keeps_the_bar_and_drops_the_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = _run(Terminal())
    assert "━" in out and "3/3" in out
    assert not COLOUR.search(out)
