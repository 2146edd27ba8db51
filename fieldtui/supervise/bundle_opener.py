"""Opening bundles for a merge: the study identity, the enrolled device cards, the revoked list.

Device cards are read from a `devices/` folder (the collector store's, or one given with
`--devices`), and `revoked.json` beside it says which devices were revoked and when
(`{device_id: ISO time}`; an older plain list of ids gives no time).

A revoked device's bundle still merges (its sessions are flagged `revoked-device`) when it
was stored before the revocation: it sits in that same collector store's bundles/ and its
file time (the collector writes a bundle once, when it stores it) is earlier than the
revocation time. A bundle from elsewhere, stored later, or from a revocation without a time
is refused; `exclude_revoked` refuses all of them.

A bundle's manifest and each session must name the interviewer on the device's card.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import BundleError, OpenedBundle, open_bundle, public_key_from_card
from fieldtui.core.clock import file_time
from fieldtui.core.errors import FieldtuiError, quoted
from fieldtui.core.i18n import _
from fieldtui.store.home import KIT_FILE, SEAL_STATE_FILE
from fieldtui.store.untrusted_json import load_untrusted_json
from fieldtui.supervise.opener_types import Opened, Opener

HEADER_PEEK = 8192  # the magic line and the header line (at most 4096 bytes) fit in this
# The devices folder may be a stick's or a compromised collector's. A card is about 400
# bytes (the collector refuses one over 100 KB when it allows it); a revoked list is 80
# bytes a device, so 4 MB holds 50,000 revocations and parses in 0.1 s, 100 MB at worst.
MAX_CARD_BYTES = 100_000
MAX_REVOKED_BYTES = 4_000_000
# A device home's own files beside its card (device.json), read without a devices/ folder
# (`merge --from` a device home): the study kit and the sealing state are no cards, so no
# warning about them; any other file there that is no card is still named.
DEVICE_HOME_FILES = frozenset({KIT_FILE, SEAL_STATE_FILE})


@dataclass(frozen=True)
class Enrolled:
    """What the collector store says about devices: keys, card names, revocations."""

    root: Path
    keys: dict[str, Ed25519PublicKey] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    revoked: dict[str, str | None] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _cards_folder(folder: Path) -> Path:
    return folder / "devices" if (folder / "devices").is_dir() else folder


def revoked_lists(folder: Path) -> list[Path]:
    """The revoked lists `read_devices(folder)` reads (beside devices/, or in it)."""
    cards = _cards_folder(Path(folder))
    return [place for place in dict.fromkeys((cards.parent / "revoked.json",
                                              cards / "revoked.json"))
            if place.exists() or place.is_symlink()]  # a link or FIFO there is refused


def read_devices(folder: Path, *, revocations: bool = True) -> Enrolled:
    """Cards from `folder/devices/*.json` and revocations from `folder/revoked.json`;
    `folder` may also be the devices/ folder itself, or a device home (its card is
    device.json; its other files, DEVICE_HOME_FILES, are passed over). `revocations`
    False: no revoked list is read (a folder not proven to be the study's collector store
    says nothing about which devices were revoked)."""
    folder = Path(folder)
    cards = _cards_folder(folder)
    if not cards.is_dir():
        raise FieldtuiError(_("no device cards in {folder}").format(folder=folder),
                            _("pass --devices with the collector's store folder"))
    enrolled = Enrolled(cards.parent)
    not_cards = {"revoked.json"} | (DEVICE_HOME_FILES if cards == folder else set())
    for path in sorted(cards.glob("*.json")):
        if path.name in not_cards:
            continue
        try:
            card = load_untrusted_json(path, MAX_CARD_BYTES, what=_("device card"),
                                       todo=_("ask the collector for the card again"))
            device_id, key = public_key_from_card(card)
        except FieldtuiError as exc:  # a BundleError is one too
            enrolled.problems.append(f"{path.name}: {exc.line()}")
            continue
        enrolled.keys[device_id] = key
        enrolled.names[device_id] = str(card.get("interviewer", ""))
    for place in revoked_lists(folder) if revocations else []:
        enrolled.revoked.update(_revocations(place))
    return enrolled


def _revocations(place: Path) -> dict[str, str | None]:
    value = load_untrusted_json(place, MAX_REVOKED_BYTES, what=_("revoked list"),
                                todo=_("fix or restore the revoked list"))
    if isinstance(value, dict):
        return {str(k): v if isinstance(v, str) else None for k, v in value.items()}
    if isinstance(value, list):
        return {str(v): None for v in value}
    raise FieldtuiError(_("{place} is not a revoked list").format(place=place), _("fix or restore the revoked list"))


def study_opener(identity: Any, enrolled: Enrolled, *, exclude_revoked: bool = False
                 ) -> Opener:
    """An opener that applies the revocation rule, checks every signature, decrypts, and
    checks the names against the device's card."""

    def opener(data: bytes, path: Path | None = None) -> Opened:
        device_id = str(_header(data[:HEADER_PEEK]).get("device_id", ""))
        if device_id in enrolled.revoked:
            _revoked_but_stored_before(device_id, enrolled, path, exclude_revoked)
        opened = open_bundle(data, identity, enrolled.keys)
        check_names(opened, enrolled.names)
        return opened

    return opener


def _revoked_but_stored_before(device_id: str, enrolled: Enrolled, path: Path | None,
                               exclude: bool) -> None:
    """Return when the bundle may merge; BundleError `revoked` otherwise."""
    revoked_at = _when(enrolled.revoked[device_id])
    since = _("at {revoked}").format(revoked=enrolled.revoked[device_id]) if revoked_at else _("(time unknown)")
    if exclude:
        raise BundleError("revoked", _("device {device_id} was revoked {since}; "
                                       "--exclude-revoked leaves its bundles out").format(device_id=device_id, since=since), _("merge without it to take in what it sent "
                                                                        "before the revocation"))
    stored = stored_at(path, enrolled.root)
    if revoked_at is None or stored is None or stored >= revoked_at:
        where = (_("was not stored by that collector") if stored is None
                 else _("was stored {stored}").format(stored=stored.isoformat(timespec="seconds")))
        raise BundleError("revoked", _("device {device_id} was revoked {since} "
                                       "and this bundle {where}").format(device_id=device_id, since=since, where=where), _("only bundles stored before a revocation "
                                               "merge"))


def stored_at(path: Path | None, root: Path) -> datetime | None:
    """When the collector at `root` stored this bundle (its file time), or None when the
    bundle is not in that collector's bundles/ folder."""
    if path is None:
        return None
    try:
        if path.parent.resolve() != (root / "bundles").resolve():
            return None
        return file_time(os.stat(path).st_mtime)  # None past the year 9999
    except OSError:
        return None


def _when(text: str | None) -> datetime | None:
    try:
        when = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    return when if when is None or when.tzinfo else when.replace(tzinfo=UTC)


def check_names(opened: OpenedBundle, names: Mapping[str, str]) -> None:
    """The manifest and every session name the interviewer on the device's card."""
    device_id = str(opened.manifest.get("device_id"))
    card = names.get(device_id, "")
    claimed = [opened.manifest.get("interviewer")] + [
        s.get("interviewer") for s in opened.sessions]
    for name in claimed:
        if name != card:
            raise BundleError("wrong-interviewer", _("the bundle names interviewer {name}; the "
                                                     "card of device {device_id} says {card}").format(name=quoted(name), device_id=device_id, card=quoted(card)),
                              _("a device signs as its own interviewer "
                                "only; treat the bundle as suspect"))


def _header(head: bytes) -> dict[str, Any]:
    """The envelope header, parsed without any check (open_bundle checks it all)."""
    lines = head.split(b"\n", 2)
    try:
        header = json.loads(lines[1]) if len(lines) > 2 else {}
    except (ValueError, RecursionError):  # `[[[…` nested too deep: open_bundle refuses it
        return {}
    return header if isinstance(header, dict) else {}


def seal_order(data: bytes) -> tuple[str, int]:
    """(device_id, seq) from a bundle's header, for ordering only: a bundle whose header
    cannot be read sorts first and is refused when it is opened."""
    header = _header(data[:HEADER_PEEK])
    seq = header.get("seq")
    return str(header.get("device_id", "")), seq if isinstance(seq, int) else 0
