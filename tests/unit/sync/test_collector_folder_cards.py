"""The folder store reads the device cards once when it opens, and once more per change
(`collector allow` or `revoke` beside a running server), never once per upload: fifty
uploads arriving together at a fresh server used to re-read every card each."""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from fieldtui.sync.collector import device_gate
from fieldtui.sync.collector.backend import Refusal
from fieldtui.sync.collector.devices import allow, revoke
from fieldtui.sync.collector.keys import init_store
from fieldtui.sync.collector.store import CollectorStore
from tests.support.bundle_factory import Dev, Study, bundle


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the store's reads of devices/ (each one reads every card)."""
    real = device_gate.load_devices
    count = [0]

    def counted(root: Path) -> object:
        count[0] += 1
        return real(root)

    monkeypatch.setattr(device_gate, "load_devices", counted)
    return count


def test_concurrent_first_uploads_do_not_read_the_cards_again(
        tmp_path: Path, reads: list[int]) -> None:
    root = tmp_path / "collector"
    init_store(root)
    study = Study()
    devs = [Dev() for _ in range(4)]
    for dev in devs:
        allow(root, dev.write_card(tmp_path))
    store = CollectorStore(root, warn=None)
    try:
        assert reads[0] == 1  # at open
        work = [bundle(dev, study, seq=seq) for dev in devs for seq in (1, 2, 3)]
        with ThreadPoolExecutor(len(work)) as pool:  # all at once, as a fresh server sees
            answers = list(pool.map(lambda data: store.accept(_sha(data), data), work))
        assert all(answer.new for answer in answers)
        assert reads[0] == 1
    finally:
        store.close()


def test_a_card_allowed_while_serving_is_read_once_and_then_accepted(
        tmp_path: Path, reads: list[int]) -> None:
    root = tmp_path / "collector"
    init_store(root)
    study, first, late = Study(), Dev(), Dev()
    allow(root, first.write_card(tmp_path))
    # a change is seen by the folder's time: set it in the past, so that the next `allow`
    # gives it another one however fast this test runs
    os.utime(root / "devices", ns=(10**9, 10**9))
    store = CollectorStore(root, warn=None)
    try:
        data = bundle(late, study)
        with pytest.raises(Refusal, match="not allowed"):
            asyncio.run(store.accept_async(_sha(data), data))
        allow(root, late.write_card(tmp_path))  # beside the running store
        work = [bundle(late, study, seq=seq) for seq in (2, 3, 4)]

        async def upload_together() -> list[bool]:
            answers = await asyncio.gather(*(store.accept_async(_sha(d), d) for d in work))
            return [answer.new for answer in answers]

        assert asyncio.run(upload_together()) == [True, True, True]
        assert reads[0] == 2  # at open, and once for the new card
        revoke(root, late.device_id)
        later = bundle(late, study, seq=5)
        with pytest.raises(Refusal, match="revoked"):  # on the event loop's path too
            asyncio.run(store.accept_async(_sha(later), later))
        assert sorted(store.stored()) == sorted(_sha(d) for d in work)
    finally:
        store.close()




def test_the_event_loop_looks_at_no_file_for_the_cards(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # each stat on the loop let the upload workers take the GIL from it: the worker that
    # writes the bundle looks whether the cards changed instead
    root = tmp_path / "collector"
    init_store(root)
    dev, study = Dev(), Study()
    allow(root, dev.write_card(tmp_path))
    store = CollectorStore(root, warn=None)
    looked_from_loop: list[bool] = []
    real = device_gate._mtime

    def spied(path: str) -> int:
        looked_from_loop.append(threading.current_thread() is threading.main_thread())
        return real(path)

    monkeypatch.setattr(device_gate, "_mtime", spied)
    try:
        data = bundle(dev, study)
        assert asyncio.run(store.accept_async(_sha(data), data)).new
        assert looked_from_loop == [False, False]  # devices/ and revoked.json, in a worker
    finally:
        store.close()


def test_a_revocation_made_while_a_bundle_is_checked_on_the_loop_refuses_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the worker looks at the cards' times after the loop's check: a revocation made in
    # between is applied before the bundle is stored
    root = tmp_path / "collector"
    init_store(root)
    dev, study = Dev(), Study()
    allow(root, dev.write_card(tmp_path))
    store = CollectorStore(root, warn=None)
    real = store._check

    def then_revoked(sha256: str, data: bytes) -> Any:
        envelope = real(sha256, data)  # passed against the cards as read
        revoke(root, dev.device_id)  # `collector revoke` beside the server, just then
        return envelope

    monkeypatch.setattr(store, "_check", then_revoked)
    try:
        data = bundle(dev, study)
        with pytest.raises(Refusal, match="revoked"):
            asyncio.run(store.accept_async(_sha(data), data))
        assert store.stored() == []
        assert (root / "quarantine" / f"{_sha(data)}.bin").exists()
    finally:
        store.close()
