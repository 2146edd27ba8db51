"""`fieldtui review DATASET` and `fieldtui followups DATASET --screen` open a full screen:
without a terminal (`</dev/null`, a pipe, a cron job) they say so in one line and end
non-zero, as `fieldtui` (the field app) does, instead of opening the screen anyway."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from fieldtui.cli import main
from tests.support.command_world import (
    merge_world,
    world,  # noqa: F401  (fixture)
)


@pytest.mark.parametrize(("args", "command"), [
    (["review"], "fieldtui review"),
    (["followups", "--screen"], "fieldtui followups"),
])
def test_a_screen_needs_a_terminal(world: dict[str, Path],  # noqa: F811
                                   capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch,
                                   args: list[str], command: str) -> None:
    from textual.app import App

    merge_world(world, capsys)
    opened: list[App[object]] = []
    monkeypatch.setattr(App, "run", lambda app, **_kw: opened.append(app))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # </dev/null
    with pytest.raises(SystemExit) as ended:
        main([args[0], str(world["db"]), *args[1:]])
    err = capsys.readouterr().err
    assert opened == []
    assert ended.value.code == 1
    assert err == (f"fieldtui: error: {command} needs a terminal to open its screen — run it "
                   "in a terminal window (not through a pipe)\n")
