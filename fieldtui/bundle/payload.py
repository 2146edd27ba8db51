"""The payload: a signed manifest with the sessions, as canonical JSON in an age v1 file."""

from __future__ import annotations

import base64
import binascii
import functools
import json
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from fieldtui.bundle.errors import BundleError
from fieldtui.core.canonical import canonical_json

FORMAT = "fieldtui-payload/1"
MANIFEST_KEYS = frozenset({"bundle_id", "study_id", "device_id", "interviewer", "key_id",
                           "recipients", "seq", "previous", "created", "session_ids"})


# canonical_json's settings, in one encoder made once (json.dumps builds one per call)
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                              default=str)


def signed_part(manifest: dict[str, Any], sessions: list[dict[str, Any]]) -> bytes:
    """The bytes the device signs inside: canonical JSON of manifest and sessions."""
    return _CANONICAL.encode({"manifest": manifest, "sessions": sessions}).encode("utf-8")


def plaintext(manifest: dict[str, Any], sessions: list[dict[str, Any]],
              signing_key: Ed25519PrivateKey) -> bytes:
    """The payload's plaintext: manifest, sessions and the device's inner signature.

    Equal to canonical_json({"format", "manifest", "sessions", "signature"}), built around
    the signed bytes so the sessions are serialised once (keys sort in that order).
    """
    signed = signed_part(manifest, sessions)
    signature = base64.b64encode(signing_key.sign(signed)).decode("ascii")
    return (b'{"format":' + canonical_json(FORMAT) + b"," + signed[1:-1]
            + b',"signature":' + canonical_json(signature) + b"}")


def encrypt(data: bytes, recipients: list[str]) -> bytes:
    """An age v1 file of `data` for the given age recipient strings."""
    if not recipients:
        raise BundleError("no-recipients", "the study kit names no recipients to seal to",
                          "ask your supervisor for a kit with the study's recipients")
    encrypted: bytes = pyrage.encrypt(data, _parsed(tuple(recipients)))
    return encrypted


@functools.lru_cache(maxsize=16)
def _parsed(recipients: tuple[str, ...]) -> list[Any]:
    try:
        return [pyrage.x25519.Recipient.from_str(r.strip()) for r in recipients]
    except pyrage.RecipientError as exc:
        raise BundleError("bad-recipient", f"the kit has a bad age recipient ({exc})",
                          "ask your supervisor for a new kit") from exc


def decrypt(payload: bytes, identity: Any) -> bytes:
    """The plaintext of an age payload; BundleError when this identity cannot open it."""
    try:
        opened: bytes = pyrage.decrypt(payload, [identity])
        return opened
    except pyrage.DecryptError as exc:
        raise BundleError(
            "cannot-decrypt", "the bundle payload cannot be opened with this study's key",
            "check that the bundle belongs to this study",
        ) from exc


def parse(data: bytes) -> dict[str, Any]:
    """The payload document, with its structure checked (not yet its signature)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BundleError("malformed-payload", "the bundle payload is not valid JSON") from exc
    if not isinstance(doc, dict) or set(doc) != {"format", "manifest", "sessions", "signature"}:
        raise BundleError("malformed-payload", "the bundle payload lacks its expected parts")
    if doc["format"] != FORMAT:
        raise BundleError("unknown-format", f"unknown payload format {doc['format']!r}")
    manifest, sessions = doc["manifest"], doc["sessions"]
    if not isinstance(manifest, dict) or set(manifest) != MANIFEST_KEYS:
        raise BundleError("malformed-payload", "the bundle manifest lacks its expected fields")
    if not isinstance(sessions, list) or not all(isinstance(s, dict) for s in sessions):
        raise BundleError("malformed-payload", "the bundle's sessions are not a list")
    return doc


def verify_inner(doc: dict[str, Any], key: Ed25519PublicKey) -> None:
    """Check the device's signature over the manifest and sessions."""
    try:
        signature = base64.b64decode(str(doc["signature"]).encode("ascii"), validate=True)
        key.verify(signature, signed_part(doc["manifest"], doc["sessions"]))
    except (binascii.Error, ValueError, UnicodeEncodeError, InvalidSignature) as exc:
        raise BundleError(
            "bad-inner-signature", "the device signature inside the bundle does not verify"
        ) from exc
