"""Payload format 1 (`fieldtui-payload/1`): still read and verified, no longer written.

Plaintext: the Python canonical JSON (`fieldtui.core.canonical.canonical_json`) of
{"format", "manifest", "sessions", "signature"}; the signature is the device's over
canonical_json({"manifest", "sessions"}), re-created from the parsed document when it is
checked. That re-encoding is why payload/2 exists: another program had to reproduce
Python's JSON output byte for byte (float spelling, escapes) to make a valid payload/1.
Bundles already in the field carry it, so it stays verifiable exactly as before.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from fieldtui.bundle.errors import BundleError
from fieldtui.core.canonical import canonical_json
from fieldtui.core.errors import quoted
from fieldtui.core.i18n import _

FORMAT = "fieldtui-payload/1"

# canonical_json's settings, in one encoder made once (json.dumps builds one per call)
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                              default=str)


def signed_part(manifest: dict[str, Any], sessions: list[dict[str, Any]]) -> bytes:
    """The bytes the device signs inside: canonical JSON of manifest and sessions."""
    return _CANONICAL.encode({"manifest": manifest, "sessions": sessions}).encode("utf-8")


def plaintext(manifest: dict[str, Any], sessions: list[dict[str, Any]],
              signing_key: Ed25519PrivateKey) -> bytes:
    """A payload/1 plaintext (kept to make old-format bundles in tests and vectors)."""
    signed = signed_part(manifest, sessions)
    signature = base64.b64encode(signing_key.sign(signed)).decode("ascii")
    return (b'{"format":' + canonical_json(FORMAT) + b"," + signed[1:-1]
            + b',"signature":' + canonical_json(signature) + b"}")


def parse(data: bytes) -> dict[str, Any]:
    """The payload/1 document, its top level checked (not yet its signature)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # `[[[…`, nested too deep
        raise BundleError("malformed-payload", _("the bundle payload is not valid JSON")) from exc
    if not isinstance(doc, dict) or set(doc) != {"format", "manifest", "sessions", "signature"}:
        raise BundleError("malformed-payload", _("the bundle payload lacks its expected "
                                                 "parts"))
    if doc["format"] != FORMAT:
        raise BundleError("unknown-format", _("unknown payload format {format}").format(format=quoted(doc['format'])))
    return doc


def verify(doc: dict[str, Any], key: Ed25519PublicKey) -> None:
    """Check the device's signature over the re-encoded manifest and sessions."""
    try:
        signature = base64.b64decode(str(doc["signature"]).encode("ascii"), validate=True)
        key.verify(signature, signed_part(doc["manifest"], doc["sessions"]))
    except (binascii.Error, ValueError, UnicodeEncodeError, InvalidSignature) as exc:
        raise BundleError(
            "bad-inner-signature", _("the device signature inside the bundle "
                                     "does not verify")
        ) from exc
