"""Which devices the collector accepts: allowed cards in devices/, and revoked.json.

revoked.json is `{device_id: ISO time of the revocation}` (an older store may hold a plain
list of ids: no time). The time tells a merge which bundles were stored before it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import BundleError, public_key_from_card
from fieldtui.core.canonical import canonical_json
from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _
from fieldtui.core.untrusted_json import JsonRefused, parse_object
from fieldtui.store.durable import read_untrusted, write_atomic
from fieldtui.sync.collector.keys import load_key, read_revocations

MAX_CARD_BYTES = 100_000
DEVICE_ID = re.compile(r"[0-9a-f]{16}")


def read_card(path: Path) -> dict[str, Any]:
    """A device card from a file, checked (its id matches its key)."""
    todo = _("use the file written by '{command}'").format(command="fieldtui enroll --card-out")
    # a card comes from someone else: bounded, no link followed, no FIFO waited on
    data = read_untrusted(Path(path), MAX_CARD_BYTES, what=_("device card"))
    try:
        card = parse_object(data, max_bytes=MAX_CARD_BYTES)
    except JsonRefused as exc:
        raise FieldtuiError(_("the device card {path} is {problem}").format(
            path=path, problem=exc.reason), todo) from None
    try:
        public_key_from_card(card)
    except BundleError as exc:
        raise FieldtuiError(_("{path}: {what}").format(path=path, what=exc.what), _("ask the interviewer for a new card")) from exc
    if not printable_line(str(card.get("interviewer", "")) or "-", 80):
        # the name is printed to the collector's operator: no terminal escapes
        raise FieldtuiError(_("{path}: the interviewer name is too long or "
                              "holds control characters").format(path=path), _("ask the interviewer for a new card"))
    return card


def allow(root: Path, card_path: Path, *, unrevoke: bool = False) -> dict[str, Any]:
    """Accept bundles from the device on this card; a revoked device only with `unrevoke`."""
    card = read_card(card_path)
    allow_card(root, card, unrevoke=unrevoke)
    return card


def allow_card(root: Path, card: dict[str, Any], *, unrevoke: bool = False) -> None:
    """`allow` with a card already read and checked."""
    load_key(root)
    device_id = str(card["device_id"])
    revoked = read_revocations(root)
    if device_id in revoked and not unrevoke:
        since = f" at {revoked[device_id]}" if revoked[device_id] else ""
        raise FieldtuiError(_("device {device_id} was revoked{since}").format(device_id=device_id, since=since),
                            _("pass --unrevoke to accept its bundles again"))
    write_atomic(Path(root) / "devices" / f"{device_id}.json", canonical_json(card) + b"\n")
    if device_id in revoked:
        del revoked[device_id]
        _write_revoked(root, revoked)


def names_in_use(root: Path, card: dict[str, Any]) -> list[str]:
    """Ids of the other allowed devices whose interviewer has this card's name (compared
    without case, width or spacing differences)."""
    found = []
    for path in sorted((Path(root) / "devices").glob("*.json")):
        other = stored_card(path)
        if other is not None and same_name(card, other):
            found.append(str(other.get("device_id")))
    return found


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def revoke(root: Path, device_id: str) -> None:
    """Refuse bundles from this device from now on (stored ones stay); the time is kept
    (the first one, if it was revoked before)."""
    load_key(root)
    check_device_id(device_id)
    revoked = read_revocations(root)
    if revoked.get(device_id) is None:
        revoked[device_id] = wall_iso()
    _write_revoked(root, revoked)


def check_device_id(device_id: str) -> None:
    """A clear error unless `device_id` is 16 hex digits."""
    if not DEVICE_ID.fullmatch(device_id):
        raise FieldtuiError(_("{device_id} is not a device id (16 hex digits)").format(device_id=repr(device_id)),
                            _("copy the id from the device card or "
                              "'fieldtui collector allow'"))


def same_name(card: dict[str, Any], other: object) -> bool:
    """True when `other` is another device's card with this card's interviewer name
    (compared without case, width or spacing differences)."""
    return (isinstance(other, dict) and other.get("device_id") != card.get("device_id")
            and _name_key(str(other.get("interviewer", "")))
            == _name_key(str(card.get("interviewer", ""))))


def _write_revoked(root: Path, revoked: dict[str, str | None]) -> None:
    write_atomic(Path(root) / "revoked.json", canonical_json(revoked) + b"\n")


def load_devices(root: Path) -> dict[str, Ed25519PublicKey]:
    """device_id -> signing key for every allowed card (revoked ones included)."""
    return device_cards(root)[0]


def device_cards(root: Path) -> tuple[dict[str, Ed25519PublicKey], list[str]]:
    """(device_id -> signing key for every good card, a `devices/NAME: what is wrong` line
    for each broken one): a broken card allows nothing; `collector check` reports it."""
    devices: dict[str, Ed25519PublicKey] = {}
    problems: list[str] = []
    for path in sorted((Path(root) / "devices").glob("*.json")):
        card = stored_card(path)
        if card is None:
            problems.append(_("devices/{name}: not a device card (a link, too large, or not "
                              "a JSON object): the device cannot upload; allow it again")
                            .format(name=path.name))
            continue
        try:
            device_id, key = public_key_from_card(card)
        except (ValueError, BundleError) as exc:
            what = exc.what if isinstance(exc, BundleError) else str(exc)
            problems.append(_("devices/{name}: {what}: the device cannot upload; allow it "
                              "again").format(name=path.name, what=what))
            continue
        devices[device_id] = key
    return devices, problems


def stored_card(path: Path) -> dict[str, Any] | None:
    """A card in the store's devices/ folder (which other collectors and operators write
    too), or None when it is not one: a link, too large, not JSON or not an object."""
    try:
        return parse_object(read_untrusted(path, MAX_CARD_BYTES), max_bytes=MAX_CARD_BYTES)
    except (OSError, FieldtuiError, JsonRefused):
        return None
