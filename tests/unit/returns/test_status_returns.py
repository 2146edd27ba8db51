"""`fieldtui status` says when the supervisor returned sessions for correction: after a
sync that applied a return it said only 'Updates: 1 applied' and listed the session as
receipted, so an interviewer working from the command line never learnt of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from fieldtui.cli import main
from fieldtui.core.i18n import set_language
from fieldtui.store.sessions import list_sessions
from tests.support.chain_kit import Chain
from tests.support.returned_session import returned_session
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _status(capsys: pytest.CaptureFixture[str], *args: str, lang: str | None = None) -> str:
    try:
        main([*(["--lang", lang] if lang else []), "status", *args])
    except SystemExit as done:
        assert done.code in (0, None)
    return capsys.readouterr().out


def test_status_counts_the_sessions_returned_for_correction(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert "returned" not in _status(capsys).lower()
    returned_session(world, Chain(world))
    out = _status(capsys)
    assert "↩ 1 session returned for correction: open fieldtui (home lists it first)" in out
    assert json.loads(_status(capsys, "--json"))["returned"] == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_returned_line_fits_80_columns(world: World, capsys: pytest.CaptureFixture[str],
                                           lang: str) -> None:
    """It ran to 93 columns (the terminal wrapped it mid-word). Every line status prints,
    but the one naming the device's folder (a path as long as it is), fits 80 cells, in
    Chinese too; the line still says what to do and where the session is."""
    returned_session(world, Chain(world))
    try:
        lines = _status(capsys, lang=lang).splitlines()
    finally:
        set_language("en")
    [returned] = [line for line in lines if line.startswith("↩")]
    assert "fieldtui" in returned, returned
    wide = [line for line in lines if cell_len(line) > 80 and str(world.home) not in line]
    assert wide == [], [(cell_len(line), line) for line in wide]


def test_a_correction_opened_is_the_return_not_a_draft(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    """Opening a returned session starts its correction, a draft that revises it (kept on
    Esc). Home counts it as the return it is, not among the drafts; status counted it as a
    draft beside the return, so one session was counted twice."""
    from fieldtui.store.session_revise import start_revision
    from fieldtui.sync.returned import open_return

    sid = returned_session(world, Chain(world))
    device = world.device
    ret = open_return(device.home, device.identity, device.study_id, device.device_id, sid)
    start_revision(device, ret.document, ret.seq).close()
    assert [m.status for m in list_sessions(world.home)].count("draft") == 1
    out = _status(capsys)
    assert "↩ 1 session returned for correction" in out, out
    [row] = [line for line in out.splitlines() if line.startswith("mini-interview v1 ")]
    assert row.split()[2:5] == ["0", "1", "0"], out  # no draft: the returned session alone
    found = json.loads(_status(capsys, "--json"))
    assert found["returned"] == 1
    assert [plan["counts"]["draft"] for plan in found["plans"]] == [0], found
