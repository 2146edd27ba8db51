"""The encrypted store of one session: every change durable before the call returns.

TinyDB over `JournalStorage` over an encrypted append-only `Journal`; the locking,
catching up, committing and rollback are in `session_engine`, the table layout in
`session_tables`. This module is the API the rest of fieldtui calls.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from tinydb.table import Document

from fieldtui.core.clock import wall_iso
from fieldtui.core.concern import Concern, check_concern, concern_row
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Plan
from fieldtui.store.durable import private_dir
from fieldtui.store.home import DeviceHome, lock_path, sidecar_path
from fieldtui.store.journal import Journal
from fieldtui.store.journal_format import Ops, parse_recipient
from fieldtui.store.lock import StoreLock
from fieldtui.store.session_engine import SessionEngine, SessionSealed
from fieldtui.store.session_tables import (
    SESSION_DOC_ID,
    SMALL_FIELDS,
    TOUCH_TABLE,
    events_table,
    first_row,
)
from fieldtui.store.sessions import sidecar_fields, write_sidecar

__all__ = ["DeviceLike", "KitLike", "SessionSealed", "SessionStore"]

EVENT_RESERVED = frozenset({"n", "at", "mono", "type"})


class KitLike(Protocol):
    """What the store (and the app) read of a study kit."""

    @property
    def study_id(self) -> str: ...
    @property
    def study_name(self) -> str: ...


class DeviceLike(Protocol):
    """An unlocked device as the store and the app use it (the one contract both rely on;
    fieldtui.store.device.UnlockedDevice satisfies it)."""

    @property
    def home(self) -> Path: ...

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
    def plans(self) -> list[Plan]: ...
    def plan_versions(self) -> list[Plan]: ...


def _checked_recipients(device: DeviceLike) -> list[str]:
    """The recipients, refused unless they parse and include the device's own key."""
    recipients = [str(r) for r in device.recipients]
    for text in recipients:
        parse_recipient(text)
    own = getattr(device.identity, "to_public", None)
    if own is None or str(own()) not in recipients:
        raise FieldtuiError(
            _("the device's own key is not among the recipients of its "
              "sessions, so it could not reopen them"), _("enroll the device again"))
    return recipients


def _remove_unborn(path: Path) -> None:
    """Remove what a failed create left (sidecar, lock): a session never half exists."""
    for leftover in (sidecar_path(path), lock_path(path)):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _json_value(value: Any, what: str) -> None:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must be plain JSON data: {exc}") from exc


class SessionStore(SessionEngine):
    """One open session store. Thread-safe; every method is durable before it returns."""

    # -- opening and closing ---------------------------------------------------------

    @classmethod
    def create(cls, home: Path, *, plan: Plan, device: DeviceLike,
               filled: tuple[dict[str, Any], dict[str, list[dict[str, Any]]]] | None = None,
               ) -> SessionStore:
        """A new draft session for `plan`, encrypted to the device's recipients; `filled`
        (session row fields, table rows) is written in the same first record (a correction:
        store/session_revise.py)."""
        recipients = _checked_recipients(device)
        session_id = secrets.token_hex(16)
        layout = DeviceHome(Path(home))
        path = layout.store(session_id)
        row = first_row(
            session_id=session_id, study_id=device.kit.study_id, device_id=device.device_id,
            interviewer=device.interviewer, method=plan.method, created=wall_iso(),
            plan={"id": plan.id, "version": plan.version, "hash": plan.content_hash},
        )
        fields, tables = filled or ({}, {})
        row.update(fields)
        ops: Ops = [{"t": "session", "p": {str(SESSION_DOC_ID): row}}]
        ops += [{"t": name, "p": {str(n): r for n, r in enumerate(rows, start=1)}}
                for name, rows in tables.items() if rows]
        store: SessionStore | None = None
        try:
            private_dir(layout.sessions)
            store = cls(path, device.identity, StoreLock(lock_path(path)))
            with store._lock.held():
                # Sidecar first: a store never exists without one (list_sessions skips
                # a draft sidecar whose store was never written).
                write_sidecar(path, sidecar_fields(row))
                store._journal = Journal.create(path, recipients, ops)
                store._storage.apply(ops)
        except BaseException as exc:
            if store is not None:
                store._close_files()
            if isinstance(exc, OSError):
                _remove_unborn(path)
                raise FieldtuiError(
                    _("could not start a new session in {parent}: {problem}").format(parent=path.parent, problem=exc.strerror or exc),
                    _("free some disk space (or check the folder's "
                      "permissions) and try again; nothing of this session "
                      "was saved")) from exc
            raise
        return store

    @classmethod
    def open(cls, path: Path, identity: Any) -> SessionStore:
        """Open a store with any identity it is encrypted to (device or study recovery)."""
        path = Path(path)
        if not path.is_file():
            raise FieldtuiError(_("no session store at {path}").format(path=path), _("check the session id"))
        try:
            store = cls(path, identity, StoreLock(lock_path(path)))
        except OSError as exc:
            raise FieldtuiError(_("cannot open the lock of session store "
                                  "{name}: {problem}").format(name=path.name, problem=exc.strerror or exc),
                                _("check free space and the folder's permissions")) from exc
        try:
            with store._lock.held():
                store._load()
                store._compact_if_long()
                # A repair of a sidecar a kill left behind; on a full disk it waits for
                # the next status change or open.
                with contextlib.suppress(OSError):
                    store._reconcile_sidecar()
        except BaseException:
            store._close_files()
            raise
        return store

    # -- changes -------------------------------------------------------------------

    def save_answer(self, item_id: str, value: Any, *, skipped: bool = False,
                    skip_reason: str = "", key_covered: bool | None = None,
                    member: str = "", lang: str = "") -> None:
        """Record (or replace) the answer to one item; `key_covered` None keeps the old mark.

        Rows are keyed by (item_id, member): `member` names a roster member ("m2", or
        "m2/v1" in a nested roster); "" (the default) is an item outside rosters, whose row
        carries no `member` at all, as before rosters existed.
        `lang` is the language the item was asked in (a plan's language tag); "" keeps the
        row's old one. A row without `lang` (older sessions) was asked in the plan's language.
        """
        _json_value(value, "an answer")
        if not isinstance(member, str):
            raise ValueError("save_answer: member must be text (\"\" outside rosters)")
        if not isinstance(lang, str):
            raise ValueError("save_answer: lang must be a language tag (text)")

        def change() -> None:
            answers = self._db.table("answers")
            doc_id, old = None, None
            for doc in answers:
                if doc["item_id"] == item_id and doc.get("member", "") == member:
                    doc_id, old = doc.doc_id, doc
                    break
            covered = key_covered if key_covered is not None else bool(
                old and old.get("key_covered"))
            row = {"item_id": item_id, "value": value, "at": wall_iso(), "skipped": skipped,
                   "skip_reason": skip_reason, "key_covered": covered}
            if member:
                row["member"] = member
            asked_in = lang or (old.get("lang", "") if old else "")
            if asked_in:
                row["lang"] = asked_in
            if doc_id is None:
                doc_id = max((d.doc_id for d in answers), default=0) + 1
            answers.upsert(Document(row, doc_id=doc_id))
            self._touch()

        self._change(change)

    def add_note(self, item_id: str | None, text: str) -> None:
        """Add a note, about an item or the session as a whole (item_id None)."""
        row = {"item_id": item_id, "text": text, "at": wall_iso()}
        self._change(lambda: self._insert("notes", row))

    def add_concern(self, concern: Concern) -> None:
        """Add a concern raised (core.concern): the session's, a participant's or, in a
        poll, nobody's (the row then holds no identifier at all)."""

        def change() -> None:
            method = self._row()["method"]
            checked = check_concern(concern, method, (concern.category,))
            self._insert("concerns", concern_row(checked, wall_iso()))

        self._change(change)

    def record_consent(self, participant: str | None, given: bool, text_hash: str) -> None:
        """Record consent (or its refusal) for the respondent (None) or a participant."""
        row = {"participant": participant, "given": bool(given), "at": wall_iso(),
               "text_hash": text_hash}
        self._change(lambda: self._insert("consent", row))

    def set_participants(self, participants: list[dict[str, Any]]) -> None:
        """Replace the group roster."""
        _json_value(participants, "participants")
        if not all(isinstance(p, dict) for p in participants):
            raise ValueError("participants must be a list of dicts")
        self._change(lambda: self._set_row(participants=participants))

    def set_field(self, name: str, value: Any) -> None:
        """Set reflections, summary, respondent, checklist, position, rosters or seed."""
        if name not in SMALL_FIELDS:
            raise ValueError(f"set_field: {name!r} is not one of {', '.join(SMALL_FIELDS)}")
        _json_value(value, name)

        def change() -> None:
            if name == "respondent" and value is not None and self._row()["method"] == "poll":
                raise FieldtuiError(_("a poll records no respondent code"),
                                    _("leave the respondent empty in a poll"))
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
            event = {"n": n, "at": wall_iso(), "mono": round(time.monotonic(), 6),
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

    def mark_discarded(self) -> None:
        """Draft -> discarded: the interviewer gave the draft up. The store is kept (it is
        never silently deleted), but no longer edited, listed as a draft, sealed or sent."""
        self._change(lambda: self._move("discarded", ("draft",)), status=True)

    def set_status(self, status: str) -> None:
        """`sealed` (from complete or refused) or `receipted` (from sealed)."""
        allowed = {"sealed": ("complete", "refused"), "receipted": ("sealed",)}
        if status not in allowed:
            raise ValueError("set_status takes 'sealed' or 'receipted'; use mark_complete "
                             "or mark_refused for the others")
        self._change(lambda: self._move(status, allowed[status]), status=True)

    # -- internals -----------------------------------------------------------------

    def _move(self, status: str, sources: tuple[str, ...]) -> None:
        current = self._row()["status"]
        if current == status:
            return
        if current not in sources:
            if current in ("sealed", "receipted", "discarded"):
                self._check_editable()
            raise FieldtuiError(_("session {session_id} is {current}, so it "
                                  "cannot become {status}").format(session_id=self.session_id, current=current, status=status), _("check the session's status"))
        fields: dict[str, Any] = {"status": status}
        if status in ("complete", "refused"):
            fields["completed"] = wall_iso()
        self._set_row(**fields)

    def _set_row(self, **fields: Any) -> None:
        self._db.table("session").update(fields, doc_ids=[SESSION_DOC_ID])
        self._touch()

    def _touch(self) -> None:
        # `updated` has a table of its own so a save does not rewrite the session row.
        self._db.table(TOUCH_TABLE).upsert(Document({"updated": wall_iso()}, doc_id=1))

    def _insert(self, table_name: str, row: dict[str, Any]) -> None:
        table = self._db.table(table_name)
        table.insert(Document(row, doc_id=len(table) + 1))
        self._touch()
