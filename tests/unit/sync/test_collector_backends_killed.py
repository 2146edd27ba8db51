"""A collector process killed in the middle of uploads, on both kinds of store: every
bundle it acknowledged is stored, nothing is stored twice, and two collectors started
on the same store afterwards answer the same receipts."""

from __future__ import annotations

import hashlib
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.error import URLError

from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend
from tests.support.collector_process import CollectorProcess, half_upload

COUNT = 24


def _put(url: str, name: str, data: bytes) -> bytes | None:
    """The receipt, or None when the collector died before it answered."""
    request = urllib.request.Request(f"{url}/v1/bundles/{name}", data=data, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == 201
            return bytes(answer.read())
    except (URLError, ConnectionError, OSError):
        return None


def test_killed_mid_upload_nothing_acknowledged_lost_nothing_doubled(
        collector_backend: Backend) -> None:
    dev, study = Dev(), Study()
    collector_backend.allow(dev)
    bundles = {hashlib.sha256(b).hexdigest(): b
               for b in (bundle(dev, study, seq=n) for n in range(1, COUNT + 1))}
    names = sorted(bundles)
    first = CollectorProcess(collector_backend.spec)
    acked: dict[str, bytes] = {}
    lock = threading.Lock()

    def send(name: str) -> None:
        receipt = _put(first.url, name, bundles[name])
        if receipt is not None:
            with lock:
                acked[name] = receipt

    try:
        torn = half_upload(first.url, names[0], bundles[names[0]])  # never finished
        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(send, name) for name in names[1:]]
            while len(acked) < 4:
                time.sleep(0.01)
            first.kill()  # SIGKILL, uploads in flight
            for future in futures:
                future.result()
        torn.close()
    finally:
        if first.proc.poll() is None:
            first.kill()
    assert acked, "no upload was acknowledged before the kill"
    store = collector_backend.open()
    try:
        stored = set(store.stored())
        assert set(acked) <= stored  # every acknowledged bundle is there
        assert all(store.receipt(name) == acked[name] for name in acked)
    finally:
        store.close()
    # the devices send everything again, to two collectors on the same store at once
    two = [CollectorProcess(collector_backend.spec) for _ in range(2)]
    try:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda job: (job[1], _put(two[job[0]].url, job[1],
                                                              bundles[job[1]])),
                                    [(i % 2, name) for i, name in
                                     enumerate(names + names[::-1])]))
    finally:
        for process in two:
            assert process.stop() == 0
    receipts: dict[str, set[bytes | None]] = {}
    for name, receipt in answers:
        receipts.setdefault(name, set()).add(receipt)
    assert all(len(r) == 1 and None not in r for r in receipts.values())
    assert all(receipts[name] == {acked[name]} for name in acked)
    store = collector_backend.open()
    try:
        assert store.stored() == names  # each once (stored() lists names, once each)
    finally:
        store.close()
    admin = collector_backend.admin()
    try:
        assert admin.check() == (COUNT, [])
    finally:
        admin.close()
