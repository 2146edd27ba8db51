"""Key generation, identifiers, fingerprints, signatures and the secret-key payload.

The one place that computes a key id and a device id from a public key, and parses a
public key from base64 (bundle, sealing, sync and the collector all use these).

Signing keys are Ed25519 (`cryptography`); encryption identities are age X25519
(`pyrage`). The payload wrapped by `keywrap` is JSON holding both private keys.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from pyrage import x25519

from fieldtui.core.canonical import canonical_json, jcs, signed_forms
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _

SECRETS_FORMAT = "fieldtui-secrets/1"


@dataclass(frozen=True)
class SecretKeys:
    """The private keys one key file holds, and what the wrapped payload pins."""

    signing_key: Ed25519PrivateKey
    identity: x25519.Identity
    pins: dict[str, str]


def generate_signing_key() -> Ed25519PrivateKey:
    """A fresh Ed25519 signing key."""
    return Ed25519PrivateKey.generate()


def generate_identity() -> x25519.Identity:
    """A fresh age X25519 identity."""
    return x25519.Identity.generate()


def raw_public(key: Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of an Ed25519 public key."""
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_b64(key: Ed25519PublicKey) -> str:
    """An Ed25519 public key as standard base64 of its raw bytes."""
    return base64.b64encode(raw_public(key)).decode("ascii")


def load_public_b64(text: str, *, what: str = "") -> Ed25519PublicKey:
    """Parse a base64 raw Ed25519 public key; a clear error when it is not one."""
    what = what or _("public key")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError, AttributeError):
        raise FieldtuiError(_("the {what} is not valid base64").format(what=what), _("copy it again")) from None
    if len(raw) != 32:
        raise FieldtuiError(_("the {what} is {size} bytes, not 32").format(what=what, size=len(raw)), _("copy it again"))
    return Ed25519PublicKey.from_public_bytes(raw)


def key_id_of(key: Ed25519PublicKey) -> str:
    """SHA-256 hex of the raw public key (a bundle envelope's `key_id`, a receipt's collector)."""
    return hashlib.sha256(raw_public(key)).hexdigest()


def device_id_of(key: Ed25519PublicKey) -> str:
    """A device's id: the first 16 hex digits of SHA-256 of its raw signing public key."""
    return key_id_of(key)[:16]


def fingerprint_bytes(raw: bytes) -> str:
    """SHA-256 of raw public key bytes, first 32 hex digits in groups of 4."""
    digest = hashlib.sha256(raw).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def fingerprint(key: Ed25519PublicKey) -> str:
    """The fingerprint people read out to compare an Ed25519 public key."""
    return fingerprint_bytes(raw_public(key))


def recipient_fingerprint(recipient: str) -> str:
    """The fingerprint of an age recipient (`age1...`): of its 32 raw key bytes."""
    return fingerprint_bytes(age_recipient_bytes(recipient))


def parse_recipient(text: str, *, what: str = "") -> x25519.Recipient:
    """Parse an `age1...` recipient; a clear error when it is not one."""
    what = what or _("age recipient")
    try:
        return x25519.Recipient.from_str(text)
    except Exception:
        raise FieldtuiError(_("the {what} {text} is not an age X25519 recipient").format(what=what, text=repr(text[:70])),
                            _("copy it again")) from None


def sign_canonical(key: Ed25519PrivateKey, value: Any) -> str:
    """Base64 Ed25519 signature over the RFC 8785 canonical JSON of `value`."""
    return base64.b64encode(key.sign(jcs(value))).decode("ascii")


def verify_canonical(public: Ed25519PublicKey, value: Any, signature_b64: str) -> bool:
    """True when `signature_b64` is `public`'s signature over `value` (`signed_forms`)."""
    try:
        signature = base64.b64decode(signature_b64.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError, AttributeError):
        return False
    for form in signed_forms(value):
        try:
            public.verify(signature, form)
        except InvalidSignature:
            continue
        return True
    return False


def pack_secrets(signing_key: Ed25519PrivateKey, identity: x25519.Identity,
                 pins: dict[str, str] | None = None) -> bytes:
    """The payload a key file wraps: both private keys and values pinned beside them."""
    raw = signing_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return canonical_json({
        "format": SECRETS_FORMAT,
        "ed25519": base64.b64encode(raw).decode("ascii"),
        "age": str(identity),
        "pins": dict(pins or {}),
    })


def unpack_secrets(payload: bytes, name: str) -> SecretKeys:
    """Parse what `pack_secrets` made (after the AEAD vouched for it)."""
    try:
        document = json.loads(payload.decode("utf-8"))
        if document["format"] != SECRETS_FORMAT:
            raise ValueError(document["format"])
        raw = base64.b64decode(document["ed25519"], validate=True)
        signing_key = Ed25519PrivateKey.from_private_bytes(raw)
        identity = x25519.Identity.from_str(document["age"])
        pins = {str(k): str(v) for k, v in dict(document.get("pins", {})).items()}
    except Exception:
        raise FieldtuiError(
            _("{name} opened but holds no fieldtui keys").format(name=name),
            _("restore it from your backup"),
        ) from None
    return SecretKeys(signing_key, identity, pins)


_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values: list[int]) -> int:
    generator = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            check ^= generator[i] if (top >> i) & 1 else 0
    return check


def age_recipient_bytes(recipient: str) -> bytes:
    """The 32 key bytes inside an `age1...` bech32 recipient (checksum verified)."""
    text = recipient.strip().lower()
    hrp, sep, data = text.rpartition("1")
    if hrp != "age" or not sep or any(c not in _BECH32 for c in data) or len(data) < 6:
        raise FieldtuiError(_("{recipient} is not an age recipient").format(recipient=repr(recipient[:70])), _("copy it again"))
    values = [_BECH32.index(c) for c in data]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    if _polymod(expanded + values) != 1:
        raise FieldtuiError(_("{recipient} has a bad checksum").format(recipient=repr(recipient[:70])), _("copy it again"))
    acc, bits, out = 0, 0, bytearray()
    for value in values[:-6]:
        acc = (acc << 5) | value
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if len(out) != 32:
        raise FieldtuiError(_("{recipient} does not hold a 32-byte key").format(recipient=repr(recipient[:70])), _("copy it again"))
    return bytes(out)
