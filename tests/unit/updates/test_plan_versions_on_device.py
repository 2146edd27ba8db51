"""Issue 15 item 4 on the device: it keeps every plan version it has sessions for, new
sessions use the newest, and a draft started on an older version finishes on it, even
when the update bringing the new version is applied while the draft is open. Merge then
holds both versions."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from fieldtui.core.plan.load import load_plan
from fieldtui.store.device import open_device
from fieldtui.store.held_plans import find_version
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from tests.support.chain_kit import plan_file
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui
from tests.support.paths import FIXTURES
from tests.support.sync_world import DEVICE_PASS, PLAN, STUDY_PASS, World, make_world


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same click commands, run in-process (`cli_main.in_process`): the point here is
    what they do; a process per command imported the whole app again each time."""
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _publish_and_sync(world: World, stick: Path, *publish: str) -> None:
    _ok("study", "publish", str(world.study_dir), *publish, "--collector-store",
        str(world.collector_root), passphrase=STUDY_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)


def test_a_draft_finishes_on_its_version_and_new_sessions_use_the_newest(
        world: World) -> None:
    stick, db = world.tmp / "stick", world.tmp / "data.sqlite"
    stick.mkdir()
    device = world.device
    assert [(p.id, p.version) for p in device.plans()] == [("mini-interview", 1)]
    draft = SessionStore.create(world.home, plan=load_plan(PLAN), device=device)
    draft.save_answer("travel", "by bus")
    # the draft is open (its lock held) while the update with v2 is applied
    _publish_and_sync(world, stick, "--plan", str(plan_file(world.tmp, 2, "Second")))
    draft.save_answer("travel", "by bus, then on foot")
    draft.mark_complete()
    draft_id = str(draft.session_id)
    draft.close()

    reopened = open_device(world.home).unlock(DEVICE_PASS)
    for dev in (device, reopened, open_device(world.home)):  # unlocked or not: the same
        assert [(p.id, p.version, p.title) for p in dev.plans()] == [
            ("mini-interview", 2, "Second")]
        assert sorted(p.version for p in dev.plan_versions()) == [1, 2]
    [meta] = list_sessions(world.home)
    assert (meta.session_id, meta.plan_version) == (draft_id, 1)
    own = find_version(reopened.plan_versions(), meta.plan_id, meta.plan_version)
    assert own is not None and own.content_hash == meta.plan_hash  # the draft's own text

    [newest] = reopened.plans()
    fresh = SessionStore.create(world.home, plan=newest, device=reopened)
    try:
        fresh.save_answer("travel", "by train")
        fresh.mark_complete()
        fresh_id = str(fresh.session_id)
    finally:
        fresh.close()
    _ok("seal", passphrase=DEVICE_PASS)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("merge", "--from", str(world.collector_root), "--into", str(db),
        "--study", str(world.study_dir), passphrase=STUDY_PASS)
    with sqlite3.connect(db) as conn:
        versions = dict(conn.execute("SELECT session_id, plan_version FROM sessions"))
    assert versions == {draft_id: 1, fresh_id: 2}

    # a retired plan starts no new session; its versions stay for drafts and returns
    _publish_and_sync(world, stick, "--plan", str(FIXTURES / "poll_bins.toml"))
    _publish_and_sync(world, stick, "--retire", "mini-interview")
    assert [p.id for p in open_device(world.home).plans()] == ["poll-bins-mini"]
    held = open_device(world.home).plan_versions()
    assert sorted(p.version for p in held if p.id == "mini-interview") == [1, 2]
