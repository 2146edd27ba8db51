"""The sealed bundle format (`.ftb`); byte by byte in docs/formats.md. No network here.

A bundle is bytes, named by the lowercase hex SHA-256 of all of them (`<sha256>.ftb`):

    fieldtui-bundle/1\\n                      the magic line, exactly
    <header>\\n                               RFC 8785 (JCS) JSON, one line: format, bundle_id,
                                             device_id, key_id, seq, payload_sha256, payload_size
    <signature>\\n                            base64 (88 chars) Ed25519 by the device key over
                                             magic line + header line
    <payload>                                exactly header.payload_size bytes, nothing after

The payload is an age v1 file to the study's recipients. Its plaintext is
`fieldtui-payload/2` (payload.py: magic line, the device's signature over the magic line
and the body bytes as they are, then the JSON body {"manifest", "sessions"}), or, in
bundles sealed before it, `fieldtui-payload/1` (payload_v1.py), still verified as before.

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
from fieldtui.bundle.keys import public_key_from_card
from fieldtui.bundle.seal import seal
from fieldtui.bundle.verify import OpenedBundle, open_bundle

__all__ = [
    "BundleError",
    "Envelope",
    "OpenedBundle",
    "open_bundle",
    "public_key_from_card",
    "read_envelope",
    "seal",
    "verify_envelope",
]
