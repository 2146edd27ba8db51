"""Sealing: sessions in, bundle bytes out (pure: no files; `fieldtui.sealing.sealer` fills the outbox)."""

from __future__ import annotations

import secrets
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldtui.bundle import payload as payload_mod
from fieldtui.bundle import payload_v1
from fieldtui.bundle.envelope import build_envelope
from fieldtui.bundle.keys import recipient_fingerprint
from fieldtui.core.clock import wall_iso
from fieldtui.store.keys import device_id_of, key_id_of


def seal(*, sessions: list[dict[str, Any]], signing_key: Ed25519PrivateKey, study_id: str,
         interviewer: str, recipients: list[str], seq: int, previous: str | None,
         bundle_id: str | None = None, created: str | None = None,
         payload_format: str = payload_mod.FORMAT) -> bytes:
    """Seal `sessions` into one bundle's bytes (name it by their SHA-256).

    `payload_format` is fieldtui-payload/2; /1 only to make old-format bundles in tests.
    """
    key_id = key_id_of(signing_key.public_key())
    bundle_id = bundle_id or secrets.token_hex(16)
    device_id = device_id_of(signing_key.public_key())
    manifest: dict[str, Any] = {
        "bundle_id": bundle_id,
        "study_id": study_id,
        "device_id": device_id,
        "interviewer": interviewer,
        "key_id": key_id,
        "recipients": sorted(recipient_fingerprint(r) for r in recipients),
        "seq": seq,
        "previous": previous,
        "created": created or wall_iso(),
        "session_ids": [str(s.get("session_id")) for s in sessions],
    }
    write = payload_v1.plaintext if payload_format == payload_v1.FORMAT else payload_mod.plaintext
    inner = write(manifest, sessions, signing_key)
    encrypted = payload_mod.encrypt(inner, recipients)
    return build_envelope(bundle_id=bundle_id, device_id=device_id,
                          seq=seq, payload=encrypted, signing_key=signing_key, key_id=key_id)
