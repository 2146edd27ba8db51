"""Group commit at the collector, killed mid-batch: with 50 uploads at once, every
receipt the collector gave is for a bundle whose fsync of bundles/ had finished before
it answered, every acknowledged bundle is stored, and the store checks clean. And a
bundle linked but not yet durable is not reported (HEAD, receipt) until its batch is."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import URLError

import pytest

from fieldtui.sync.collector.store import CollectorStore
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend
from tests.support.collector_fixture import collector

CLIENTS, COUNT = 50, 150


def _put(url: str, name: str, data: bytes) -> bytes | None:
    request = urllib.request.Request(f"{url}/v1/bundles/{name}", data=data, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == 201
            return bytes(answer.read())
    except (URLError, ConnectionError, OSError):
        return None


def test_killed_mid_batch_nothing_acknowledged_before_durable_or_lost(
        tmp_path: Path) -> None:
    backend = Backend("folder", tmp_path / "collector").init()
    devs, study = [Dev() for _ in range(5)], Study()
    backend.allow(*devs)
    bundles = {hashlib.sha256(b).hexdigest(): b
               for b in (bundle(devs[n % 5], study, seq=n // 5 + 1) for n in range(COUNT))}
    synced_log = tmp_path / "synced.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.recording_collector", str(synced_log),
         "collector", "serve", "--store", backend.arg, "--port", "0", "--quiet",
         "--rate", "100000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    acked: dict[str, bytes] = {}
    lock = threading.Lock()
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("collector listening on "), line
        url = line.split()[-1]

        def send(name: str) -> None:
            receipt = _put(url, name, bundles[name])
            if receipt is not None:
                with lock:
                    acked[name] = receipt

        with ThreadPoolExecutor(CLIENTS) as pool:
            futures = [pool.submit(send, name) for name in bundles]
            while len(acked) < 20 and proc.poll() is None:
                time.sleep(0.005)
            proc.kill()  # SIGKILL while batches wait for their fsync
            proc.wait(10)
            for future in futures:
                future.result()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert 20 <= len(acked) < COUNT, "the kill did not land in the middle of the uploads"
    synced = set(synced_log.read_text().split())
    assert set(acked) <= synced  # answered only after the fsync covering it
    store = CollectorStore(backend.spec)  # type: ignore[arg-type]
    try:
        assert set(acked) <= set(store.stored())
        assert all(store.receipt(name) == acked[name] for name in acked)
    finally:
        store.close()
    admin = backend.admin()
    try:
        checked, problems = admin.check()
    finally:
        admin.close()
    assert problems == [] and checked >= len(acked)


def test_head_and_receipt_wait_for_the_batch_of_a_bundle_being_written(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldtui.store import durable

    real = durable.fsync_dir
    in_sync, release = threading.Event(), threading.Event()

    def held(folder: Path) -> None:
        if Path(folder).name == "bundles":
            in_sync.set()
            assert release.wait(10)
        real(folder)

    monkeypatch.setattr(durable, "fsync_dir", held)
    dev, study = Dev(), Study()
    data = bundle(dev, study, seq=1)
    sha = hashlib.sha256(data).hexdigest()
    with collector(dev) as store, ThreadPoolExecutor(3) as pool:
        upload = pool.submit(store.accept, sha, data, "test")
        assert in_sync.wait(10)  # linked under its name, its folder fsync not done
        asked = [pool.submit(store.has, sha), pool.submit(store.receipt, sha)]
        time.sleep(0.2)
        assert not any(f.done() for f in asked)  # no answer about it before it is durable
        release.set()
        receipt = upload.result(10).receipt
        assert asked[0].result(10) is True
        assert asked[1].result(10) == receipt
