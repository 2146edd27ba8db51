"""Group commit on PostgreSQL: the uploads that arrive while a transaction commits are
stored together by the next one (one commit, one WAL flush for the batch).

The first upload to arrive leads: it takes every upload waiting, stores them in one
transaction (by one statement for the batch, `many`, as the PostgreSQL store does: see
pg.store_many; else each one's statement, pipelined), in device order, so two batches at
once, of this collector or another, lock devices in the same order, commits, and only then
wakes the batch: nothing is answered before its commit. Up to LEADERS batches run at once, so
that one is sent and executed while the one before waits for its WAL flush. When the batch's transaction fails (a deadlock with another collector, a lost
connection), each upload of it is tried again on its own, so one cannot fail the others;
retrying is safe because storing is idempotent (ON CONFLICT DO NOTHING).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from fieldtui.core.i18n import N_
from fieldtui.core.said import Said
from fieldtui.sync.collector.backend import Unavailable

Row = tuple[Any, ...]
LEADERS = 2


@dataclass
class _Job:
    fields: dict[str, Any]
    taken: bool = False  # in a leader's batch
    row: Row | None = None
    error: Unavailable | None = None
    done: bool = False


class StoreBatches:
    """Runs `statement` for each upload, batched into transactions; thread-safe."""

    def __init__(self, connect: Callable[[], AbstractContextManager[Any]],
                 statement: str, *, leaders: int = LEADERS,
                 many: Callable[[Any, list[dict[str, Any]]], list[Row]] | None = None
                 ) -> None:
        self._connect = connect
        self._statement = statement
        # stores a whole batch on an autocommit connection, committed when it returns
        self._many = many
        self._most = leaders
        self._cond = threading.Condition()
        self._queue: list[_Job] = []
        self._leaders = 0
        self.commits = 0  # transactions committed (the tests read it)

    def run(self, fields: dict[str, Any]) -> Row:
        """The statement's row for this upload, once its transaction has committed; raises
        Unavailable when it could not be stored."""
        job = _Job(fields)
        with self._cond:
            self._queue.append(job)
            while job.taken or self._leaders >= self._most:
                if job.done:
                    break
                self._cond.wait()
            lead = not job.done
            if lead:
                self._leaders += 1
                batch, self._queue = self._queue, []
                for taken in batch:
                    taken.taken = True
        if lead:
            self._lead(batch)
        if job.error is not None:
            raise job.error
        assert job.row is not None
        return job.row

    def _lead(self, batch: list[_Job]) -> None:
        try:
            self.commit(batch)
        finally:
            with self._cond:
                for job in batch:
                    if job.row is None and job.error is None:  # the leader was interrupted
                        job.error = Unavailable(Said(N_("the batch of uploads was interrupted")))
                    job.done = True
                self._leaders -= 1
                self._cond.notify_all()

    def commit(self, batch: list[_Job]) -> None:
        """Store a batch: its row (or its error) in each job, once committed."""
        if len(batch) == 1 or not self._together(batch):
            for job in batch:
                self._alone(job)

    def _together(self, batch: list[_Job]) -> bool:
        ordered = sorted(batch, key=lambda j: (j.fields["device_id"], j.fields["sha256"]))
        try:
            if self._many is not None:
                with self._connect() as conn:  # one statement, its own transaction
                    rows = self._many(conn, [job.fields for job in ordered])
            else:
                rows = self._pipelined(ordered)
        except Unavailable:
            return False  # rolled back (or unknown): each is tried alone
        self.commits += 1
        for job, row in zip(ordered, rows, strict=True):
            job.row = row
        return True

    def _pipelined(self, ordered: list[_Job]) -> list[Row]:
        with self._connect() as conn, conn.transaction(), conn.cursor() as cursor:
            # executemany pipelines: the batch's statements (prepared once per
            # connection) go out together and their rows come back together, one round
            # trip instead of one per upload
            cursor.executemany(self._statement, [job.fields for job in ordered],
                               returning=True)
            rows: list[Row] = []
            while True:
                rows.append(cursor.fetchone())
                if not cursor.nextset():
                    break
        return rows

    def _alone(self, job: _Job) -> None:
        try:
            with self._connect() as conn:
                job.row = conn.execute(self._statement, job.fields).fetchone()
            self.commits += 1
        except Unavailable as down:
            job.error = down


class LoopBatches:
    """The same group commit for uploads handled on an event loop (the server): an upload
    waits on a future, not in a thread of its own; a batch is one call of
    `StoreBatches.commit` in a worker thread, up to LEADERS batches at once. For one event
    loop at a time."""

    def __init__(self, batches: StoreBatches, *, leaders: int = LEADERS) -> None:
        self._batches = batches
        self._most = leaders
        self._queue: list[tuple[_Job, asyncio.Future[Row]]] = []
        self._leaders = 0
        self._tasks: set[asyncio.Task[None]] = set()  # held: the loop keeps weak refs only

    async def run(self, fields: dict[str, Any]) -> Row:
        """The statement's row for this upload, once its transaction has committed; raises
        Unavailable when it could not be stored."""
        done: asyncio.Future[Row] = asyncio.get_running_loop().create_future()
        self._queue.append((_Job(fields), done))
        if self._leaders < self._most:
            self._leaders += 1
            leader = asyncio.get_running_loop().create_task(self._lead())
            self._tasks.add(leader)
            leader.add_done_callback(self._tasks.discard)
        return await done

    async def _lead(self) -> None:
        try:
            while self._queue:  # checked and left in one step: no upload is left behind
                batch, self._queue = self._queue, []
                try:
                    await asyncio.to_thread(self._batches.commit, [job for job, _ in batch])
                finally:  # answered only now: committed, failed, or (never) interrupted
                    for job, done in batch:
                        if done.done():
                            continue
                        if job.row is not None:
                            done.set_result(job.row)
                        else:
                            done.set_exception(job.error or Unavailable(
                                Said(N_("the batch of uploads was interrupted"))))
        finally:
            self._leaders -= 1
