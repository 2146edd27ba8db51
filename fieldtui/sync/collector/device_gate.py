"""Which devices a collector folder lets in: their cards (devices/) and the revocations
(revoked.json), read again when `collector allow` or `revoke` changed them beside the
server, and the check of a bundle's envelope against its device's key."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import BundleError, verify_envelope
from fieldtui.bundle.envelope import Envelope
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_
from fieldtui.core.said import Said
from fieldtui.store.keys import key_id_of
from fieldtui.sync.collector.backend import (
    Refusal,
    Unavailable,
    device_not_allowed,
    revoked_device,
)
from fieldtui.sync.collector.devices import load_devices
from fieldtui.sync.collector.keys import read_revoked


class DeviceGate:
    """The cards and revocations of one folder, as last read; safe from many threads.
    `reads` counts the times they were read again (an upload refused for its device
    looks again when it moved: a card may have arrived meanwhile)."""

    def __init__(self, root: Path, log: Callable[[str], None]) -> None:
        self.root = root
        self._log = log
        # stamped before the first read: a change made meanwhile is read on the next upload
        # looked at on every upload: plain strings, no Path built each time
        self._watched = {"devices": str(root / "devices"),
                         "revoked": str(root / "revoked.json")}
        self._seen = {name: _mtime(path) for name, path in self._watched.items()}
        self._reload = threading.Lock()  # one reload at a time, not one per upload waiting
        self._devices = load_devices(root)
        self._revoked = read_revoked(root)
        self.reads = 0
        self._key_ids: dict[str, tuple[Ed25519PublicKey, str]] = {}  # device -> key, its id

    def check(self, envelope: Envelope) -> None:
        """Refusal unless the device is allowed, not revoked, and signed the envelope."""
        if envelope.device_id in self._revoked:
            raise revoked_device(envelope.device_id)
        key = self._devices.get(envelope.device_id)
        if key is None:
            raise device_not_allowed(envelope.device_id)
        known = self._key_ids.get(envelope.device_id)
        if known is None or known[0] is not key:  # hashed once per key read
            known = self._key_ids[envelope.device_id] = (key, key_id_of(key))
        key_id = known[1]
        try:
            verify_envelope(envelope, key, key_id)
        except BundleError as exc:
            raise Refusal(exc.code, exc.what_said or exc.what) from exc

    def refresh(self) -> None:
        """Read the cards or the revocations again when they changed."""
        # `collector allow` and `revoke` may run beside the server
        if not any(_mtime(path) != self._seen[name] for name, path in self._watched.items()):
            return
        with self._reload:  # uploads arriving meanwhile wait for this one reload
            devices = _mtime(self._watched["devices"])
            revoked = _mtime(self._watched["revoked"])
            if devices != self._seen["devices"]:
                self._devices = load_devices(self.root)
                self._seen["devices"] = devices
            if revoked != self._seen["revoked"]:
                try:
                    self._revoked = read_revoked(self.root)
                except FieldtuiError as exc:
                    # damaged beside the server: accept nothing (503, retry later) until
                    # it is fixed, rather than a traceback or a revoked device let in
                    self.reads += 1  # the cards above may be new ones
                    self._log(exc.line())
                    # (a client is not told where the store keeps it: the log says)
                    raise Unavailable(exc.what_said or exc.what, exc.todo, told=Said(N_(
                        "its list of revoked devices cannot be read"))) from None
                self._seen["revoked"] = revoked
            self.reads += 1  # after the new ones are in place (see accept_async)


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return 0
