"""The machinery under a session store: lock, journal, TinyDB in memory, rollback.

Each change runs with the store's flock held: catch up with anything another process
appended, apply the change through TinyDB in one batch, commit it as one journal record
(two fdatasyncs). If anything fails, memory is reloaded from the disk, so what a caller
sees is always what was saved. Compaction happens on open and close, never in a save.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.home import session_id_of, sidecar_path
from fieldtui.store.journal import Journal, StoreGone
from fieldtui.store.journal_format import Ops, damaged
from fieldtui.store.lock import StoreLock
from fieldtui.store.session_tables import SESSION_DOC_ID, build_document, event_count
from fieldtui.store.sessions import RANK, read_sidecar, sidecar_fields, write_sidecar
from fieldtui.store.tinydb_storage import JournalStorage

T = TypeVar("T")
COMPACT_AFTER = 512  # records; replaying more than this on open is wasted time


def disk_error(name: str, exc: OSError) -> FieldtuiError:
    """A failed write (full disk, read-only folder) as the one-line error users see."""
    return FieldtuiError(_("could not save to {name}: {problem}").format(name=name, problem=exc.strerror or exc),
                         _("free some disk space and try again; what was "
                           "saved before is kept"))


class SessionSealed(FieldtuiError):
    """A change to a sealed, receipted or discarded session."""


class SessionEngine:
    """An open session journal with its lock and in-memory TinyDB; thread-safe."""

    def __init__(self, path: Path, identity: Any, lock: StoreLock) -> None:
        self.path = path
        self._identity = identity
        self._lock = lock
        self._mutex = threading.RLock()
        self._journal: Journal | None = None
        self._storage = JournalStorage(self._append)
        self._db = TinyDB(storage=lambda: self._storage)
        self._events = 0
        self._in_batch = False
        self._batch_failed = False

    def close(self) -> None:
        """Compact if the journal is long, and release the files (idempotent)."""
        with self._mutex:
            if self._journal is None:
                return
            try:
                with self._lock.held():
                    self._refresh()
                    self._compact_if_long()
            except StoreGone:
                pass  # removed after its receipt: nothing left to compact
            finally:
                self._close_files()

    def __enter__(self) -> SessionEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def session_id(self) -> str:
        """This session's id."""
        return session_id_of(self.path)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make the changes in the block one durable save (one journal record).

        Holds the lock for the block. If any change in it fails, none of them is saved.
        """
        with self._mutex:
            self._require_open()
            if self._in_batch:
                yield
                return
            with self._lock.held():
                self._refresh()
                self._in_batch, self._batch_failed = True, False
                try:
                    with self._saving():
                        yield
                        if self._batch_failed:
                            raise FieldtuiError(
                                _("a change in this batch failed, so none of "
                                  "it was saved"),
                                _("fix the failing change and save again"))
                finally:
                    self._in_batch = False
                self._sidecar_after_save()

    # -- reading -------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The whole session document (a copy), as in docs/internals.md."""
        with self._mutex:
            self._require_open()
            with self._lock.held():
                self._refresh()
                return build_document(self._storage.read())

    @property
    def status(self) -> str:
        """The session's status, as last seen."""
        with self._mutex:
            return str(self._row()["status"])

    # -- machinery -----------------------------------------------------------------

    def _change(self, change: Callable[[], T], *, status: bool = False) -> T:
        with self._mutex:
            self._require_open()
            if self._in_batch:
                if not status:
                    self._check_editable()
                try:
                    return change()
                except BaseException:
                    self._batch_failed = True
                    raise
            with self._lock.held():
                self._refresh()
                if not status:
                    self._check_editable()
                with self._saving():
                    result = change()
                if status:
                    self._sidecar_after_save()
                return result

    @contextlib.contextmanager
    def _saving(self) -> Iterator[None]:
        """Gather the block's writes into one record; on any failure reload from disk."""
        try:
            with self._storage.batch():
                yield
        except BaseException as exc:
            self._load()  # memory may be ahead of the disk: roll back to it
            if isinstance(exc, OSError):
                raise disk_error(self.path.name, exc) from exc
            raise

    def _require_open(self) -> None:
        if self._journal is None:
            raise FieldtuiError(_("this session is closed"), _("open it again"))

    def _append(self, ops: Ops) -> None:
        assert self._journal is not None
        self._journal.append(ops)

    def _check_editable(self) -> None:
        status = self._row()["status"]
        if status in ("sealed", "receipted", "discarded"):
            raise SessionSealed(_("session {session_id} is {status}: it "
                                  "cannot change").format(session_id=self.session_id, status=status),
                                _("start a new session for anything more"))

    def _row(self) -> dict[str, Any]:
        row: dict[str, Any] = self._storage.read()["session"][str(SESSION_DOC_ID)]
        return row

    def _load(self) -> None:
        """(Re)read the journal from disk into a fresh memory state."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        journal, records = Journal.open(self.path, self._identity)
        storage = JournalStorage(self._append)
        try:
            for ops in records:
                storage.apply(ops)
            if "session" not in storage.read():
                raise ValueError("no session row")
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            journal.close()
            raise damaged(self.path.name, _("its records do not describe a session "
                                            "({problem})").format(problem=exc)
                          ) from exc
        self._journal, self._storage = journal, storage
        self._db = TinyDB(storage=lambda: self._storage)
        self._events = event_count(storage.read())

    def _refresh(self) -> None:
        assert self._journal is not None
        if self._journal.replaced():
            self._load()
            return
        new = self._journal.catch_up()
        if new:
            try:
                for ops in new:
                    self._storage.apply(ops)
            except ValueError as exc:
                raise damaged(self.path.name, str(exc)) from exc
            self._events = event_count(self._storage.read())

    def _compact_if_long(self) -> None:
        assert self._journal is not None
        if self._journal.count > COMPACT_AFTER:
            # On a full disk the long journal stays whole (the temp file is removed), only
            # slower to open; the next open or close with room compacts it.
            with contextlib.suppress(OSError):
                self._journal.compact(self._storage.snapshot())

    def _sidecar_after_save(self) -> None:
        """The sidecar follows a saved status change; a retry of the same change redoes it."""
        try:
            self._reconcile_sidecar()
        except OSError as exc:
            raise disk_error(sidecar_path(self.path).name, exc) from exc

    def _reconcile_sidecar(self) -> None:
        """Rewrite the sidecar if the store's status is further along (a kill between)."""
        fields = read_sidecar(sidecar_path(self.path))
        status = str(self._row()["status"])
        if fields is None or RANK.get(str(fields.get("status")), -1) < RANK[status]:
            write_sidecar(self.path, sidecar_fields(self._row()))

    def _close_files(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self._lock.close()
