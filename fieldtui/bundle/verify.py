"""Opening a bundle on the supervisor's side: every check, then manifest and sessions."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import payload as payload_mod
from fieldtui.bundle.envelope import Envelope, read_envelope, verify_envelope
from fieldtui.bundle.errors import BundleError
from fieldtui.core.i18n import _


@dataclass(frozen=True)
class OpenedBundle:
    """A bundle that passed every check: its name, envelope, manifest and sessions."""

    sha256: str
    envelope: Envelope
    manifest: dict[str, Any]
    sessions: list[dict[str, Any]]
    payload_format: str = payload_mod.FORMAT


def open_bundle(data: bytes, identity: Any,
                devices: Mapping[str, Ed25519PublicKey]) -> OpenedBundle:
    """Check envelope, payload and inner signature and that they agree; BundleError if not.

    `identity` is the study's age identity; `devices` maps device_id to its signing key
    (see `public_key_from_card`).
    """
    envelope = read_envelope(data)
    key = known_device_key(envelope, devices)
    verify_envelope(envelope, key)
    inner = payload_mod.open_plaintext(payload_mod.decrypt(envelope.payload, identity), key)
    check_agreement(envelope, inner.manifest, inner.sessions)
    return OpenedBundle(hashlib.sha256(data).hexdigest(), envelope, inner.manifest,
                        inner.sessions, inner.format)


def known_device_key(envelope: Envelope,
                     devices: Mapping[str, Ed25519PublicKey]) -> Ed25519PublicKey:
    """The enrolled key of the envelope's device; BundleError for an unknown device."""
    key = devices.get(envelope.device_id)
    if key is None:
        raise BundleError("unknown-device",
                          _("the bundle comes from device {device_id}, not "
                            "enrolled").format(device_id=envelope.device_id))
    return key


def check_agreement(envelope: Envelope, manifest: dict[str, Any],
                    sessions: list[dict[str, Any]]) -> None:
    """Inner manifest and outer header name the same bundle, device, key and seq."""
    for name in ("bundle_id", "device_id", "key_id", "seq"):
        if manifest.get(name) != getattr(envelope, name):
            raise BundleError("ids-disagree",
                              _("the bundle's inner and outer {name} disagree").format(name=name))
    ids = [s.get("session_id") for s in sessions]
    if ids != manifest.get("session_ids") or len(set(ids)) != len(ids):
        raise BundleError("ids-disagree", _("the bundle's session list disagrees with "
                                            "its manifest"))
    for session in sessions:
        if session.get("device_id") not in (None, envelope.device_id):
            raise BundleError("ids-disagree",
                              _("a session in the bundle names another device"))
