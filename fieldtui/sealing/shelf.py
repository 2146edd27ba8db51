"""What sealing and sync need from the device's session store, as one small interface.

`DeviceShelf` is the real one over `fieldtui.store`; tests may pass their own.
"""

from __future__ import annotations

from typing import Any, Protocol

from fieldtui.store.device import UnlockedDevice
from fieldtui.store.home import DeviceHome


class Shelf(Protocol):
    """Sessions as sealing sees them."""

    def complete(self) -> list[str]:
        """Ids of sessions that are finished (`complete` or `refused`) and ready to seal."""
        ...

    def document(self, session_id: str) -> dict[str, Any]:
        """The session document (docs/internals.md)."""
        ...

    def set_status(self, session_id: str, status: str) -> None:
        """Set `sealed` (no more edits) or `receipted`; nothing once the plaintext is gone."""
        ...

    def remove_plaintext(self, session_id: str) -> None:
        """Mark the session receipted and delete its plaintext store; idempotent."""
        ...


class DeviceShelf:
    """The device's encrypted session stores (`fieldtui.store.session_store`)."""

    def __init__(self, device: UnlockedDevice) -> None:
        self.device = device

    def complete(self) -> list[str]:
        """Ids of complete and refused sessions (both are outcomes to report), oldest first."""
        from fieldtui.store.sessions import list_sessions

        return [m.session_id for m in list_sessions(self.device.home)
                if m.status in ("complete", "refused")]

    def document(self, session_id: str) -> dict[str, Any]:
        """The session's document, read with the device identity."""
        store = self._open(session_id)
        try:
            document: dict[str, Any] = store.document()
            return document
        finally:
            store.close()

    def set_status(self, session_id: str, status: str) -> None:
        """Record `sealed` or `receipted` in the store and its sidecar."""
        if not DeviceHome(self.device.home).store(session_id).exists():
            return  # plaintext already removed after a receipt: nothing left to mark
        store = self._open(session_id)
        try:
            store.set_status(status)
        finally:
            store.close()

    def remove_plaintext(self, session_id: str) -> None:
        """Mark it receipted and delete its encrypted store (the sidecar stays)."""
        from fieldtui.store.sessions import remove_plaintext

        remove_plaintext(self.device.home, session_id)

    def _open(self, session_id: str) -> Any:
        from fieldtui.store.session_store import SessionStore

        return SessionStore.open(DeviceHome(self.device.home).store(session_id), self.device.identity)
