"""200 devices upload at once to a real collector process: each bundle stored exactly once."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

from fieldtui.bundle.receipt import verify_receipt
from fieldtui.sync.collector.check import check_store
from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.keys import init_store, load_key
from fieldtui.sync.http_transport import exchange_http
from fieldtui.sync.outcome import Delivery
from tests.unit.bundle.factory import Dev, Study, bundle, fast_dir
from tests.unit.sync.collector_process import CollectorProcess

DEVICES = 200


def test_200_devices_at_once_each_bundle_stored_once() -> None:
    with fast_dir() as tmp:  # in RAM: this is about counting, not disk speed
        _run(tmp)


def _run(tmp_path: Path) -> None:
    root = tmp_path / "collector"
    init_store(root)
    study = Study()
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    items: list[tuple[str, Path]] = []
    for _ in range(DEVICES):
        dev = Dev()
        allow(root, dev.write_card(tmp_path))
        data = bundle(dev, study)
        sha = hashlib.sha256(data).hexdigest()
        (outbox / f"{sha}.ftb").write_bytes(data)
        items.append((sha, outbox / f"{sha}.ftb"))
    outcomes: list[Delivery] = []
    server = CollectorProcess(root)
    try:
        async def all_devices() -> None:
            # every device sends its bundle twice at once (a retry racing the first try)
            runs = [exchange_http(server.url, [item, item], outcomes.append, concurrency=2)
                    for item in items]
            await asyncio.wait_for(asyncio.gather(*runs), timeout=120)

        asyncio.run(all_devices())
    finally:
        assert server.stop() == 0
    assert len(outcomes) == 2 * DEVICES
    key = load_key(root).public_key()
    receipts: dict[str, bytes] = {}
    for outcome in outcomes:
        assert outcome.receipt is not None, outcome
        verify_receipt(outcome.receipt, key, outcome.sha256)
        assert receipts.setdefault(outcome.sha256, outcome.receipt) == outcome.receipt
    stored = sorted(p.stem for p in (root / "bundles").glob("*.ftb"))
    assert stored == sorted(sha for sha, _ in items)
    assert check_store(root) == (DEVICES, [])
    assert not list((root / "quarantine").iterdir())
    log = (root / "requests.log").read_text().splitlines()
    # one commit per bundle; a racing second try got the same receipt ("again" or a HEAD)
    assert sum(line.endswith(" stored") for line in log) == DEVICES
