"""`fieldtui sync` names the sessions sent back for correction: it said only "Updates: 1
applied", and an interviewer syncing from the command line was not told that a session
waited for their correction (only the app's home listed it)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui
from tests.support.sync_world import DEVICE_PASS, STUDY_PASS, World, complete_session, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_sync_says_a_session_is_sent_back_for_correction(world: World) -> None:
    sid = complete_session(world, "by bsu")
    stick, db = world.tmp / "stick", str(world.tmp / "data.sqlite")
    stick.mkdir()
    _ok("seal", passphrase=DEVICE_PASS)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("merge", "--from", str(world.collector_root), "--into", db,
        "--study", str(world.study_dir), passphrase=STUDY_PASS)
    said = _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert "sent back" not in said, said
    _ok("review", db, "--return", sid[:8], "--comment", "check the travel answer",
        "--publish", str(world.study_dir), "--collector-store", str(world.collector_root),
        passphrase=STUDY_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    said = _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert ("1 session is sent back for correction: open the app (fieldtui) and choose it "
            "under Drafts to resume.") in said.splitlines(), said
