"""The encrypted store of one session: every change durable before the call returns.

TinyDB over `JournalStorage` over an encrypted append-only `Journal`. Each public call
takes the store's flock, catches up with anything another process appended, applies
its change through TinyDB in one batch and commits it as one journal record (two
fdatasyncs). Compaction happens on open and close, never inside a save.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from tinydb import TinyDB
from tinydb.table import Document

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan import Plan
from fieldtui.store.durable import private_dir
from fieldtui.store.journal import Journal, StoreGone
from fieldtui.store.journal_format import Ops, damaged
from fieldtui.store.lock import StoreLock
from fieldtui.store.session_tables import (
    SESSION_DOC_ID,
    SMALL_FIELDS,
    TOUCH_TABLE,
    build_document,
    event_count,
    events_table,
    first_row,
)
from fieldtui.store.sessions import (
    RANK,
    lock_path,
    now_iso,
    read_sidecar,
    sidecar_fields,
    sidecar_path,
    store_path,
    write_sidecar,
)
from fieldtui.store.tinydb_storage import JournalStorage

T = TypeVar("T")
COMPACT_AFTER = 512  # records; replaying more than this on open is wasted time
EVENT_RESERVED = frozenset({"n", "at", "mono", "type"})


class KitLike(Protocol):
    """What the store needs of a kit."""

    @property
    def study_id(self) -> str: ...


class DeviceLike(Protocol):
    """What the store needs of an unlocked device (fieldtui.store.device.UnlockedDevice)."""

    @property
    def device_id(self) -> str: ...
    @property
    def interviewer(self) -> str: ...
    @property
    def identity(self) -> Any: ...
    @property
    def recipients(self) -> Sequence[str]: ...
    @property
    def kit(self) -> KitLike: ...


class SessionSealed(FieldtuiError):
    """A change to a sealed or receipted session."""


def _json_value(value: Any, what: str) -> None:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must be plain JSON data: {exc}") from exc


class SessionStore:
    """One open session store. Thread-safe; every method is durable before it returns."""

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

    # -- opening and closing ---------------------------------------------------------

    @classmethod
    def create(cls, home: Path, *, plan: Plan, device: DeviceLike) -> SessionStore:
        """A new draft session for `plan`, encrypted to the device's recipients."""
        private_dir(Path(home) / "sessions")
        session_id = secrets.token_hex(16)
        path = store_path(Path(home), session_id)
        row = first_row(
            session_id=session_id, study_id=device.kit.study_id, device_id=device.device_id,
            interviewer=device.interviewer, method=plan.method, created=now_iso(),
            plan={"id": plan.id, "version": plan.version, "hash": plan.content_hash},
        )
        ops: Ops = [{"t": "session", "p": {str(SESSION_DOC_ID): row}}]
        store = cls(path, device.identity, StoreLock(lock_path(path)))
        with store._lock.held():
            # Sidecar first: a store never exists without one (list_sessions skips a
            # draft sidecar whose store was never written).
            write_sidecar(path, sidecar_fields(row))
            store._journal = Journal.create(path, list(device.recipients), ops)
            store._storage.apply(ops)
        return store

    @classmethod
    def open(cls, path: Path, identity: Any) -> SessionStore:
        """Open a store with any identity it is encrypted to (device or study recovery)."""
        path = Path(path)
        if not path.is_file():
            raise FieldtuiError(f"no session store at {path}", "check the session id")
        store = cls(path, identity, StoreLock(lock_path(path)))
        try:
            with store._lock.held():
                store._load()
                store._compact_if_long()
                store._reconcile_sidecar()
        except BaseException:
            store._close_files()
            raise
        return store

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

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def session_id(self) -> str:
        """This session's id."""
        return self.path.name.removesuffix(".ftj")

    # -- changes -------------------------------------------------------------------

    def save_answer(self, item_id: str, value: Any, *, skipped: bool = False,
                    skip_reason: str = "", key_covered: bool | None = None) -> None:
        """Record (or replace) the answer to one item; `key_covered` None keeps the old mark."""
        _json_value(value, "an answer")

        def change() -> None:
            answers = self._db.table("answers")
            doc_id, old = None, None
            for doc in answers:
                if doc["item_id"] == item_id:
                    doc_id, old = doc.doc_id, doc
                    break
            covered = key_covered if key_covered is not None else bool(
                old and old.get("key_covered"))
            row = {"item_id": item_id, "value": value, "at": now_iso(), "skipped": skipped,
                   "skip_reason": skip_reason, "key_covered": covered}
            if doc_id is None:
                doc_id = max((d.doc_id for d in answers), default=0) + 1
            answers.upsert(Document(row, doc_id=doc_id))
            self._touch()

        self._change(change)

    def add_note(self, item_id: str | None, text: str) -> None:
        """Add a note, about an item or the session as a whole (item_id None)."""
        row = {"item_id": item_id, "text": text, "at": now_iso()}
        self._change(lambda: self._insert("notes", row))

    def record_consent(self, participant: str | None, given: bool, text_hash: str) -> None:
        """Record consent (or its refusal) for the respondent (None) or a participant."""
        row = {"participant": participant, "given": bool(given), "at": now_iso(),
               "text_hash": text_hash}
        self._change(lambda: self._insert("consent", row))

    def set_participants(self, participants: list[dict[str, Any]]) -> None:
        """Replace the group roster."""
        _json_value(participants, "participants")
        if not all(isinstance(p, dict) for p in participants):
            raise ValueError("participants must be a list of dicts")
        self._change(lambda: self._set_row(participants=participants))

    def set_field(self, name: str, value: Any) -> None:
        """Set reflections, summary, respondent, checklist or position."""
        if name not in SMALL_FIELDS:
            raise ValueError(f"set_field: {name!r} is not one of {', '.join(SMALL_FIELDS)}")
        _json_value(value, name)

        def change() -> None:
            if name == "respondent" and value is not None and self._row()["method"] == "poll":
                raise FieldtuiError("a poll records no respondent code",
                                    "leave the respondent empty in a poll")
            self._set_row(**{name: value})

        self._change(change)

    def append_event(self, type: str, **data: Any) -> int:
        """Append one paradata event; returns its number `n`."""
        clash = EVENT_RESERVED & data.keys()
        if clash:
            raise ValueError(f"append_event: {', '.join(sorted(clash))} are set by the store")
        _json_value(data, "event data")

        def change() -> int:
            n = self._events
            table, doc_id = events_table(n)
            event = {"n": n, "at": now_iso(), "mono": round(time.monotonic(), 6),
                     "type": type, **data}
            self._db.table(table).insert(Document(event, doc_id=doc_id))
            self._touch()
            self._events = n + 1
            return n

        return self._change(change)

    def mark_complete(self) -> None:
        """Draft -> complete (again on a complete session: nothing changes)."""
        self._change(lambda: self._move("complete", ("draft",)), status=True)

    def mark_refused(self) -> None:
        """Draft -> refused (the respondent declined)."""
        self._change(lambda: self._move("refused", ("draft",)), status=True)

    def set_status(self, status: str) -> None:
        """`sealed` (from complete or refused) or `receipted` (from sealed)."""
        allowed = {"sealed": ("complete", "refused"), "receipted": ("sealed",)}
        if status not in allowed:
            raise ValueError("set_status takes 'sealed' or 'receipted'; use mark_complete "
                             "or mark_refused for the others")
        self._change(lambda: self._move(status, allowed[status]), status=True)

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
                                "a change in this batch failed, so none of it was saved",
                                "fix the failing change and save again")
                finally:
                    self._in_batch = False
                self._reconcile_sidecar()

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

    # -- internals -----------------------------------------------------------------

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
                    self._reconcile_sidecar()
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
                raise FieldtuiError(
                    f"could not save to {self.path.name}: {exc.strerror}",
                    "free some disk space and try again; what was saved before is kept",
                ) from exc
            raise

    def _require_open(self) -> None:
        if self._journal is None:
            raise FieldtuiError("this session is closed", "open it again")

    def _append(self, ops: Ops) -> None:
        assert self._journal is not None
        self._journal.append(ops)

    def _check_editable(self) -> None:
        status = self._row()["status"]
        if status in ("sealed", "receipted"):
            raise SessionSealed(f"session {self.session_id} is {status}: it cannot change",
                                "start a new session for anything more")

    def _move(self, status: str, sources: tuple[str, ...]) -> None:
        current = self._row()["status"]
        if current == status:
            return
        if current not in sources:
            if current in ("sealed", "receipted"):
                self._check_editable()
            raise FieldtuiError(f"session {self.session_id} is {current}, so it cannot "
                                f"become {status}", "check the session's status")
        fields: dict[str, Any] = {"status": status}
        if status in ("complete", "refused"):
            fields["completed"] = now_iso()
        self._set_row(**fields)

    def _row(self) -> dict[str, Any]:
        row: dict[str, Any] = self._storage.read()["session"][str(SESSION_DOC_ID)]
        return row

    def _set_row(self, **fields: Any) -> None:
        self._db.table("session").update(fields, doc_ids=[SESSION_DOC_ID])
        self._touch()

    def _touch(self) -> None:
        # `updated` has a table of its own so a save does not rewrite the session row.
        self._db.table(TOUCH_TABLE).upsert(Document({"updated": now_iso()}, doc_id=1))

    def _insert(self, table_name: str, row: dict[str, Any]) -> None:
        table = self._db.table(table_name)
        table.insert(Document(row, doc_id=len(table) + 1))
        self._touch()

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
            raise damaged(self.path.name, f"its records do not describe a session ({exc})"
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
            self._journal.compact(self._storage.snapshot())

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
