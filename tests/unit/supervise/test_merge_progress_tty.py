"""merge's progress label ("Merging", 正在合并) went to stderr when stderr was a log or a
pipe, where no bar follows it: progress is written only to a terminal."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from tests.support.command_world import merge_world, world  # noqa: F401  (fixture)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_progress_when_stderr_is_not_a_terminal(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    out, err = merge_world(world, capsys)
    assert "Merged" in out
    assert "Merging" not in err, err


def test_progress_on_a_terminal(world: dict[str, Path],  # noqa: F811
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    merge_world(world, capsys)
    assert "Merging" in screen.getvalue()


def test_no_bar_when_nothing_is_new(world: dict[str, Path],  # noqa: F811
                                    monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A merge with nothing new showed a full bar ("Merging [####] 4/4") before "Merged 0
    new bundles": a bar of bundles opened, none opened. No bar now."""
    merge_world(world, capsys)
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    out, _err = merge_world(world, capsys)
    assert out.startswith("Merged 0 new bundles"), out
    assert "Merging" not in screen.getvalue(), screen.getvalue()
