"""Key ids as the bundle format names them, and reading device cards."""

from __future__ import annotations

import base64
import binascii
import functools
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldtui.bundle.errors import BundleError
from fieldtui.core.canonical import sha256_hex


def raw_public(key: Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of an Ed25519 public key."""
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id_of(key: Ed25519PublicKey) -> str:
    """SHA-256 hex of the raw public key: the `key_id` of the envelope."""
    return sha256_hex(raw_public(key))


def device_id_of(key: Ed25519PublicKey) -> str:
    """First 16 hex digits of the key id (docs/internals.md, "Keys")."""
    return key_id_of(key)[:16]


@functools.lru_cache(maxsize=64)
def recipient_fingerprint(recipient: str) -> str:
    """The fingerprint of an age recipient, as `fieldtui.store.keys` defines it (cached)."""
    from fieldtui.store.keys import recipient_fingerprint as of_recipient

    return of_recipient(recipient.strip())


def public_key_from_b64(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from its raw bytes in base64; BundleError when it is not one."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise BundleError("bad-card", f"not an Ed25519 public key ({exc})") from exc


def public_key_from_card(card: Mapping[str, Any]) -> tuple[str, Ed25519PublicKey]:
    """(device_id, signing key) from a device card; refuses a card whose id and key disagree."""
    signing = card.get("signing_public")
    device_id = card.get("device_id")
    if not isinstance(signing, str) or not isinstance(device_id, str):
        raise BundleError("bad-card", "the device card has no device_id or signing_public")
    key = public_key_from_b64(signing)
    if device_id_of(key) != device_id:
        raise BundleError(
            "bad-card", f"the device card's id {device_id} does not match its signing key"
        )
    return device_id, key
