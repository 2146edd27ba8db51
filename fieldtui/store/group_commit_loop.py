"""Group commit for writers on an event loop (the collector's server): each file is written
and fsynced in a worker thread (`GroupCommit.prepare`), then its upload waits on a future,
not in a thread of its own, while one worker-thread call names a whole batch and fsyncs the
folder once (`GroupCommit.publish`). Uploads that come back while a batch is published
form the next one. So a batch costs one thread hand-over, where a writer per thread cost a
wait and a wake-up each (futexes and GIL hand-overs while the loop hashes and verifies).
Nothing is answered before the folder fsync that covers it. For one event loop at a time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from fieldtui.store.group_commit import GroupCommit, Prepared


class LoopCommit:
    """Publishes prepared files in batches for coroutines of one event loop. `after` runs
    in the worker thread once a batch is done (each job `done`, with its `error` or not),
    before any of its writers is answered."""

    def __init__(self, commit: GroupCommit,
                 after: Callable[[list[Prepared]], None] | None = None) -> None:
        self._commit = commit
        self._after = after
        self._queue: list[tuple[Prepared, asyncio.Future[None]]] = []
        self._leading = False
        self._tasks: set[asyncio.Task[None]] = set()  # held: the loop keeps weak refs only
        # a thread of its own, not the loop's executor: uploads of the same bytes wait in
        # those threads for this batch, and must not be able to take every one of them
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="group-commit")

    def close(self) -> None:
        """Let the publishing thread end (once no batch is under way)."""
        self._thread.shutdown(wait=True)

    async def publish(self, job: Prepared) -> bool:
        """Name `job`'s file durably with whatever batch forms: True when named now, False
        when the name was there (made durable as well); raises the batch's error."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((job, done))
        if not self._leading:
            self._leading = True
            leader = asyncio.get_running_loop().create_task(self._lead())
            self._tasks.add(leader)
            leader.add_done_callback(self._tasks.discard)
        await done
        if job.error is not None:
            raise job.error
        if not job.done:  # the batch never ran (the loop was stopped under it)
            raise OSError("the batch of writes was interrupted")
        return job.new

    async def _lead(self) -> None:
        try:
            while self._queue:  # checked and left in one step: no writer is left behind
                batch, self._queue = self._queue, []
                try:
                    await asyncio.get_running_loop().run_in_executor(
                        self._thread, self._publish, [job for job, _ in batch])
                finally:  # answered only now: published, failed, or (never) interrupted
                    for _, done in batch:
                        if not done.done():
                            done.set_result(None)
        finally:
            self._leading = False

    def _publish(self, jobs: list[Prepared]) -> None:
        try:
            self._commit.publish(jobs)
        finally:
            if self._after is not None:
                self._after(jobs)
