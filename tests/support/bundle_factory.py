"""Keys, sessions and bundles for the bundle and sync tests (no enrollment needed)."""

from __future__ import annotations

import base64
import json
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from fieldtui.bundle import seal
from fieldtui.store.keys import device_id_of, raw_public

STUDY = "study-test"


def session(session_id: str | None = None, device_id: str = "", note: str = "") -> dict[str, Any]:
    """A small complete session document."""
    return {"session_id": session_id or secrets.token_hex(16), "study_id": STUDY,
            "device_id": device_id, "interviewer": "Ana",
            "plan": {"id": "mini", "version": 1, "hash": "0" * 64}, "method": "interview",
            "status": "complete", "respondent": "R-1", "answers": {"q1": {"value": note}},
            "notes": [], "events": []}


@dataclass
class Dev:
    """A device's keys and card."""

    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    interviewer: str = "Ana"

    @property
    def device_id(self) -> str:
        """The device id of this key."""
        return device_id_of(self.key.public_key())

    def card(self) -> dict[str, Any]:
        """The device card the collector allows."""
        return {"device_id": self.device_id, "interviewer": self.interviewer,
                "signing_public": base64.b64encode(raw_public(self.key.public_key())).decode(),
                "age_recipient": "", "fingerprint": "", "study_id": STUDY}

    def write_card(self, folder: Path) -> Path:
        """Write the card to a file, as `enroll --card-out` does."""
        path = Path(folder) / f"{self.device_id}.card.json"
        path.write_text(json.dumps(self.card()))
        return path


@dataclass
class Study:
    """The study's age identity (what opens bundles)."""

    identity: Any = field(default_factory=x25519.Identity.generate)

    @property
    def recipients(self) -> list[str]:
        """The study's recipients, as in the kit."""
        return [str(self.identity.to_public())]


def bundle(dev: Dev, study: Study, seq: int = 1, previous: str | None = None,
           sessions: list[dict[str, Any]] | None = None, **kw: Any) -> bytes:
    """One sealed bundle from `dev` for `study`."""
    docs = sessions if sessions is not None else [session(device_id=dev.device_id)]
    return seal(sessions=docs, signing_key=dev.key, study_id=STUDY,
                interviewer=dev.interviewer, recipients=study.recipients, seq=seq,
                previous=previous, **kw)


@contextmanager
def fast_dir() -> Iterator[Path]:
    """A temp folder in RAM when possible: fsync there is cheap, the logic is the same."""
    base = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=base) as folder:
        yield Path(folder)
