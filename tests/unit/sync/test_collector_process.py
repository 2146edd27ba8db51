"""The collector as a real process: killed mid-upload, and stopped with SIGTERM mid-upload."""

from __future__ import annotations

import hashlib
import time
import urllib.request
from pathlib import Path

import pytest

from fieldtui.sealing.after_receipt import pending_bundles
from fieldtui.sealing.sealer import seal_all
from fieldtui.store.sessions import list_sessions
from fieldtui.sync.collector.check import check_store
from tests.support.cli_run import fieldtui
from tests.support.collector_process import CollectorProcess, half_upload, read_status
from tests.support.sync_world import DEVICE_PASS, World, complete_session, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _put(url: str, sha: str, data: bytes) -> int:
    request = urllib.request.Request(f"{url}/v1/bundles/{sha}", data=data, method="PUT")
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.status)


def test_killed_mid_upload_then_restarted_nothing_lost_or_doubled(world: World) -> None:
    for n in range(3):
        complete_session(world, f"answer {n}")
    seal_all(world.device)
    (sha1, path1), (sha2, path2), _ = pending_bundles(world.home)
    first = CollectorProcess(world.collector_root)
    try:
        assert _put(first.url, sha1, path1.read_bytes()) == 201  # stored; receipt "lost"
        sock = half_upload(first.url, sha2, path2.read_bytes())
        time.sleep(0.3)
        first.kill()
        sock.close()
    finally:
        if first.proc.poll() is None:
            first.kill()
    second = CollectorProcess(world.collector_root)
    try:
        # the device's next sync, as the interviewer runs it
        out = fieldtui("sync", "--to", second.url, passphrase=DEVICE_PASS)
        assert out.returncode == 0, out.stderr
        assert "Receipted: 3 bundles" in out.stdout and "3/3" in out.stderr
    finally:
        assert second.stop() == 0
    bundles = sorted(p.stem for p in (world.collector_root / "bundles").glob("*.ftb"))
    assert bundles == sorted(p.stem for p in (world.home / "receipts").glob("*.json"))
    assert len(bundles) == 3
    assert check_store(world.collector_root) == (3, [])
    assert not list((world.collector_root / "quarantine").iterdir())
    assert {m.status for m in list_sessions(world.home)} == {"receipted"}


def test_sigterm_finishes_the_upload_in_flight(world: World) -> None:
    complete_session(world)
    seal_all(world.device)
    ((sha, path),) = pending_bundles(world.home)
    data = path.read_bytes()
    server = CollectorProcess(world.collector_root)
    try:
        sock = half_upload(server.url, sha, data)
        time.sleep(0.3)
        server.signal(15)
        time.sleep(0.3)
        sock.sendall(data[len(data) // 2:])
        assert read_status(sock) == 201
        sock.close()
        # the SIGTERM above asked it to stop: wait for that exit (a second SIGTERM could
        # reach it after its event loop has closed, where the signal's default applies)
        code = server.proc.wait(30)
    finally:
        server.stop()
    assert code == 0
    stored = (world.collector_root / "bundles" / f"{sha}.ftb").read_bytes()
    assert hashlib.sha256(stored).hexdigest() == sha
    log = (world.collector_root / "requests.log").read_text().splitlines()
    assert any(f"PUT /v1/bundles/{sha} 201" in line for line in log)
