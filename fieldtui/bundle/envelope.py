"""The envelope: magic line, signed JCS (RFC 8785) header, signature, then the payload.

`read_envelope` checks the structure and the payload's hash with no key at all (the
collector's first look); `verify_envelope` checks the device signature against a key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from fieldtui.bundle.errors import BundleError
from fieldtui.core.canonical import jcs
from fieldtui.core.i18n import N_
from fieldtui.core.said import Said
from fieldtui.store.keys import key_id_of

FORMAT = "fieldtui-bundle/1"
MAGIC = FORMAT.encode("ascii") + b"\n"
MAX_HEADER = 4096
MAX_BUNDLE_BYTES = 16 * 1024 * 1024  # the seal cap and the collector's default limit
SIGNATURE_CHARS = 88  # base64 of 64 bytes, padded
HEADER_KEYS = frozenset(
    {"format", "bundle_id", "device_id", "key_id", "seq", "payload_sha256", "payload_size"}
)
_HEX = {16: re.compile(r"[0-9a-f]{16}"), 32: re.compile(r"[0-9a-f]{32}"),
        64: re.compile(r"[0-9a-f]{64}")}


@dataclass(frozen=True)
class Envelope:
    """A parsed envelope: the header fields, what was signed, and the payload bytes."""

    bundle_id: str
    device_id: str
    key_id: str
    seq: int
    payload_sha256: str
    payload_size: int
    signed: bytes
    signature: bytes
    payload: bytes

    def header(self) -> dict[str, Any]:
        """The header as a dict (what the collector logs and records)."""
        return {"format": FORMAT, "bundle_id": self.bundle_id, "device_id": self.device_id,
                "key_id": self.key_id, "seq": self.seq,
                "payload_sha256": self.payload_sha256, "payload_size": self.payload_size}


def build_envelope(*, bundle_id: str, device_id: str, seq: int, payload: bytes,
                   signing_key: Ed25519PrivateKey, key_id: str | None = None) -> bytes:
    """The bundle bytes: envelope around `payload`, signed by the device."""
    header = {"format": FORMAT, "bundle_id": bundle_id, "device_id": device_id,
              "key_id": key_id or key_id_of(signing_key.public_key()), "seq": seq,
              "payload_sha256": hashlib.sha256(payload).hexdigest(),
              "payload_size": len(payload)}
    signed = MAGIC + jcs(header) + b"\n"
    signature = base64.b64encode(signing_key.sign(signed))
    return signed + signature + b"\n" + payload


def read_envelope(data: bytes) -> Envelope:
    """Parse and check a bundle's envelope without any key; BundleError says what is wrong."""
    if not data.startswith(MAGIC):
        raise BundleError("not-a-bundle", Said(N_("not a fieldtui bundle (the first line "
                                                  "is wrong)")))
    header_end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER + 1)
    if header_end < 0:
        raise BundleError("malformed", Said(N_("the bundle header is missing, cut short "
                                               "or too long")))
    header_line = data[len(MAGIC):header_end]
    header = _parse_header(header_line)
    sig_start = header_end + 1
    sig_end = sig_start + SIGNATURE_CHARS
    if len(data) < sig_end + 1:
        raise BundleError("truncated", Said(N_("the bundle is cut short inside its "
                                               "signature")))
    signature = _parse_signature(data[sig_start:sig_end])
    if data[sig_end:sig_end + 1] != b"\n":
        raise BundleError("malformed", Said(N_("the bundle signature line is malformed")))
    payload = data[sig_end + 1:]
    _check_payload(header, payload)
    return Envelope(
        bundle_id=header["bundle_id"], device_id=header["device_id"], key_id=header["key_id"],
        seq=header["seq"], payload_sha256=header["payload_sha256"],
        payload_size=header["payload_size"], signed=data[:sig_start], signature=signature,
        payload=payload,
    )


def verify_envelope(envelope: Envelope, key: Ed25519PublicKey, key_id: str | None = None
                    ) -> None:
    """Check that `key` is the one the header names and that it signed the header.
    `key_id` is `key_id_of(key)` when the caller keeps it (a collector, on every upload)."""
    if (key_id or key_id_of(key)) != envelope.key_id:
        raise BundleError("wrong-key", Said(N_("the bundle names a different key than "
                                               "the device's")))
    try:
        key.verify(envelope.signature, envelope.signed)
    except InvalidSignature as exc:
        raise BundleError("bad-signature", Said(N_("the bundle's device signature does "
                                                   "not verify"))) from exc


def _parse_header(line: bytes) -> dict[str, Any]:
    try:
        header = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        # RecursionError: `[[[…` deeper than the recursion limit fits in the 4096 bytes
        raise BundleError("malformed", Said(N_("the bundle header is not valid JSON"))) from exc
    if not isinstance(header, dict) or set(header) != HEADER_KEYS:
        raise BundleError("malformed", Said(N_("the bundle header does not have the "
                                               "expected fields")))
    if _jcs_or_none(header) != line:
        raise BundleError("malformed", Said(N_("the bundle header is not in canonical "
                                               "form")))
    if header["format"] != FORMAT:
        raise BundleError("unknown-format", Said(N_("unknown bundle format {format}"),
                                                 {"format": repr(header["format"])}))
    _check_hex(header, "bundle_id", 32)
    _check_hex(header, "device_id", 16)
    _check_hex(header, "key_id", 64)
    _check_hex(header, "payload_sha256", 64)
    if not header["key_id"].startswith(header["device_id"]):
        raise BundleError("malformed", Said(N_("the bundle's device id and key id "
                                               "disagree")))
    for name in ("seq", "payload_size"):
        value = header[name]
        if type(value) is not int or value < (1 if name == "seq" else 0):
            raise BundleError("malformed", Said(N_("the bundle header's {name} is not a "
                                                   "valid number"), {"name": name}))
    return header


def _jcs_or_none(value: Any) -> bytes | None:
    try:
        return jcs(value)
    except ValueError:
        return None


def _check_hex(header: dict[str, Any], name: str, digits: int) -> None:
    value = header[name]
    if not isinstance(value, str) or not _HEX[digits].fullmatch(value):
        raise BundleError("malformed", Said(N_("the bundle header's {name} is not "
                                               "{digits} hex digits"),
                                            {"name": name, "digits": digits}))


def _parse_signature(text: bytes) -> bytes:
    try:
        signature = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BundleError("malformed", Said(N_("the bundle signature is not "
                                               "base64"))) from exc
    # base64 decoding forgives some bits; only the one canonical spelling is accepted
    if len(signature) != 64 or base64.b64encode(signature) != text:
        raise BundleError("malformed", Said(N_("the bundle signature is not canonical "
                                               "base64")))
    return signature


def _check_payload(header: dict[str, Any], payload: bytes) -> None:
    if len(payload) < header["payload_size"]:
        raise BundleError("truncated", Said(N_("the bundle is cut short inside its "
                                               "payload")))
    if len(payload) > header["payload_size"]:
        raise BundleError("trailing-data", Said(N_("the bundle has extra bytes after "
                                                   "its payload")))
    if hashlib.sha256(payload).hexdigest() != header["payload_sha256"]:
        raise BundleError("bad-payload-hash", Said(N_("the bundle payload does not match "
                                                      "its hash")))
