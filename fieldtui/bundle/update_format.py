"""The update format (`fieldtui-update/1`, `<seq>.ftu`): byte by byte in docs/formats.md.

    fieldtui-update/1\\n        the magic line, exactly
    <header>\\n                 RFC 8785 (JCS) JSON, one line: format, study_id, seq, previous,
                               to, kind, key_id, created, payload_sha256, payload_size
    <signature>\\n              base64 (88 chars) Ed25519 by the supervisor key over
                               magic line + header line
    <payload>                  an age v1 file of the body, exactly payload_size bytes

The header is plaintext so that anyone (a device the update is not for, the collector)
can check the chain: `previous` is the SHA-256 of the whole previous update file ("" for
seq 1). The body is JCS JSON {"format", "study_id", "seq", "kind", "to", "body"}, which
must repeat the header's fields. `read_update` needs no key; `verify_update` checks the
supervisor's signature; `open_body` decrypts and checks the body.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from fieldtui.bundle.errors import BundleError
from fieldtui.bundle.payload import encrypt
from fieldtui.core.canonical import jcs, strict_loads
from fieldtui.core.i18n import _
from fieldtui.store.keys import key_id_of

FORMAT = "fieldtui-update/1"
BODY_FORMAT = "fieldtui-update-body/1"
MAGIC = FORMAT.encode("ascii") + b"\n"
MAX_HEADER = 4096
MAX_UPDATE_BYTES = 4 * 1024 * 1024
SIGNATURE_CHARS = 88
KINDS = frozenset({"plan", "plan-retired", "return", "assignment", "reply"})
TO_ALL = "all"
HEADER_KEYS = frozenset({"format", "study_id", "seq", "previous", "to", "kind", "key_id",
                         "created", "payload_sha256", "payload_size"})
BODY_KEYS = frozenset({"format", "study_id", "seq", "kind", "to", "body"})
_HEX64 = re.compile(r"[0-9a-f]{64}")
_DEVICE = re.compile(r"[0-9a-f]{16}")
_STUDY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class UpdateError(BundleError):
    """An update failed a check; `code` says which (e.g. `bad-signature`)."""

    def __init__(self, code: str, what: str, todo: str = "") -> None:
        super().__init__(code, what, todo or _("nothing was applied; show this to your "
                                               "supervisor"))


@dataclass(frozen=True)
class Update:
    """A parsed update: header fields, what was signed, signature, payload, its SHA-256."""

    study_id: str
    seq: int
    previous: str
    to: str
    kind: str
    key_id: str
    created: str
    payload_sha256: str
    signed: bytes
    signature: bytes
    payload: bytes
    sha256: str

    def header(self) -> dict[str, Any]:
        """The header fields (what the registry records)."""
        return {"format": FORMAT, "study_id": self.study_id, "seq": self.seq,
                "previous": self.previous, "to": self.to, "kind": self.kind,
                "key_id": self.key_id, "created": self.created,
                "payload_sha256": self.payload_sha256, "payload_size": len(self.payload)}


def build_update(*, study_id: str, seq: int, previous: str, to: str, kind: str,
                 body: dict[str, Any], recipients: list[str], created: str,
                 signing_key: Ed25519PrivateKey) -> bytes:
    """The update file's bytes: `body` encrypted to `recipients`, the header signed."""
    inner = {"format": BODY_FORMAT, "study_id": study_id, "seq": seq, "kind": kind,
             "to": to, "body": body}
    payload = encrypt(jcs(inner), recipients)
    header = {"format": FORMAT, "study_id": study_id, "seq": seq, "previous": previous,
              "to": to, "kind": kind, "key_id": key_id_of(signing_key.public_key()),
              "created": created, "payload_sha256": hashlib.sha256(payload).hexdigest(),
              "payload_size": len(payload)}
    _check_header(header)
    signed = MAGIC + jcs(header) + b"\n"
    return signed + base64.b64encode(signing_key.sign(signed)) + b"\n" + payload


def read_update(data: bytes) -> Update:
    """Parse and check an update's structure and payload hash, with no key."""
    if len(data) > MAX_UPDATE_BYTES:
        raise UpdateError("oversize", _("the update is larger than "
                                        "{max_bytes} bytes").format(max_bytes=MAX_UPDATE_BYTES))
    if not data.startswith(MAGIC):
        raise UpdateError("not-an-update", _("not a fieldtui update (the first line is "
                                             "wrong)"))
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER + 1)
    if end < 0:
        raise UpdateError("malformed", _("the update header is missing, cut short "
                                         "or too long"))
    line = data[len(MAGIC):end]
    try:
        header = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise UpdateError("malformed", _("the update header is not valid JSON")) from None
    if not isinstance(header, dict) or set(header) != HEADER_KEYS:
        raise UpdateError("malformed", _("the update header does not have the "
                                         "expected fields"))
    _check_header(header)
    try:
        canonical = jcs(header)
    except ValueError:
        canonical = b""
    if canonical != line:
        raise UpdateError("malformed", _("the update header is not in canonical form"))
    sig_end = end + 1 + SIGNATURE_CHARS
    text = data[end + 1:sig_end]
    if data[sig_end:sig_end + 1] != b"\n":
        raise UpdateError("malformed", _("the update signature line is malformed"))
    try:
        signature = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise UpdateError("malformed", _("the update signature is not base64")) from None
    if len(signature) != 64 or base64.b64encode(signature) != text:
        raise UpdateError("malformed", _("the update signature is not canonical "
                                         "base64"))
    payload = data[sig_end + 1:]
    if len(payload) != header["payload_size"]:
        raise UpdateError("malformed", _("the update payload does not have its "
                                         "stated size"))
    if hashlib.sha256(payload).hexdigest() != header["payload_sha256"]:
        raise UpdateError("bad-payload-hash", _("the update payload does not match its hash"))
    return Update(study_id=header["study_id"], seq=header["seq"], previous=header["previous"],
                  to=header["to"], kind=header["kind"], key_id=header["key_id"],
                  created=header["created"], payload_sha256=header["payload_sha256"],
                  signed=data[:end + 1], signature=signature, payload=payload,
                  sha256=hashlib.sha256(data).hexdigest())


def _check_header(header: dict[str, Any]) -> None:
    def bad(name: str) -> UpdateError:
        return UpdateError("malformed", _("the update header's {name} is not valid").format(name=name))

    if header["format"] != FORMAT:
        raise UpdateError("unknown-format", _("unknown update format {format}").format(format=repr(str(header['format'])[:40])),
                          _("update fieldtui on this device"))
    if not isinstance(header["study_id"], str) or not _STUDY.fullmatch(header["study_id"]):
        raise bad("study_id")
    for name in ("seq", "payload_size"):
        if type(header[name]) is not int or header[name] < (1 if name == "seq" else 0):
            raise bad(name)
    previous = header["previous"]
    if not isinstance(previous, str) or not (
            (header["seq"] == 1 and previous == "") or _HEX64.fullmatch(previous)):
        raise bad("previous")
    to = header["to"]
    if not isinstance(to, str) or not (to == TO_ALL or _DEVICE.fullmatch(to)):
        raise bad("to")
    if header["kind"] not in KINDS:
        raise UpdateError("unknown-kind", _("unknown update kind {kind}").format(kind=repr(str(header['kind'])[:40])),
                          _("update fieldtui on this device"))
    for name in ("key_id", "payload_sha256"):
        if not isinstance(header[name], str) or not _HEX64.fullmatch(header[name]):
            raise bad(name)
    if not isinstance(header["created"], str) or len(header["created"]) > 40:
        raise bad("created")


def verify_update(update: Update, key: Ed25519PublicKey) -> None:
    """Check that the study's supervisor `key` signed the update's header."""
    if key_id_of(key) != update.key_id:
        raise UpdateError("wrong-key", _("update {seq} is signed by another key "
                                         "than this study's supervisor").format(seq=update.seq))
    try:
        key.verify(update.signature, update.signed)
    except InvalidSignature:
        raise UpdateError("bad-signature", _("update {seq}'s supervisor signature does "
                                             "not verify").format(seq=update.seq)) from None


def open_body(update: Update, identity: Any) -> dict[str, Any]:
    """The update's body (the kind's own fields), decrypted and checked against the header.

    Raises UpdateError `cannot-decrypt` when `identity` is not among its recipients."""
    try:
        plain: bytes = pyrage.decrypt(update.payload, [identity])
    except pyrage.DecryptError:
        raise UpdateError("cannot-decrypt", _("update {seq} cannot be opened with this "
                                              "device's key").format(seq=update.seq)) from None
    try:
        doc = strict_loads(plain)
    except ValueError:
        raise UpdateError("malformed-body", _("update {seq}'s body is not JSON").format(seq=update.seq)) from None
    if not isinstance(doc, dict) or set(doc) != BODY_KEYS or doc["format"] != BODY_FORMAT:
        raise UpdateError("malformed-body", _("update {seq}'s body lacks its fields").format(seq=update.seq))
    if (doc["study_id"], doc["seq"], doc["kind"], doc["to"]) != (
            update.study_id, update.seq, update.kind, update.to):
        raise UpdateError("malformed-body", _("update {seq}'s body disagrees with its "
                                              "header").format(seq=update.seq))
    if not isinstance(doc["body"], dict):
        raise UpdateError("malformed-body", _("update {seq}'s body is not an object").format(seq=update.seq))
    return doc["body"]
