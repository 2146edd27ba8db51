"""The collector's receipts: signed for each stored bundle, cached in receipts/.

A receipt is deterministic (Ed25519, no clock), so receipts/ is only a cache: an upload
only signs one, receipts/ is filled when a device asks again (GET, HEAD then GET, retry),
written without fsync and rebuilt from the bundle whenever it is missing.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldtui.bundle import read_envelope
from fieldtui.bundle.envelope import Envelope
from fieldtui.bundle.receipt import make_receipt
from fieldtui.store.keys import key_id_of


class Receipts:
    """The receipts of one collector folder, signed with its key."""

    def __init__(self, root: Path, key: Ed25519PrivateKey) -> None:
        self.folder = root / "receipts"
        self._bundles = root / "bundles"
        self._key = key
        self._collector = key_id_of(key.public_key())  # in every receipt

    def sign(self, sha256: str, envelope: Envelope, size: int) -> bytes:
        """The receipt of a bundle (not cached)."""
        return make_receipt(self._key, sha256, envelope, size, self._collector)

    def read(self, sha256: str) -> bytes | None:
        """The receipt of a stored bundle, or None; rebuilt when its cached copy is missing."""
        try:
            return (self.folder / f"{sha256}.json").read_bytes()
        except FileNotFoundError:
            pass
        try:
            data = (self._bundles / f"{sha256}.ftb").read_bytes()
        except FileNotFoundError:
            return None
        return self._write(sha256, read_envelope(data), len(data))

    def _write(self, sha256: str, envelope: Envelope, size: int) -> bytes:
        receipt = self.sign(sha256, envelope, size)
        path = self.folder / f"{sha256}.json"
        temp = path.with_name(f".{path.name}.{threading.get_ident()}.tmp")
        try:
            temp.write_bytes(receipt)
            os.replace(temp, path)
        except OSError:  # a full disk: answer anyway, the cache is filled another time
            with contextlib.suppress(OSError):
                temp.unlink()
        return receipt
