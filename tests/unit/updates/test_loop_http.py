"""Issue 15 end to end over HTTP (a real `collector serve` at 127.0.0.1), with the real CLI:
the supervisor publishes a plan version, a return and an assignment; the device applies
them at one sync, corrects the returned session (with its reason) and completes a new
one on the new version, syncs; merge keeps both versions, the revision with its reasons
and the original apart; the assignment's progress is the same on both sides."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fieldtui.store.device import open_device
from fieldtui.store.session_revise import correct_answer, start_revision
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.assignments import device_progress
from fieldtui.sync.returned import open_return
from tests.support.chain_kit import plan_file
from tests.support.cli_run import fieldtui
from tests.support.collector_process import CollectorProcess
from tests.support.sync_world import DEVICE_PASS, STUDY_PASS, World, complete_session, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_plan_version_return_and_assignment_over_http(world: World) -> None:
    db, root = world.tmp / "data.sqlite", str(world.collector_root)
    study = str(world.study_dir)
    sid = complete_session(world, "by bsu")
    server = CollectorProcess(world.collector_root)
    try:
        _ok("seal", passphrase=DEVICE_PASS)
        _ok("sync", "--to", server.url, passphrase=DEVICE_PASS)
        _ok("merge", "--from", root, "--into", str(db), "--study", study,
            passphrase=STUDY_PASS)
        device_id = world.device.device_id
        _ok("study", "publish", study, "--plan", str(plan_file(world.tmp, 2, "Second")),
            "--collector-store", root, passphrase=STUDY_PASS)
        _ok("review", str(db), "--return", sid[:8], "--comment", "check the travel answer",
            "--item", "travel=typo?", "--publish", study, "--collector-store", root,
            passphrase=STUDY_PASS)
        _ok("study", "publish", study, "--assign", device_id, "--plan", "mini-interview",
            "--count", "2", "--collector-store", root, passphrase=STUDY_PASS)
        said = _ok("sync", "--to", server.url, passphrase=DEVICE_PASS)
        assert "Updates: 3 applied" in said

        device = open_device(world.home).unlock(DEVICE_PASS)
        ret = open_return(world.home, device.identity, device.study_id, device_id, sid)
        assert ret.document is not None and ret.items == {"travel": "typo?"}
        store = start_revision(device, ret.document, ret.seq)
        try:
            assert correct_answer(store, "travel", "by bus", "typing error, confirmed")
            store.mark_complete()
            revision_id = str(store.session_id)
        finally:
            store.close()
        [newest] = device.plans()
        assert newest.version == 2
        fresh = SessionStore.create(world.home, plan=newest, device=device)
        try:
            fresh.save_answer("travel", "by train")
            fresh.mark_complete()
            fresh_id = str(fresh.session_id)
        finally:
            fresh.close()
        lines = [p.line() for p in device_progress(world.home, device.identity,
                                                   device.study_id, device_id)]
        assert lines == ["mini-interview: 1 of 2"]  # the correction is not new work
        _ok("seal", passphrase=DEVICE_PASS)
        _ok("sync", "--to", server.url, passphrase=DEVICE_PASS)
        _ok("merge", "--from", root, "--into", str(db), "--study", study,
            passphrase=STUDY_PASS)
    finally:
        assert server.stop() == 0

    with sqlite3.connect(db) as conn:
        current = dict(conn.execute("SELECT session_id, plan_version FROM sessions"))
        assert current == {revision_id: 1, fresh_id: 2}  # both versions, each once
        assert conn.execute("SELECT session_id FROM replaced_sessions").fetchall() == [(sid,)]
        [(changes,)] = conn.execute("SELECT changes FROM revisions WHERE revises=?", (sid,))
        [change] = json.loads(changes)
        assert (change["old"], change["new"], change["reason"]) == (
            "by bsu", "by bus", "typing error, confirmed")
        assert conn.execute("SELECT status FROM returns").fetchone()[0] == "corrected"
        versions = {r[0] for r in conn.execute("SELECT version FROM plans")}
        assert versions == {1, 2}
    shown = _ok("review", str(db), "--assignments", study)
    assert shown.splitlines() == [f"device {device_id} · mini-interview: 1 of 2"]
