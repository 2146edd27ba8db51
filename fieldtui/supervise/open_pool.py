"""Opening bundles in worker processes while the merge writes what they opened.

Decrypting (pyrage holds the GIL for the whole call) and checking both signatures is half
of a merge's work; writing the sessions is the other half and must stay in one process
(one SQLite connection). With several cores, worker processes open the next bundles while
the merging process loads the ones opened before (and opens a batch itself when it would
otherwise wait): in seal order, a bounded number of batches ahead, each bundle's contents loaded only after its worker verified it (every
check `opener` makes, as in one process). A refusal comes back as its one line.

Workers are forked: they inherit the opener (and the study identity inside it) in memory;
nothing is pickled to them but bundle bytes and paths, nothing written to disk, and they
never touch the dataset (the forked connection is not used, and a worker leaves with
os._exit, so nothing of it is closed or flushed there).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.session_rows import body_and_hash

if TYPE_CHECKING:
    from fieldtui.supervise.opener_types import Opened, Opener

BATCH = 16  # bundles a task: a task's round trip costs about a tenth of a bundle's opening
AHEAD = 3  # batches queued per worker: enough to keep each busy, few in memory
MIN_BUNDLES = 256  # fewer than this are opened in the merging process: forking costs more
QUIET = 0.5  # a load average under which one of two cores is free for a worker
MAX_WORKERS = 4  # with the merging process writing about half as fast as one worker opens
# Bundles from a stick or another's collector are up to 16 MiB each: counted in bundles
# alone, 4 workers x 3 batches x 16 read ahead held 2.5 GB of 200 junk 16 MiB files in the
# merging process. A batch ends at BATCH bundles or once it holds BATCH_BYTES; no batch is
# queued past AHEAD_BYTES (one always is), so about 200 MB at most is read ahead. Real
# bundles are tens of KB: 192 of them are a few MB, and never reach either bound.
BATCH_BYTES = 32 * 1024 * 1024
AHEAD_BYTES = 128 * 1024 * 1024

_opener: Opener | None = None  # the worker's, inherited from the merging process


@dataclass(frozen=True)
class Contents:
    """What a worker sends back of a bundle it opened: what the merge loads, and each
    session's stored body with its hash (`session_rows.body_and_hash`: canonical JSON, a fifth of what is
    left to the merging process), or None when one could not be made (the merging
    process then makes them, and meets the same error, as without workers)."""

    manifest: dict[str, Any]
    sessions: list[dict[str, Any]]
    bodies: list[tuple[bytes, str]] | None = None


Result = Contents | str  # the contents, or the refusal's line


def workers_here() -> int:
    """How many workers `merge` uses here: one per core this process may run on, less one
    for the merging process, at most MAX_WORKERS; on two cores one while the machine is
    nearly idle (its load average, of every process on it, under QUIET: a core is then free
    for the worker), else none. Measured on two idle cores (bench/bench_merge.py, 10,000
    bundles): 1,595 bundles/s with one worker, the merging process opening the batches
    it would wait for (`opened_in_order`), against 1,301 without a worker (1,365 when the
    worker opened every bundle and the merging process idled while it waited); a worker
    pays only with a core free for each process: on two loaded cores it would take the
    merging process's core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    if cores > 2:
        return min(cores - 1, MAX_WORKERS)
    return 1 if cores == 2 and _load() < QUIET else 0


def _load() -> float:
    """The last minute's load average (runnable processes); a core's worth where unknown."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 1.0


def _start(opener: Opener) -> None:
    global _opener
    _opener = opener


def _open(batch: list[tuple[bytes, str]]) -> list[Result]:
    assert _opener is not None
    done: list[Result] = []
    for data, path in batch:
        try:
            opened = _opener(data, Path(path))
        except FieldtuiError as exc:
            done.append(exc.line())
            continue
        try:
            bodies = [body_and_hash(doc) for doc in opened.sessions]
        except Exception:  # malformed: the merging process meets it and says what
            bodies = None
        done.append(Contents(opened.manifest, opened.sessions, bodies))
    return done


def opened_in_order(items: Iterable[tuple[bytes, Path]], opener: Opener,
                    workers: int) -> Iterator[Opened | str | None]:
    """Each item's opened contents, or its refusal's line, in the items' order, opened by
    `workers` forked processes; the items are read lazily, a few batches ahead. None: an
    item the caller opens itself. Whenever the caller had to wait for a worker's batch,
    the next batch queued is left to it (its core would otherwise idle while the workers
    open: on two cores the merging process loads a bundle in half the time a worker opens
    one), so the two share the opening as their paces allow, in order all the same."""
    context = multiprocessing.get_context("fork")
    source = iter(items)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                               initargs=(opener,))
    try:
        # each batch with its size in bytes; no future: the caller's to open
        queued: deque[tuple[Future[list[Result]] | None, int, int]] = deque()
        share = False  # the next batch queued is the caller's

        def submit() -> bool:
            nonlocal share
            batch = [(data, str(path)) for data, path in _take(source, BATCH)]
            if batch:
                size = sum(len(b[0]) for b in batch)
                queued.append((None if share else pool.submit(_open, batch), len(batch), size))
                share = False
            return bool(batch)

        def room() -> bool:
            sent = sum(1 for future, _n, _size in queued if future is not None)
            return not queued or (sent < workers * AHEAD
                                  and sum(size for _f, _n, size in queued) < AHEAD_BYTES)

        def fill() -> None:
            while room() and submit():
                pass

        fill()
        while queued:
            future, count, _size = queued.popleft()
            if future is None:
                fill()
                yield from [None] * count
                continue
            share = share or not future.done()  # waited: the caller opens the next one
            results = future.result()
            fill()
            yield from results
    finally:
        # the merge stopped (done, an error, an interrupt): queued batches are dropped
        pool.shutdown(wait=True, cancel_futures=True)


def _take(source: Iterator[tuple[bytes, Path]], count: int) -> list[tuple[bytes, Path]]:
    taken = []
    size = 0
    for item in source:
        taken.append(item)
        size += len(item[0])
        if len(taken) == count or size >= BATCH_BYTES:
            break
    return taken
