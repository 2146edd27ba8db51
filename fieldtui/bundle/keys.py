"""Reading device cards as the bundle format needs them (ids and keys: `fieldtui.store.keys`)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle.errors import BundleError
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.keys import device_id_of, load_public_b64


@functools.lru_cache(maxsize=64)
def recipient_fingerprint(recipient: str) -> str:
    """The fingerprint of an age recipient, as `fieldtui.store.keys` defines it (cached)."""
    from fieldtui.store.keys import recipient_fingerprint as of_recipient

    return of_recipient(recipient.strip())


def public_key_from_b64(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from its raw bytes in base64; BundleError when it is not one."""
    try:
        return load_public_b64(text)
    except FieldtuiError as exc:
        raise BundleError("bad-card", _("not an Ed25519 public key ({what})").format(what=exc.what)) from exc


def public_key_from_card(card: Mapping[str, Any]) -> tuple[str, Ed25519PublicKey]:
    """(device_id, signing key) from a device card; refuses a card whose id and key disagree."""
    if not isinstance(card, Mapping):  # a JSON list or text from a file: no card
        raise BundleError("bad-card", _("the device card has no device_id or "
                                        "signing_public"))
    signing = card.get("signing_public")
    device_id = card.get("device_id")
    if not isinstance(signing, str) or not isinstance(device_id, str):
        raise BundleError("bad-card", _("the device card has no device_id or "
                                        "signing_public"))
    key = public_key_from_b64(signing)
    if device_id_of(key) != device_id:
        raise BundleError(
            "bad-card", _("the device card's id {device_id} does not match "
                          "its signing key").format(device_id=device_id)
        )
    return device_id, key
