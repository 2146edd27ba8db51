"""`collector migrate --from DIR --to postgresql://…`: move a folder store into PostgreSQL.

The collector key moves with it (devices' kits hold its public key, and receipts must stay
the same), then devices and revocations, bundles (each with its receipt and its file time as
the time it was stored, the migration's for a time past the year 9999), the quarantine
and the updates. Every insert skips what is there already, so a second run (after the
folder's collector took more bundles, or after a stop) adds only what is new. At the end
every bundle of the folder is looked up in PostgreSQL by its SHA-256, its bytes hashed
there, and the counts compared; any difference is an error.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from fieldtui.bundle import BundleError, read_envelope
from fieldtui.bundle.receipt import make_receipt
from fieldtui.core import clock
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, ngettext
from fieldtui.core.untrusted_json import JsonRefused, parse_object
from fieldtui.store.durable import read_untrusted
from fieldtui.store.postgres_url import describe
from fieldtui.sync.collector.backend import SHA_NAME
from fieldtui.sync.collector.devices import MAX_CARD_BYTES
from fieldtui.sync.collector.keys import load_key as load_folder_key
from fieldtui.sync.collector.keys import read_revocations
from fieldtui.sync.collector.pg import updates
from fieldtui.sync.collector.pg.connect import connect
from fieldtui.sync.collector.pg.keys import read_key, store_key
from fieldtui.sync.collector.pg.schema import ensure_schema
from fieldtui.sync.collector.updates import folder_updates

BATCH = 200
DEVICE = """
INSERT INTO devices (device_id, card, revoked, revoked_at, allowed_at)
VALUES (%s, %s, %s, %s, CASE WHEN %s::bytea IS NULL THEN NULL ELSE now() END)
ON CONFLICT (device_id) DO UPDATE SET card = coalesce(devices.card, EXCLUDED.card),
    revoked = devices.revoked OR EXCLUDED.revoked,
    revoked_at = coalesce(devices.revoked_at, EXCLUDED.revoked_at)
"""
BUNDLE = """
INSERT INTO bundles (sha256, device_id, seq, bundle_id, size, data, receipt, source, stored_at)
VALUES (%s, %s, %s, %s, %s, %s, %s, 'migrated', coalesce(%s, now())) ON CONFLICT DO NOTHING
"""


@dataclass
class Moved:
    """What a migration found in the folder, what it added, and what verified."""

    bundles: int = 0
    new_bundles: int = 0
    devices: int = 0
    quarantined: int = 0
    updates: int = 0
    new_updates: int = 0
    verified: int = 0


def migrate(root: Path, url: str) -> Moved:
    """Copy the folder store `root` into the database at `url`, then verify it there."""
    key = load_folder_key(root)
    where = _("PostgreSQL at {url}").format(url=describe(url))
    conn = connect(url, option="--to")
    try:
        ensure_schema(conn)
        with conn.transaction():
            _same_key(conn, key, where)
        moved = Moved()
        moved.devices = _devices(conn, root)
        _bundles(conn, root, key, moved)
        moved.quarantined = _quarantine(conn, root / "quarantine")
        offered = folder_updates(root)
        moved.updates = len(offered)
        with conn.transaction():
            moved.new_updates = updates.add(conn, offered)
        _verify(conn, root, moved, where)
        return moved
    finally:
        conn.close()


def _same_key(conn: Any, key: Any, where: str) -> None:
    existing = read_key(conn, where)
    if existing is None:
        store_key(conn, key)
        return
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    theirs = existing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    if raw != theirs:
        raise FieldtuiError(_("{where} already holds another collector "
                              "(another key)").format(where=where),
                            _("migrate into an empty database, or the one "
                              "this folder was migrated to before"))


def _devices(conn: Any, root: Path) -> int:
    revoked = read_revocations(root)
    cards: dict[str, bytes] = {}
    for path in sorted((root / "devices").glob("*.json")):
        try:
            data = read_untrusted(path, MAX_CARD_BYTES, what=_("device card"))
            card = parse_object(data, max_bytes=MAX_CARD_BYTES)
        except (OSError, FieldtuiError, JsonRefused):
            continue  # a card the folder store would not load either
        if path.stem == card.get("device_id"):
            cards[path.stem] = data
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(DEVICE, [(d, cards.get(d), d in revoked, revoked.get(d), cards.get(d))
                                 for d in sorted(set(cards) | set(revoked))
                                 if len(d) == 16])
    return len(cards)


def _bundles(conn: Any, root: Path, key: Any, moved: Moved) -> None:
    paths = sorted(p for p in (root / "bundles").glob("*.ftb") if SHA_NAME.fullmatch(p.stem))
    moved.bundles = len(paths)
    for start in range(0, len(paths), BATCH):
        rows = [_row(path, key) for path in paths[start: start + BATCH]]
        with conn.transaction(), conn.cursor() as cur:
            before = cur.execute("SELECT count(*) FROM bundles").fetchone()[0]
            cur.executemany(BUNDLE, rows)
            moved.new_bundles += cur.execute("SELECT count(*) FROM bundles").fetchone()[0] - before


def _row(path: Path, key: Any) -> tuple[object, ...]:
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != path.stem:
        raise FieldtuiError(_("{path} no longer matches its name (damaged on disk)").format(path=path),
                            _("run 'fieldtui collector check' on the "
                              "folder, restore the bundle from a backup, "
                              "then migrate again"))
    try:
        envelope = read_envelope(data)
    except BundleError as exc:
        raise FieldtuiError(_("{path}: {what}").format(path=path, what=exc.what), _("run 'fieldtui collector check' on the "
                                                     "folder first")) from exc
    return (path.stem, envelope.device_id, envelope.seq, envelope.bundle_id, len(data), data,
            make_receipt(key, path.stem, envelope, len(data)), file_time(path))


def file_time(path: Path) -> datetime | None:
    """When the folder's collector stored `path` (its file time); None, stored as now, for
    a time no calendar holds: a stick's file system (NTFS: to the year 30828) takes any a
    hostile writer sets, and Python's dates end with 9999 (the ValueError stopped the
    migration of the whole folder), as merge treats it (`core.clock.file_time`)."""
    try:
        return clock.file_time(os.stat(path).st_mtime)
    except OSError:
        return None


def _quarantine(conn: Any, folder: Path) -> int:
    reasons = sorted(folder.glob("*.reason.json")) if folder.is_dir() else []
    for path in reasons:
        sha = path.name.removesuffix(".reason.json")
        if not SHA_NAME.fullmatch(sha):
            continue
        text = path.read_bytes()[:100_000]
        binary = folder / f"{sha}.bin"
        data = binary.read_bytes() if binary.exists() else b""
        try:
            code = str(parse_object(text, max_bytes=len(text)).get("code", ""))[:40]
        except JsonRefused:
            code = ""
        with conn.transaction():
            row = conn.execute("INSERT INTO quarantine (sha256, data, reason, code) "
                               "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING 1",
                               (sha, data, text, code)).fetchone()
            if row is not None:
                conn.execute("UPDATE quarantine_usage SET files = files + %s, "
                             "bytes = bytes + %s", (1 + bool(data), len(data) + len(text)))
    return len(reasons)


def _verify(conn: Any, root: Path, moved: Moved, where: str) -> None:
    names = sorted(p.stem for p in (root / "bundles").glob("*.ftb")
                   if SHA_NAME.fullmatch(p.stem))
    found = {r[0] for r in conn.execute(
        "SELECT sha256 FROM bundles WHERE sha256 = ANY(%s) "
        "AND encode(sha256(data), 'hex') = sha256 AND octet_length(receipt) > 0", (names,))}
    missing = [n for n in names if n not in found]
    if missing:
        raise FieldtuiError(
            ngettext("{count} bundle of the folder is not in {where} with "
                     "the same SHA-256 (first: {missing}; another bundle may hold "
                     "its device's seq)",
                     "{count} bundles of the folder are not in {where} with "
                     "the same SHA-256 (first: {missing}; another bundle may hold "
                     "its device's seq)", len(missing)).format(count=len(missing), where=where, missing=missing[0][:12]),
            _("run 'fieldtui collector check' on both stores"))
    have = {int(r[0]) for r in conn.execute("SELECT seq FROM updates")}
    lacking = [seq for seq, _ in folder_updates(root) if seq not in have]
    devices = conn.execute("SELECT count(*) FROM devices WHERE card IS NOT NULL").fetchone()[0]
    if lacking or devices < moved.devices:
        short = moved.devices - devices
        raise FieldtuiError(_("{where} lacks {updates} or {devices} of the folder").format(
                                where=where,
                                updates=ngettext("{n} update", "{n} updates",
                                                 len(lacking)).format(n=len(lacking)),
                                devices=ngettext("{n} device", "{n} devices",
                                                 short).format(n=short)),
                            _("run the migration again"))
    moved.verified = len(found)

