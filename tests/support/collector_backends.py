"""One collector store of either kind, for the tests that run against both backends: a
folder (the default) or a database of the session's throwaway PostgreSQL cluster."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from fieldtui.bundle.update_format import build_update
from fieldtui.sync.collector.backend import BundleStore, StoreAdmin
from fieldtui.sync.collector.kinds import open_admin, open_store
from tests.support.bundle_factory import STUDY, Dev


@dataclass
class Backend:
    """A collector store that `init` created; `spec` is what --store takes."""

    kind: str
    spec: str | Path
    public: str = ""

    @property
    def arg(self) -> str:
        """The --store argument for the CLI."""
        return str(self.spec)

    def admin(self) -> StoreAdmin:
        """A StoreAdmin on the store (close it after use)."""
        return open_admin(self.spec)

    def init(self) -> Backend:
        admin = self.admin()
        try:
            self.public = admin.init()
        finally:
            admin.close()
        return self

    def allow(self, *devices: Dev) -> None:
        admin = self.admin()
        try:
            for dev in devices:
                admin.allow(dev.card())
        finally:
            admin.close()

    def revoke(self, dev: Dev) -> None:
        admin = self.admin()
        try:
            admin.revoke(dev.device_id)
        finally:
            admin.close()

    def open(self, **options: object) -> BundleStore:
        """An opened store (close it after use)."""
        return open_store(self.spec, warn=None, **options)  # type: ignore[arg-type]


def update_files(count: int) -> list[tuple[int, bytes]]:
    """`count` signed update files, seq 1..count (their headers are all a relay reads)."""
    key = Ed25519PrivateKey.generate()
    recipient = str(x25519.Identity.generate().to_public())
    files, previous = [], ""
    for seq in range(1, count + 1):
        data = build_update(study_id=STUDY, seq=seq, previous=previous, to="all",
                            kind="assignment", body={"area": f"block {seq}"},
                            recipients=[recipient], created="2026-12-01T20:00:00+00:00",
                            signing_key=key)
        previous = hashlib.sha256(data).hexdigest()
        files.append((seq, data))
    return files
