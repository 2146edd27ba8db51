"""Opening bundles for a merge: the study identity, the enrolled device cards, the revoked list.

Device cards are read from a `devices/` folder (the collector store's, or one given with
`--devices`), and `revoked.json` beside it lists device ids whose bundles are refused.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import BundleError, open_bundle, public_key_from_card
from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.merge import Opened, Opener

HEADER_PEEK = 8192  # the magic line and the header line (at most 4096 bytes) fit in this


def read_devices(folder: Path) -> tuple[dict[str, Ed25519PublicKey], set[str], list[str]]:
    """(device_id -> key, revoked ids, problems) from `folder/devices/*.json` and
    `folder/revoked.json`; `folder` may also be the devices/ folder itself."""
    folder = Path(folder)
    cards = folder / "devices" if (folder / "devices").is_dir() else folder
    if not cards.is_dir():
        raise FieldtuiError(f"no device cards in {folder}",
                            "pass --devices with the collector's store folder")
    devices: dict[str, Ed25519PublicKey] = {}
    problems: list[str] = []
    for path in sorted(cards.glob("*.json")):
        try:
            device_id, key = public_key_from_card(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, BundleError) as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        devices[device_id] = key
    revoked: set[str] = set()
    for place in (cards.parent / "revoked.json", cards / "revoked.json"):
        if place.is_file():
            try:
                revoked |= {str(v) for v in json.loads(place.read_text("utf-8"))}
            except ValueError as exc:
                raise FieldtuiError(f"{place} is not valid JSON",
                                    "fix or restore the revoked list") from exc
    return devices, revoked, problems


def study_opener(identity: Any, devices: Mapping[str, Ed25519PublicKey],
                 revoked: set[str]) -> Opener:
    """An opener that refuses revoked devices, then checks every signature and decrypts."""

    def opener(data: bytes) -> Opened:
        device_id = _header(data).get("device_id")
        if device_id in revoked:
            raise BundleError("revoked", f"device {device_id} has been revoked")
        return open_bundle(data, identity, devices)

    return opener


def _header(head: bytes) -> dict[str, Any]:
    """The envelope header, parsed without any check (open_bundle checks it all)."""
    lines = head.split(b"\n", 2)
    try:
        header = json.loads(lines[1]) if len(lines) > 2 else {}
    except ValueError:
        return {}
    return header if isinstance(header, dict) else {}

def seal_order(data: bytes) -> tuple[str, int]:
    """(device_id, seq) from a bundle's header, for ordering only: a bundle whose header
    cannot be read sorts first and is refused when it is opened."""
    header = _header(data[:HEADER_PEEK])
    seq = header.get("seq")
    return str(header.get("device_id", "")), seq if isinstance(seq, int) else 0
