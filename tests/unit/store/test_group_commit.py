"""Group commit: many writers share one folder fsync, and none returns before the fsync
that covers its file (nothing acknowledged before it is durable)."""

from __future__ import annotations

import errno
import os
import stat
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fieldtui.store import durable
from fieldtui.store.group_commit import GroupCommit

WRITERS = 16


class _SlowSync:
    """A folder fsync that records, per call, which files were in the folder when it
    started and holds the first call until released."""

    def __init__(self) -> None:
        self.synced: set[str] = set()
        self.calls = 0
        self.entered = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, folder: Path) -> None:
        names = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
        with self.lock:
            self.calls += 1
        self.entered.set()
        assert self.release.wait(10)
        with self.lock:
            self.synced |= names


def test_no_writer_returns_before_the_fsync_that_covers_its_file(tmp_path: Path) -> None:
    sync = _SlowSync()
    commit = GroupCommit(tmp_path, window=0.05, sync_dir=sync)
    returned: list[str] = []
    lock = threading.Lock()

    def write(n: int) -> None:
        assert commit.write_new(f"{n}.ftb", f"bundle {n}".encode())
        with lock:
            returned.append(f"{n}.ftb")
            assert f"{n}.ftb" in sync.synced  # its folder fsync had finished

    with ThreadPoolExecutor(WRITERS) as pool:
        futures = [pool.submit(write, n) for n in range(WRITERS)]
        assert sync.entered.wait(10)
        # the batch is published (linked) but its fsync has not finished: nobody returned
        assert returned == []
        sync.release.set()
        for future in futures:
            future.result()
    assert sorted(returned) == sorted(f"{n}.ftb" for n in range(WRITERS))
    assert all((tmp_path / f"{n}.ftb").read_bytes() == f"bundle {n}".encode()
               for n in range(WRITERS))
    assert sync.calls < WRITERS  # batched: fewer folder fsyncs than files
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left


def test_a_failed_folder_fsync_fails_every_write_of_its_batch(tmp_path: Path) -> None:
    def broken(folder: Path) -> None:
        raise OSError(errno.EIO, "Input/output error", str(folder))

    commit = GroupCommit(tmp_path, window=0.05, sync_dir=broken)
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(commit.write_new, f"{n}.ftb", b"x") for n in range(4)]
        for future in futures:
            with pytest.raises(OSError, match="Input/output"):
                future.result()


def test_a_name_already_written_is_never_rewritten(tmp_path: Path) -> None:
    commit = GroupCommit(tmp_path)
    assert commit.write_new("a.ftb", b"first")
    assert not commit.write_new("a.ftb", b"second")
    assert (tmp_path / "a.ftb").read_bytes() == b"first"
    with ThreadPoolExecutor(8) as pool:  # the same name from many writers: one wins
        won = list(pool.map(lambda n: commit.write_new("b.ftb", f"{n}".encode()), range(8)))
    assert won.count(True) == 1


def test_a_name_taken_after_the_callers_look_is_never_overwritten(tmp_path: Path) -> None:
    # absent=True spares the look at the name, not the refusal to overwrite: a file, or a
    # planted link, that took the name meanwhile stays as it was, and the call says False
    commit = GroupCommit(tmp_path)
    (tmp_path / "a.ftb").write_bytes(b"there first")
    (tmp_path / "b.ftb").symlink_to(tmp_path / "elsewhere")
    assert not commit.write_new("a.ftb", b"second", absent=True)
    assert not commit.write_new("b.ftb", b"second", absent=True)
    assert (tmp_path / "a.ftb").read_bytes() == b"there first"
    assert not (tmp_path / "elsewhere").exists()
    assert commit.write_new("c.ftb", b"new", absent=True)
    assert (tmp_path / "c.ftb").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ftb", "b.ftb", "c.ftb"]  # no temp


def test_writers_arriving_during_a_batch_form_the_next_one(tmp_path: Path) -> None:
    sync = _SlowSync()
    commit = GroupCommit(tmp_path, window=0.0, sync_dir=sync)
    returned: list[str] = []
    lock = threading.Lock()

    def write(n: int) -> None:
        assert commit.write_new(f"{n}.ftb", f"bundle {n}".encode())
        with lock:
            returned.append(f"{n}.ftb")
            assert f"{n}.ftb" in sync.synced

    with ThreadPoolExecutor(WRITERS) as pool:
        first = pool.submit(write, 0)
        assert sync.entered.wait(10)  # the first batch (one file) holds its fsync
        later = [pool.submit(write, n) for n in range(1, WRITERS)]
        for _ in range(10_000):  # until every later writer has written and waits
            with commit._lock:
                if len(commit._queue) == WRITERS - 1:
                    break
            time.sleep(0.001)
        assert len(commit._queue) == WRITERS - 1
        assert returned == []
        sync.release.set()
        for future in [first, *later]:
            future.result()
    # the first writer's batch, then one batch led by a writer that waited during it
    assert sync.calls == 2
    assert sorted(returned) == sorted(f"{n}.ftb" for n in range(WRITERS))


def test_a_batch_that_breaks_off_answers_none_of_its_writers_true(tmp_path: Path) -> None:
    # not an OSError (a bug, MemoryError): the folder fsync did not happen, so no writer
    # of that batch may be told its file is stored
    held = threading.Event()

    def broken(folder: Path) -> None:
        held.wait(0.2)  # let the whole batch gather
        raise RuntimeError("the folder fsync broke off")

    commit = GroupCommit(tmp_path, window=0.05, sync_dir=broken)
    outcomes: list[str] = []

    def write(n: int) -> None:
        try:
            outcomes.append(f"returned {commit.write_new(f'{n}.ftb', b'x')}")
        except (OSError, RuntimeError):
            outcomes.append("raised")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(write, range(4)))
    assert outcomes == ["raised"] * 4


def test_a_file_whose_folder_fsync_failed_is_written_again_on_retry(tmp_path: Path) -> None:
    # its name was linked but never made durable: a retry must not hear "already there"
    calls: list[str] = []

    def once_broken(folder: Path) -> None:
        calls.append("fsync")
        if len(calls) == 1:
            raise OSError(errno.EIO, "Input/output error", str(folder))

    commit = GroupCommit(tmp_path, window=0.0, sync_dir=once_broken)
    with pytest.raises(OSError, match="Input/output"):
        commit.write_new("a.ftb", b"bundle")
    assert commit.write_new("a.ftb", b"bundle")
    assert calls == ["fsync", "fsync"]
    assert (tmp_path / "a.ftb").read_bytes() == b"bundle"


def test_a_name_found_taken_is_answered_only_after_a_folder_fsync(tmp_path: Path) -> None:
    # another process may have linked that name in a batch whose folder fsync has not run
    # yet: the writer who finds it says False only once a folder fsync covered the name,
    # and raises when that fsync fails (it must not be told the file is stored)
    synced: list[set[str]] = []

    def sync(folder: Path) -> None:
        synced.append({p.name for p in folder.iterdir()})

    commit = GroupCommit(tmp_path, sync_dir=sync)
    (tmp_path / "a.ftb").write_bytes(b"linked by another process")
    assert not commit.write_new("a.ftb", b"linked by another process", absent=True)
    assert synced == [{"a.ftb"}]

    def broken(folder: Path) -> None:
        raise OSError(errno.EIO, "Input/output error", str(folder))

    failing = GroupCommit(tmp_path, sync_dir=broken)
    with pytest.raises(OSError, match="Input/output"):
        failing.write_new("a.ftb", b"linked by another process", absent=True)
    assert (tmp_path / "a.ftb").read_bytes() == b"linked by another process"  # not theirs to take back


def test_files_are_written_without_a_temp_name_where_the_system_allows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # O_TMPFILE: written and fsynced with no name, then linked once (no temp name to
    # create and unlink, none left behind by a crash); elsewhere a temp name as before
    named: list[str] = []
    real = durable.write_temp

    def spied(folder: Path, name: str, data: bytes) -> Path:
        named.append(name)
        return real(folder, name, data)

    monkeypatch.setattr(durable, "write_temp", spied)
    probe = durable.write_unnamed(tmp_path, b"")
    if probe is None:
        pytest.skip("no O_TMPFILE on this system or filesystem")
    os.close(probe)
    commit = GroupCommit(tmp_path)
    assert commit.write_new("a.ftb", b"first")
    assert not commit.write_new("a.ftb", b"second", absent=True)
    assert named == []
    assert (tmp_path / "a.ftb").read_bytes() == b"first"
    assert stat.S_IMODE((tmp_path / "a.ftb").stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ftb"]


def test_a_file_that_cannot_be_linked_by_proc_is_written_with_a_temp_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # no /proc mounted (a container): the unnamed file cannot be named, so it is written
    # again with a temp name, and so are the next ones
    def no_proc(fd: int, path: Path) -> None:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "/proc/self/fd")

    monkeypatch.setattr(durable, "link_unnamed", no_proc)
    synced: list[Path] = []
    commit = GroupCommit(tmp_path, sync_dir=synced.append)
    assert commit.write_new("a.ftb", b"first")
    assert commit.write_new("b.ftb", b"second")
    assert (tmp_path / "a.ftb").read_bytes() == b"first"
    assert (tmp_path / "b.ftb").read_bytes() == b"second"
    assert len(synced) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ftb", "b.ftb"]  # no temp
