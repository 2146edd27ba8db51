"""The folder store's uploads on the event loop (`CollectorStore.accept_async`) wait for
their batch's folder fsync on a future (store.group_commit_loop): a failed fsync answers
503 and gives the reservation back (the device's retry stores the bundle), the same bytes
sent twice at once are stored once with one receipt, and many uploads share fsyncs."""

from __future__ import annotations

import asyncio
import errno
import hashlib
from pathlib import Path

import pytest

from fieldtui.sync.collector.backend import Unavailable
from fieldtui.sync.collector.store import CollectorStore
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend


def _store(tmp_path: Path, *devs: Dev) -> CollectorStore:
    backend = Backend("folder", tmp_path / "collector").init()
    backend.allow(*devs)
    store = backend.open()
    assert isinstance(store, CollectorStore)
    return store


def test_a_failed_fsync_answers_unavailable_and_the_retry_stores_it(tmp_path: Path) -> None:
    dev = Dev()
    store = _store(tmp_path, dev)
    data = bundle(dev, Study())
    sha = hashlib.sha256(data).hexdigest()
    sync = store._commit._sync_dir
    failed: list[Path] = []

    def once_broken(folder: Path) -> None:
        if not failed:
            failed.append(folder)
            raise OSError(errno.EIO, "I/O error")
        sync(folder)

    store._commit._sync_dir = once_broken
    try:
        with pytest.raises(Unavailable):
            asyncio.run(store.accept_async(sha, data))
        assert not store.has(sha)
        again = asyncio.run(store.accept_async(sha, data))
        assert again.new and store.has(sha)
    finally:
        store.close()


def test_the_same_bytes_twice_at_once_are_stored_once_with_one_receipt(
        tmp_path: Path) -> None:
    dev = Dev()
    store = _store(tmp_path, dev)
    data = bundle(dev, Study())
    sha = hashlib.sha256(data).hexdigest()

    async def twice() -> list[object]:
        return await asyncio.gather(store.accept_async(sha, data),
                                    store.accept_async(sha, data))

    try:
        first, second = asyncio.run(twice())
    finally:
        store.close()
    assert first.receipt == second.receipt  # type: ignore[attr-defined]
    assert sorted([first.new, second.new]) == [False, True]  # type: ignore[attr-defined]


def test_uploads_on_the_loop_share_folder_fsyncs(tmp_path: Path) -> None:
    devs, study = [Dev() for _ in range(4)], Study()
    store = _store(tmp_path, *devs)
    bundles = [bundle(devs[n % 4], study, seq=n // 4 + 1) for n in range(40)]

    async def upload_all() -> list[bool]:
        answers = await asyncio.gather(*(store.accept_async(hashlib.sha256(b).hexdigest(), b)
                                         for b in bundles))
        return [a.new for a in answers]

    try:
        assert all(asyncio.run(upload_all()))
        assert store._commit.batches < len(bundles)
        assert sorted(store.stored()) == sorted(hashlib.sha256(b).hexdigest()
                                                for b in bundles)
    finally:
        store.close()
