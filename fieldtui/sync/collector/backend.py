"""What the collector's HTTP handlers and `collector ingest` need from a store, whichever
kind holds it: a folder (`store.CollectorStore`, the default) or PostgreSQL
(`pg.store.PgStore`). Both verify a bundle the same way, store it once by its SHA-256 and
answer with the same deterministic receipt.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from fieldtui.bundle import BundleError, read_envelope
from fieldtui.bundle.envelope import Envelope
from fieldtui.core.i18n import N_, _
from fieldtui.core.said import Said

SHA_NAME = re.compile(r"[0-9a-f]{64}")
STATUS = {"oversize": 413, "bad-hash": 400, "unknown-device": 403, "revoked": 403,
          "bad-signature": 403, "wrong-key": 403, "replay": 409, "rate-limited": 429}


class Refusal(Exception):
    """A bundle the collector will not store: HTTP status, code and reason."""

    def __init__(self, code: str, reason: str | Said) -> None:
        said = reason if isinstance(reason, Said) else None
        reason = str(reason)
        super().__init__(reason)
        self.code = code
        self.reason = reason  # in the collector's own language (its log, the quarantine)
        self.said = said  # the same, to say in the language the device asked for
        self.status = STATUS.get(code, 400)
        self.kept = True  # False when the quarantine had no room (or no disk) for it


class Unavailable(Exception):
    """The collector cannot write now (a full or failing disk, a database out of reach):
    nothing was stored or refused, so the device should retry later (HTTP 503)."""

    status = 503

    def __init__(self, why: str | Said, todo: str = "", *, told: Said | None = None) -> None:
        self.why = str(why)  # in the collector's own language (its log and terminal)
        todo = todo or _("free some space there")
        self.todo = todo  # what the operator does about it
        # `why` given as Said is said in the language the device asked for, too; `told`,
        # what a client is told instead, when `why` says what is the operator's only
        self.said = Said(N_("the collector cannot store bundles right now ({why}); retry "
                            "later"), {"why": why if told is None else told})
        super().__init__(str(self.said))


@dataclass(frozen=True)
class Accepted:
    """A stored bundle's receipt; `new` is False when the same bytes were already stored."""

    receipt: bytes
    new: bool


def read_checked(sha256: str, data: bytes, max_size: int) -> Envelope:
    """The envelope of `data` when its size, name and format are right, else Refusal (the
    checks every store makes before it looks at devices)."""
    if len(data) > max_size:
        raise Refusal("oversize", Said(N_("the bundle is larger than {max_size} bytes"),
                                        {"max_size": max_size}))
    if not SHA_NAME.fullmatch(sha256) or hashlib.sha256(data).hexdigest() != sha256:
        raise Refusal("bad-hash", Said(N_("the bundle's SHA-256 does not match its name")))
    try:
        # canonical JSON bounds seq to 2**53 (JCS): it fits index.log and a bigint
        return read_envelope(data)
    except BundleError as exc:
        raise Refusal(exc.code, exc.what_said or exc.what) from exc


def revoked_device(device_id: str) -> Refusal:
    """The refusal of a bundle from a revoked device."""
    return Refusal("revoked", Said(N_("device {device_id} has been revoked"),
                                   {"device_id": device_id}))


def device_not_allowed(device_id: str) -> Refusal:
    """The refusal of a bundle from a device the collector was not told to allow."""
    return Refusal("unknown-device", Said(N_("device {device_id} is not allowed here"),
                                          {"device_id": device_id}))


def device_card_broken(device_id: str) -> Refusal:
    """The refusal of a bundle from a device whose card the store cannot read."""
    return Refusal("unknown-device", Said(N_("device {device_id} has a broken card"),
                                          {"device_id": device_id}))


def too_many_uploads() -> Refusal:
    """The refusal of an upload past the device's rate."""
    return Refusal("rate-limited", Said(N_("too many uploads from this device; retry later")))


def replay_reason(envelope: Envelope, other: str) -> Said:
    """Why a bundle that takes another's seq or bundle id is refused."""
    return Said(N_("device {device_id} already sent seq {seq} or bundle {bundle_id} as "
                   "another bundle ({other})"),
                {"device_id": envelope.device_id, "seq": envelope.seq,
                 "bundle_id": envelope.bundle_id, "other": other[:12]})


class BundleStore(Protocol):
    """An opened collector store; safe to use from many threads (and, with others opened on
    the same store, from many processes)."""

    max_size: int

    @property
    def where(self) -> str:
        """The store as a person should see it in a message (never a password)."""

    def has(self, sha256: str) -> bool:
        """True when the bundle is stored."""

    def receipt(self, sha256: str) -> bytes | None:
        """The receipt of a stored bundle, or None."""

    def accept(self, sha256: str, data: bytes, source: str = "") -> Accepted:
        """Store `data` named `sha256`, or raise Refusal (quarantined while there is room)
        or Unavailable (nothing stored: retry later)."""

    async def accept_async(self, sha256: str, data: bytes, source: str = "") -> Accepted:
        """`accept` for an event loop (the server): never blocks the loop on I/O."""

    def stored(self) -> list[str]:
        """The names of every stored bundle, sorted."""

    def updates_page(self, after: int) -> tuple[list[bytes], bool]:
        """The update files after seq `after` (a bounded page) and whether more follow."""

    def updates(self) -> list[tuple[int, bytes]]:
        """(seq, file) of every update the store relays, in seq order."""

    def log(self, *lines: str) -> None:
        """Record request lines (never raises)."""

    def close(self) -> None:
        """Release files, connections and locks."""


class StoreAdmin(Protocol):
    """What `collector init`, `allow`, `revoke`, `check` and `migrate` do on a store."""

    @property
    def where(self) -> str:
        """The store as a person should see it in a message (never a password)."""

    def init(self) -> str:
        """Create the store with a new collector key; returns the public key (base64)."""

    def allow(self, card: dict[str, object], *, unrevoke: bool = False) -> None:
        """Accept bundles from the device on this (checked) card."""

    def names_in_use(self, card: dict[str, object]) -> list[str]:
        """Ids of the other allowed devices whose interviewer has this card's name."""

    def revoke(self, device_id: str) -> None:
        """Refuse bundles from this device from now on (the first time is kept)."""

    def check(self) -> tuple[int, list[str]]:
        """(bundles checked, problems as `what: what is wrong` lines)."""

    def add_updates(self, files: list[tuple[int, bytes]]) -> int:
        """Relay these update files too (those the store lacks); returns how many were new."""

    def export_cards(self, folder: Path) -> int:
        """Write the allowed cards (devices/<id>.json) and revoked.json into `folder`, laid
        out as a collector folder (what `study publish` encrypts to); returns how many."""

    def close(self) -> None:
        """Release connections."""
