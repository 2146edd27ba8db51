"""Which devices the collector accepts: allowed cards in devices/, and revoked.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import BundleError, public_key_from_card
from fieldtui.core.canonical import canonical_json
from fieldtui.core.errors import FieldtuiError
from fieldtui.store.durable import write_atomic
from fieldtui.sync.collector_keys import load_key, read_revoked


def read_card(path: Path) -> dict[str, Any]:
    """A device card from a file, checked (its id matches its key)."""
    try:
        card = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise FieldtuiError(f"cannot read the device card {path} ({exc})",
                            "use the file written by 'fieldtui enroll --card-out'") from exc
    if not isinstance(card, dict):
        raise FieldtuiError(f"{path} is not a device card",
                            "use the file written by 'fieldtui enroll --card-out'")
    try:
        public_key_from_card(card)
    except BundleError as exc:
        raise FieldtuiError(f"{path}: {exc.what}", "ask the interviewer for a new card") from exc
    return card


def allow(root: Path, card_path: Path) -> dict[str, Any]:
    """Accept bundles from the device on this card (again, if it was revoked)."""
    load_key(root)
    card = read_card(card_path)
    device_id = str(card["device_id"])
    write_atomic(Path(root) / "devices" / f"{device_id}.json", canonical_json(card) + b"\n")
    revoked = read_revoked(root)
    if device_id in revoked:
        revoked.discard(device_id)
        write_atomic(Path(root) / "revoked.json", canonical_json(sorted(revoked)) + b"\n")
    return card


def revoke(root: Path, device_id: str) -> None:
    """Refuse bundles from this device from now on (stored ones stay)."""
    load_key(root)
    revoked = read_revoked(root)
    revoked.add(device_id)
    write_atomic(Path(root) / "revoked.json", canonical_json(sorted(revoked)) + b"\n")


def load_devices(root: Path) -> dict[str, Ed25519PublicKey]:
    """device_id -> signing key for every allowed card (revoked ones included)."""
    devices: dict[str, Ed25519PublicKey] = {}
    for path in sorted((Path(root) / "devices").glob("*.json")):
        try:
            device_id, key = public_key_from_card(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, BundleError):
            continue  # a broken card allows nothing; `collector check` reports it
        devices[device_id] = key
    return devices
