"""The PostgreSQL store's side of `StoreAdmin`: `collector init`, `allow`, `revoke`,
`check` and the update channel's `add_updates`, each in its own transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldtui.core.canonical import canonical_json
from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.untrusted_json import JsonRefused, parse_object
from fieldtui.store.durable import private_dir, write_atomic
from fieldtui.store.postgres_url import describe
from fieldtui.sync.collector.devices import (
    DEVICE_ID,
    MAX_CARD_BYTES,
    check_device_id,
    same_name,
)
from fieldtui.sync.collector.keys import public_text
from fieldtui.sync.collector.pg import updates
from fieldtui.sync.collector.pg.check import check_bundles
from fieldtui.sync.collector.pg.connect import connect
from fieldtui.sync.collector.pg.keys import load_key, store_key
from fieldtui.sync.collector.pg.schema import ensure_schema

REVOKE = """
INSERT INTO devices (device_id, revoked, revoked_at) VALUES (%s, true, %s)
ON CONFLICT (device_id) DO UPDATE SET revoked = true,
    revoked_at = CASE WHEN devices.revoked THEN devices.revoked_at
                      ELSE EXCLUDED.revoked_at END
"""


class PgAdmin:
    """A collector store in PostgreSQL, for the commands that manage it."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        """`migrate` False for a supervisor's use (reading cards, adding updates): the
        store's schema is the collector's to move, and a store an older collector keeps
        is read as it is (a supervisor's role may not alter it, and should not)."""
        self.url = url
        self._where = describe(url)
        self._conn = connect(url)
        if migrate:
            ensure_schema(self._conn)

    @property
    def where(self) -> str:
        """host:port/dbname (never the password)."""
        return _("PostgreSQL at {where}").format(where=self._where)

    def init(self) -> str:
        """Create the store's collector key; returns its public key."""
        key = Ed25519PrivateKey.generate()
        if not store_key(self._conn, key):
            raise FieldtuiError(_("{where} is a collector store already").format(where=self.where),
                                _("use it as it is, or choose another database"))
        return public_text(key)

    def allow(self, card: dict[str, Any], *, unrevoke: bool = False) -> None:
        """Accept bundles from the device on this card (a revoked one only with unrevoke)."""
        load_key(self._conn, self.where, self.url)
        device_id = str(card["device_id"])
        with self._conn.transaction():
            row = self._conn.execute("SELECT revoked, revoked_at FROM devices "
                                     "WHERE device_id = %s FOR UPDATE",
                                     (device_id,)).fetchone()
            if row is not None and row[0] and not unrevoke:
                raise FieldtuiError(
                    _("device {device_id} was revoked at {since}").format(
                        device_id=device_id, since=row[1]) if row[1] else
                    _("device {device_id} has been revoked").format(device_id=device_id),
                    _("pass --unrevoke to accept its bundles again"))
            self._conn.execute(
                "INSERT INTO devices (device_id, card, allowed_at) VALUES (%s, %s, now()) "
                "ON CONFLICT (device_id) DO UPDATE SET card = EXCLUDED.card, "
                "revoked = false, revoked_at = NULL, allowed_at = now()",
                (device_id, canonical_json(card) + b"\n"))

    def names_in_use(self, card: dict[str, Any]) -> list[str]:
        """Other allowed devices with this card's interviewer name."""
        found = []
        for device_id, data in self._conn.execute(
                "SELECT device_id, card FROM devices WHERE card IS NOT NULL "
                "ORDER BY device_id"):
            try:
                other = parse_object(bytes(data), max_bytes=MAX_CARD_BYTES)
            except JsonRefused:
                continue
            if same_name(card, other):
                found.append(str(device_id))
        return found

    def revoke(self, device_id: str) -> None:
        """Refuse this device's bundles from now on, on every collector of the store: the
        update waits for uploads that hold the device's row, later ones see it."""
        load_key(self._conn, self.where, self.url)
        check_device_id(device_id)
        self._conn.execute(REVOKE, (device_id, wall_iso()))

    def check(self) -> tuple[int, list[str]]:
        """Re-verify every stored bundle (hash, device signature) and its receipt."""
        key = load_key(self._conn, self.where, self.url)
        return check_bundles(self.url, key.public_key())

    def add_updates(self, files: list[tuple[int, bytes]]) -> int:
        """Relay these update files too; returns how many the store lacked."""
        self._require_store()
        with self._conn.transaction():
            return updates.add(self._conn, files)

    def export_cards(self, folder: Path) -> int:
        """Write the allowed cards and the revocations, laid out as a collector folder
        (the store checked by its public key only: a supervisor's role need not read the
        private one). The rows are the store's: its role owns the tables and may have
        dropped their checks, so a device id that is not 16 hex digits (a path: '/x',
        '../x') is left out here too, and a card is read at most one byte past the limit
        (`read_devices` refuses it then)."""
        self._require_store()
        private_dir(Path(folder) / "devices")
        revoked: dict[str, str | None] = {}
        count = 0
        for device_id, card, is_revoked, since in self._conn.execute(
                "SELECT device_id, substring(card FROM 1 FOR %s), revoked, revoked_at "
                "FROM devices ORDER BY device_id", (MAX_CARD_BYTES + 1,)):
            if not isinstance(device_id, str) or not DEVICE_ID.fullmatch(device_id):
                continue  # never a file name from outside the 16 hex digits
            if is_revoked:
                revoked[device_id] = since if isinstance(since, str) else None
            if card is not None:
                write_atomic(Path(folder) / "devices" / f"{device_id}.json", bytes(card))
                count += 1
        write_atomic(Path(folder) / "revoked.json", canonical_json(revoked) + b"\n")
        return count

    def _require_store(self) -> None:
        """A clear error unless this is a collector store, read from its public key only
        (a supervisor's role, publishing or merging, need not read the private one)."""
        if self._conn.execute("SELECT public_key FROM collector").fetchone() is None:
            load_key(self._conn, self.where, self.url)  # the error: not a collector store

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()
