"""The payload: a signed manifest with the sessions, in an age v1 file. See docs/formats.md.

Written as `fieldtui-payload/2`; the plaintext is three parts, and the signature covers
the bytes exactly as they travel (no re-encoding, so any JSON writer will do):

    fieldtui-payload/2\\n          the magic line
    <signature>\\n                 base64 (88 chars) Ed25519 by the device key over
                                  magic line + body
    <body>                        UTF-8 JSON {"manifest": ..., "sessions": [...]}, to the end

The reader checks the signature first, then parses the body strictly (no duplicate keys,
no NaN). `fieldtui-payload/1` (payload_v1) is still read and verified.
"""

from __future__ import annotations

import base64
import binascii
import functools
from dataclasses import dataclass
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from fieldtui.bundle import payload_v1
from fieldtui.bundle.errors import BundleError
from fieldtui.core.canonical import nested_deeper, strict_loads
from fieldtui.core.errors import quoted
from fieldtui.core.i18n import _

FORMAT = "fieldtui-payload/2"
MAGIC = FORMAT.encode("ascii") + b"\n"
SIGNATURE_CHARS = 88
# A session document is a few levels deep (rosters of members with their answers: under
# ten) and the payload adds two; 64 leaves room and keeps any reader far from the limit.
MAX_DEPTH = 64
MANIFEST_KEYS = frozenset({"bundle_id", "study_id", "device_id", "interviewer", "key_id",
                           "recipients", "seq", "previous", "created", "session_ids"})


@dataclass(frozen=True)
class Payload:
    """A payload whose device signature verified: its format, manifest and sessions."""

    format: str
    manifest: dict[str, Any]
    sessions: list[dict[str, Any]]


def plaintext(manifest: dict[str, Any], sessions: list[dict[str, Any]],
              signing_key: Ed25519PrivateKey) -> bytes:
    """The payload/2 plaintext: magic, the device's signature, the body it signs."""
    body = payload_v1.signed_part(manifest, sessions)  # sorted keys, no spaces, UTF-8
    signature = base64.b64encode(signing_key.sign(MAGIC + body))
    return MAGIC + signature + b"\n" + body


def encrypt(data: bytes, recipients: list[str]) -> bytes:
    """An age v1 file of `data` for the given age recipient strings."""
    if not recipients:
        raise BundleError("no-recipients", _("the study kit names no recipients to seal "
                                             "to"),
                          _("ask your supervisor for a kit with the "
                            "study's recipients"))
    encrypted: bytes = pyrage.encrypt(data, _parsed(tuple(recipients)))
    return encrypted


@functools.lru_cache(maxsize=16)
def _parsed(recipients: tuple[str, ...]) -> list[Any]:
    try:
        return [pyrage.x25519.Recipient.from_str(r.strip()) for r in recipients]
    except pyrage.RecipientError as exc:
        raise BundleError("bad-recipient", _("the kit has a bad age recipient "
                                             "({problem})").format(problem=exc),
                          _("ask your supervisor for a new kit")) from exc


def decrypt(payload: bytes, identity: Any) -> bytes:
    """The plaintext of an age payload; BundleError when this identity cannot open it."""
    try:
        opened: bytes = pyrage.decrypt(payload, [identity])
        return opened
    except pyrage.DecryptError as exc:
        raise BundleError(
            "cannot-decrypt", _("the bundle payload cannot be opened with "
                                "this study's key"),
            _("check that the bundle belongs to this study"),
        ) from exc


def open_plaintext(data: bytes, key: Ed25519PublicKey) -> Payload:
    """Verify the device's signature in a payload/2 or /1 plaintext, then its structure."""
    if data.startswith(MAGIC):
        doc = _open_v2(data, key)
        _check_depth(doc)
        fmt = FORMAT
    elif data.startswith(b"fieldtui-payload/"):
        name = data[:40].split(b"\n", 1)[0].decode("utf-8", "replace")
        raise BundleError("unknown-format", _("unknown payload format {name}").format(name=quoted(name)))
    else:
        doc = payload_v1.parse(data)
        _check_depth(doc)
        _check_parts(doc)
        payload_v1.verify(doc, key)
        fmt = payload_v1.FORMAT
    return Payload(fmt, doc["manifest"], doc["sessions"])


def _open_v2(data: bytes, key: Ed25519PublicKey) -> dict[str, Any]:
    sig_end = len(MAGIC) + SIGNATURE_CHARS
    text = data[len(MAGIC):sig_end]
    if data[sig_end:sig_end + 1] != b"\n":
        raise BundleError("malformed-payload", _("the bundle payload's signature line is "
                                                 "malformed"))
    try:
        signature = base64.b64decode(text, validate=True)
        if len(signature) != 64 or base64.b64encode(signature) != text:
            raise ValueError("not 64 bytes in canonical base64")
        key.verify(signature, MAGIC + data[sig_end + 1:])
    except (binascii.Error, ValueError, InvalidSignature) as exc:
        raise BundleError(
            "bad-inner-signature", _("the device signature inside the bundle "
                                     "does not verify")
        ) from exc
    try:
        doc = strict_loads(data[sig_end + 1:])
    except ValueError as exc:
        raise BundleError("malformed-payload",
                          _("the bundle payload is not valid JSON ({problem})").format(problem=exc)) from exc
    if not isinstance(doc, dict) or set(doc) != {"manifest", "sessions"}:
        raise BundleError("malformed-payload", _("the bundle payload lacks its expected "
                                                 "parts"))
    _check_parts(doc)
    return doc


def _check_depth(doc: dict[str, Any]) -> None:
    # parsed at merge's shallow stack, a document nested close to the recursion limit
    # breaks every reader deeper in the stack later (980 levels failed 30 frames deeper)
    if nested_deeper(doc, MAX_DEPTH):
        raise BundleError("malformed-payload", _("the bundle payload is nested deeper than "
                                                 "{levels} levels").format(levels=MAX_DEPTH))


def _check_parts(doc: dict[str, Any]) -> None:
    manifest, sessions = doc["manifest"], doc["sessions"]
    if not isinstance(manifest, dict) or set(manifest) != MANIFEST_KEYS:
        raise BundleError("malformed-payload", _("the bundle manifest lacks its expected "
                                                 "fields"))
    if not isinstance(sessions, list) or not all(isinstance(s, dict) for s in sessions):
        raise BundleError("malformed-payload", _("the bundle's sessions are not a list"))
