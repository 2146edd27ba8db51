"""Group commit under stress: many threads, random temp-write failures and random folder
fsync failures. Every call returns or raises (none hangs), and a call returns True only
when its file holds its bytes and a folder fsync that started after the file was
published succeeded."""

from __future__ import annotations

import errno
import random
import threading
import time
from pathlib import Path

import pytest

from fieldtui.store import durable
from fieldtui.store.group_commit import GroupCommit

THREADS = 24
ROUNDS = 8
HANG = 60  # seconds: a call still waiting after this is hung, not slow


class _FlakySync:
    """A folder fsync that fails at random and records which names a successful one
    covered (those in the folder when it started)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lock = threading.Lock()
        self.synced: set[str] = set()

    def __call__(self, folder: Path) -> None:
        names = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
        with self.lock:
            fail = self.rng.random() < 0.3
        if fail:
            raise OSError(errno.EIO, "Input/output error", str(folder))
        with self.lock:
            self.synced |= names


@pytest.mark.parametrize("unnamed", [True, False], ids=["unnamed", "temp-named"])
@pytest.mark.parametrize("seed", range(6))
def test_every_call_ends_and_true_means_durable(tmp_path: Path, seed: int, unnamed: bool,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # files written without a name (O_TMPFILE) and linked, or, where the system has no
    # such files, with a temp name
    rng = random.Random(seed)
    real_write_temp, real_write_unnamed = durable.write_temp, durable.write_unnamed
    rng_lock = threading.Lock()

    def flaky() -> None:
        with rng_lock:
            fail = rng.random() < 0.15
        if fail:
            raise OSError(errno.ENOSPC, "No space left on device")

    def flaky_write_temp(folder: Path, name: str, data: bytes) -> Path:
        flaky()
        return real_write_temp(folder, name, data)

    def flaky_write_unnamed(folder: Path, data: bytes) -> int | None:
        flaky()
        return real_write_unnamed(folder, data) if unnamed else None

    monkeypatch.setattr(durable, "write_temp", flaky_write_temp)
    monkeypatch.setattr(durable, "write_unnamed", flaky_write_unnamed)
    for round_ in range(ROUNDS):
        folder = tmp_path / str(round_)
        folder.mkdir()
        _one_round(folder, rng)


def _one_round(folder: Path, rng: random.Random) -> None:
    sync = _FlakySync(rng)
    commit = GroupCommit(folder, window=rng.choice([0.0, 0.001, 0.003]), sync_dir=sync)
    names = [f"{rng.randrange(THREADS * 2)}.ftb" for _ in range(THREADS * 2)]
    problems: list[str] = []
    lock = threading.Lock()

    def write(n: int, name: str) -> bool:
        data = f"bundle {n}".encode()
        try:
            new = commit.write_new(name, data)
        except OSError:
            return False
        if new:
            with sync.lock:
                covered = name in sync.synced
            if not covered or (folder / name).read_bytes() != data:
                with lock:
                    problems.append(f"{name} returned True but not durable")
        return new

    # daemon threads, not a pool: a hung writer fails the test and does not hold the
    # process at exit
    results: dict[int, bool] = {}
    threads = [threading.Thread(target=lambda n=n, name=name: results.__setitem__(
        n, write(n, name)), daemon=True) for n, name in enumerate(names)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + HANG
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    assert not [t for t in threads if t.is_alive()], "a writer hangs"
    won = [results[n] for n in range(len(names))]
    assert problems == []
    for name in set(names):  # one writer at most won each name
        assert sum(w for w, n in zip(won, names, strict=True) if n == name) <= 1
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temp left
