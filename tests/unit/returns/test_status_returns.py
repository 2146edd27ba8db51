"""`fieldtui status` says when the supervisor returned sessions for correction: after a
sync that applied a return it said only 'Updates: 1 applied' and listed the session as
receipted, so an interviewer working from the command line never learnt of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldtui.cli import main
from tests.support.chain_kit import Chain
from tests.support.returned_session import returned_session
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _status(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    try:
        main(["status", *args])
    except SystemExit as done:
        assert done.code in (0, None)
    return capsys.readouterr().out


def test_status_counts_the_sessions_returned_for_correction(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert "returned" not in _status(capsys).lower()
    returned_session(world, Chain(world))
    out = _status(capsys)
    assert ("↩ 1 session returned for correction: open fieldtui to correct it "
            "(it is listed first on home)") in out
    assert json.loads(_status(capsys, "--json"))["returned"] == 1
