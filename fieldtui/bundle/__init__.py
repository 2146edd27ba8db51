"""The sealed bundle format (`.ftb`), version 1. No network here; see `fieldtui.sync`.

A bundle is bytes, named by the lowercase hex SHA-256 of all of them (`<sha256>.ftb`):

    fieldtui-bundle/1\\n                      the magic line, exactly
    <header>\\n                               canonical JSON (fieldtui.core.canonical), one line
    <signature>\\n                            base64 (88 chars, padded) of the Ed25519 signature
                                             by the device key over magic line + header line
    <payload>                                exactly header.payload_size bytes, nothing after

The header has exactly these keys:

    format        "fieldtui-bundle/1"
    bundle_id     32 lowercase hex digits, random
    device_id     16 hex: first 16 hex of SHA-256 of the raw Ed25519 device public key
    key_id        64 hex: SHA-256 of the raw Ed25519 device public key (starts with device_id)
    seq           per-device sequence number, an integer >= 1
    payload_sha256   64 hex: SHA-256 of the payload bytes
    payload_size  integer, the payload's length in bytes

The payload is an age v1 file (pyrage, X25519 recipients = the study's recipients) whose
plaintext is canonical JSON:

    {"format": "fieldtui-payload/1",
     "manifest": {"bundle_id", "study_id", "device_id", "interviewer", "key_id",
                  "recipients": [fingerprints of the recipients], "seq",
                  "previous": sha256 of the device's previous bundle or null,
                  "created": ISO UTC, "session_ids": [...]},
     "sessions": [session documents, see docs/internals.md],
     "signature": base64 Ed25519 signature by the device key over
                  canonical_json({"manifest": ..., "sessions": ...})}

Checking is done by small functions that each test one thing and raise `BundleError` with a
`code` (machine-readable) and a reason (for people). The collector reads the envelope only
(`read_envelope`, then `verify_envelope` against the enrolled key); the supervisor opens the
payload too (`open_bundle`) and checks that the inner signature, device, bundle id, seq and
key agree with the envelope: a payload re-encrypted or re-wrapped by anyone else fails.
Any changed byte fails: the magic, the canonical form of the header, the signature, the
payload's hash or size.
"""

from __future__ import annotations

from fieldtui.bundle.envelope import Envelope, read_envelope, verify_envelope
from fieldtui.bundle.errors import BundleError
from fieldtui.bundle.keys import device_id_of, key_id_of, public_key_from_card
from fieldtui.bundle.seal import seal
from fieldtui.bundle.verify import OpenedBundle, open_bundle

__all__ = [
    "BundleError",
    "Envelope",
    "OpenedBundle",
    "device_id_of",
    "key_id_of",
    "open_bundle",
    "public_key_from_card",
    "read_envelope",
    "seal",
    "verify_envelope",
]
