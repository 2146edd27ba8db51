"""Group commit for writers on an event loop (store.group_commit_loop): files written in
worker threads are named in batches, one folder fsync each, and no writer is answered
before the fsync that covers its name; a failed fsync fails its whole batch and takes the
names back; a name already there is never replaced; and a batch is published even while
every thread of the loop's executor is taken (uploads of the same bytes wait there)."""

from __future__ import annotations

import asyncio
import errno
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fieldtui.store.group_commit import GroupCommit, Prepared
from fieldtui.store.group_commit_loop import LoopCommit

WRITERS = 20


class _Sync:
    """A folder fsync that records which names were in the folder at each call."""

    def __init__(self) -> None:
        self.synced: set[str] = set()
        self.calls = 0

    def __call__(self, folder: Path) -> None:
        self.calls += 1
        self.synced |= {p.name for p in folder.iterdir()}


def test_writers_on_a_loop_share_fsyncs_and_none_is_answered_before_its_own(
        tmp_path: Path) -> None:
    sync = _Sync()
    commit = GroupCommit(tmp_path, sync_dir=sync)
    after: list[list[Prepared]] = []
    loop_commit = LoopCommit(commit, after=after.append)

    async def write(n: int) -> bool:
        job = await asyncio.to_thread(commit.prepare, f"b{n}", f"body {n}".encode())
        new = await loop_commit.publish(job)
        assert f"b{n}" in sync.synced  # its name was made durable before the answer
        return new

    async def write_all() -> list[bool]:
        return await asyncio.gather(*(write(n) for n in range(WRITERS)))

    try:
        assert asyncio.run(write_all()) == [True] * WRITERS
    finally:
        loop_commit.close()
    assert sync.calls < WRITERS  # batched
    assert sum(len(batch) for batch in after) == WRITERS
    assert all(job.done and job.error is None for batch in after for job in batch)
    for n in range(WRITERS):
        assert (tmp_path / f"b{n}").read_bytes() == f"body {n}".encode()


def test_a_failed_fsync_fails_the_batch_and_takes_its_names_back(tmp_path: Path) -> None:
    def broken(folder: Path) -> None:
        raise OSError(errno.EIO, "I/O error")

    commit = GroupCommit(tmp_path, sync_dir=broken)
    after: list[list[Prepared]] = []
    loop_commit = LoopCommit(commit, after=after.append)

    async def write(n: int) -> None:
        job = await asyncio.to_thread(commit.prepare, f"b{n}", b"body")
        with pytest.raises(OSError, match="I/O error"):
            await loop_commit.publish(job)

    async def write_all() -> None:
        await asyncio.gather(*(write(n) for n in range(4)))

    try:
        asyncio.run(write_all())
    finally:
        loop_commit.close()
    assert list(tmp_path.iterdir()) == []  # a retry writes each again
    assert all(job.error is not None for batch in after for job in batch)


def test_a_name_already_there_is_not_replaced_and_made_durable(tmp_path: Path) -> None:
    sync = _Sync()
    (tmp_path / "b0").write_bytes(b"another process's")
    commit = GroupCommit(tmp_path, sync_dir=sync)
    loop_commit = LoopCommit(commit)

    async def write() -> bool:
        job = await asyncio.to_thread(commit.prepare, "b0", b"mine")
        return await loop_commit.publish(job)

    try:
        assert asyncio.run(write()) is False
    finally:
        loop_commit.close()
    assert (tmp_path / "b0").read_bytes() == b"another process's"
    assert sync.calls == 1  # answered only after a folder fsync (maybe not durable yet)


def test_a_batch_is_published_while_every_executor_thread_is_taken(tmp_path: Path) -> None:
    commit = GroupCommit(tmp_path, sync_dir=_Sync())
    loop_commit = LoopCommit(commit)
    job = commit.prepare("b0", b"body")
    release = threading.Event()

    async def write() -> bool:
        loop = asyncio.get_running_loop()
        loop.set_default_executor(ThreadPoolExecutor(1))
        # the only executor thread waits (as an upload of the same bytes waits for this one)
        taken = loop.run_in_executor(None, release.wait, 10)
        try:
            return await asyncio.wait_for(loop_commit.publish(job), 5)
        finally:
            release.set()
            await taken

    try:
        assert asyncio.run(write()) is True
    finally:
        loop_commit.close()
    assert (tmp_path / "b0").read_bytes() == b"body"
