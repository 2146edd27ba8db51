"""Which devices the collector accepts: allowed cards in devices/, and revoked.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import BundleError, public_key_from_card
from fieldtui.core.canonical import canonical_json
from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.store.durable import read_untrusted, write_atomic
from fieldtui.sync.collector_keys import load_key, read_revoked

MAX_CARD_BYTES = 100_000
DEVICE_ID = re.compile(r"[0-9a-f]{16}")


def read_card(path: Path) -> dict[str, Any]:
    """A device card from a file, checked (its id matches its key)."""
    todo = "use the file written by 'fieldtui enroll --card-out'"
    # a card comes from someone else: bounded, no link followed, no FIFO waited on
    data = read_untrusted(Path(path), MAX_CARD_BYTES, what="device card")
    if len(data) > MAX_CARD_BYTES:
        raise FieldtuiError(f"the device card {path} is larger than {MAX_CARD_BYTES} bytes",
                            todo)
    try:
        card = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise FieldtuiError(f"the device card {path} is not valid JSON", todo) from None
    if not isinstance(card, dict):
        raise FieldtuiError(f"{path} is not a device card", todo)
    try:
        public_key_from_card(card)
    except BundleError as exc:
        raise FieldtuiError(f"{path}: {exc.what}", "ask the interviewer for a new card") from exc
    if not printable_line(str(card.get("interviewer", "")) or "-", 80):
        # the name is printed to the collector's operator: no terminal escapes
        raise FieldtuiError(f"{path}: the interviewer name is too long or holds control "
                            "characters", "ask the interviewer for a new card")
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
    if not DEVICE_ID.fullmatch(device_id):
        raise FieldtuiError(f"{device_id!r} is not a device id (16 hex digits)",
                            "copy the id from the device card or 'fieldtui collector allow'")
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
