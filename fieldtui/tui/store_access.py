"""The app's only door to the device store: create, open and list sessions.

The screens talk to these protocols, not to `fieldtui.store` directly, so a Pilot test
can run the whole app on a real store in a temp home, and the store modules are imported
only once a session is actually needed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from fieldtui.core.plan.model import Plan

if TYPE_CHECKING:  # the store modules load only once a session is needed
    from fieldtui.store.session_store import DeviceLike
    from fieldtui.store.sessions import SessionMeta


class SessionLike(Protocol):
    """One open session store (see docs/internals.md, "Session store API")."""

    def save_answer(self, item_id: str, value: Any, *, skipped: bool = False,
                    skip_reason: str = "", key_covered: bool | None = None,
                    member: str = "", lang: str = "") -> Any:
        """Save one answer (durable before it returns), of roster member `member` when
        given, with the language it was asked in."""
        ...

    def add_note(self, item_id: str | None, text: str) -> Any:
        """Add a free note."""
        ...

    def record_consent(self, participant: str | None, given: bool, text_hash: str) -> Any:
        """Record consent given or declined."""
        ...

    def set_field(self, name: str, value: Any) -> Any:
        """Set reflections, summary, respondent, checklist, position, rosters or seed."""
        ...

    def append_event(self, type: str, **data: Any) -> int:
        """Append one event."""
        ...

    def set_participants(self, participants: list[dict[str, Any]]) -> Any:
        """Replace the participants list (a group meeting's roster)."""
        ...

    def mark_complete(self) -> Any:
        """Mark the session complete."""
        ...

    def mark_refused(self) -> Any:
        """Mark the session refused."""
        ...

    def document(self) -> dict[str, Any]:
        """The session document."""
        ...

    def close(self) -> Any:
        """Release the lock."""
        ...


class StoreAccess:
    """Create, open and list sessions in the device home; summarise and discard drafts."""

    def __init__(self) -> None:
        # session id -> (the store file's inode, size, mtime; its summary). The summaries
        # hold respondent codes: they stay in this process's memory, never on disk.
        self._infos: dict[str, tuple[tuple[int, int, int], Any]] = {}
        self._returns: dict[str, Any] = {}  # returned session id -> its ReturnedFacts
        self._mutex = threading.Lock()

    def create(self, plan: Plan, device: DeviceLike) -> SessionLike:
        """A new draft session for this plan."""
        from fieldtui.store.session_store import SessionStore

        store: SessionLike = SessionStore.create(device.home, plan=plan, device=device)
        return store

    def open(self, meta: SessionMeta, device: DeviceLike) -> SessionLike:
        """Open the session a sidecar describes (FieldtuiError when locked or unreadable)."""
        from fieldtui.store.session_store import SessionStore

        store: SessionLike = SessionStore.open(session_path(meta, device.home), device.identity)
        return store

    def sessions(self, home: Path) -> list[SessionMeta]:
        """The sidecars of every session on the device."""
        from fieldtui.store.sessions import list_sessions

        return list(list_sessions(home))

    def draft_info(self, meta: SessionMeta, device: DeviceLike) -> Any:
        """What tells this draft from others (`session_peek.DraftInfo`), read from its
        encrypted store; only re-read when the file changed since the last look."""
        from fieldtui.store.session_peek import peek_draft

        path = session_path(meta, device.home)
        info = os.stat(path)
        key = (info.st_ino, info.st_size, info.st_mtime_ns)
        with self._mutex:
            cached = self._infos.get(meta.session_id)
        if cached is not None and cached[0] == key:
            return cached[1]
        summary = peek_draft(path, device.identity)
        with self._mutex:
            self._infos[meta.session_id] = (key, summary)
        return summary

    def returned_facts(self, device: DeviceLike, session_id: str, seq: int) -> Any:
        """A returned session's plan and respondent (`sync.returned.ReturnedFacts`), read
        from its return `seq` (decrypted once per return; FieldtuiError when it cannot)."""
        from fieldtui.sync.returned import returned_facts

        with self._mutex:
            cached = self._returns.get(session_id)
        if cached is not None and cached.seq == seq:
            return cached
        facts = returned_facts(device.home, device.identity, device.kit.study_id,
                               device.device_id, session_id)
        with self._mutex:
            self._returns[session_id] = facts
        return facts

    def discard(self, meta: SessionMeta, device: DeviceLike) -> None:
        """Mark a draft discarded: a `discarded` event and the status, in one save. The
        store is kept; it is never sealed or sent (see docs/internals.md)."""
        from fieldtui.store.session_store import SessionStore

        store = SessionStore.open(session_path(meta, device.home), device.identity)
        with store, store.batch():
            store.append_event("discarded")
            store.mark_discarded()


def session_path(meta: SessionMeta, home: Path) -> Path:
    """Where a session's encrypted store lives (as its sidecar, read in `home`, says)."""
    return meta.store_path
