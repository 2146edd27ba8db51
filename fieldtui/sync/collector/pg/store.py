"""`PgStore`: the collector's store in PostgreSQL, behind the same `BundleStore` as a folder.

An upload is checked like the folder store checks it (size, name, format, device, signature,
rate), then stored by ONE statement that locks the device's row (a revocation waits for it,
and every later upload on any collector sees the revocation) and inserts the bundle with its
receipt, `ON CONFLICT DO NOTHING`: the same bytes sent to two collectors at once are stored
once, and both answer with the same receipt. Uploads arriving together share a transaction
(group commit: see pg.batch). The answer is sent after the commit, so an acknowledged
bundle is durable in PostgreSQL; a collector killed before it stores nothing.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle import BundleError, public_key_from_card, verify_envelope
from fieldtui.bundle.envelope import MAX_BUNDLE_BYTES, Envelope
from fieldtui.bundle.receipt import make_receipt
from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _
from fieldtui.core.untrusted_json import parse_object
from fieldtui.store.keys import key_id_of
from fieldtui.store.postgres_url import describe
from fieldtui.sync.collector import quarantine as caps
from fieldtui.sync.collector.backend import (
    SHA_NAME,
    Accepted,
    Refusal,
    Unavailable,
    device_card_broken,
    device_not_allowed,
    read_checked,
    replay_reason,
    revoked_device,
    too_many_uploads,
)
from fieldtui.sync.collector.devices import MAX_CARD_BYTES
from fieldtui.sync.collector.log import to_stderr
from fieldtui.sync.collector.pg import quarantine
from fieldtui.sync.collector.pg.batch import LoopBatches, Row, StoreBatches
from fieldtui.sync.collector.pg.keys import load_key
from fieldtui.sync.collector.pg.pool import POOL_TIMEOUT, StorePool
from fieldtui.sync.collector.pg.schema import ensure_schema
from fieldtui.sync.collector.pg.store_many import db_text, store_many
from fieldtui.sync.collector.pg.updates import page
from fieldtui.sync.collector.quarantine import reason_doc
from fieldtui.sync.collector.rate_limit import RateLimiter

STORE = """
WITH dev AS (
    SELECT revoked FROM devices WHERE device_id = %(device_id)s FOR SHARE
), ins AS (
    INSERT INTO bundles (sha256, device_id, seq, bundle_id, size, data, receipt, source)
    SELECT %(sha256)s, %(device_id)s, %(seq)s, %(bundle_id)s, %(size)s, %(data)s,
           %(receipt)s, %(source)s
    WHERE EXISTS (SELECT 1 FROM dev WHERE NOT revoked)
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT (SELECT revoked FROM dev), EXISTS (SELECT 1 FROM ins)
"""
INLINE_BYTES = 256 * 1024  # bodies up to this are checked on the server's event loop
HOLDER = """
SELECT sha256, receipt FROM bundles
WHERE sha256 = %(sha256)s OR (device_id = %(device_id)s AND seq = %(seq)s)
   OR bundle_id = %(bundle_id)s
ORDER BY sha256 = %(sha256)s DESC LIMIT 1
"""


class PgStore:
    """A collector store in PostgreSQL, opened; safe to use from many threads, and beside
    other collector processes on the same database."""

    def __init__(self, url: str, *, max_size: int = MAX_BUNDLE_BYTES,
                 rate: RateLimiter | None = None,
                 warn: Callable[[str], None] | None = to_stderr, pool_size: int = 10,
                 pool_timeout: float = POOL_TIMEOUT) -> None:
        self.url = url
        self.max_size = max_size
        self.rate = rate
        self._where = describe(url)
        self._warn = warn
        self._pool = StorePool(url, pool_size, pool_timeout)
        try:
            with self._conn() as conn:
                ensure_schema(conn)
                self.key = load_key(conn, self._where, url)
        except BaseException:
            self._pool.close()
            raise
        self._collector = key_id_of(self.key.public_key())  # in every receipt
        # device id -> (card, key, key id): a key once read stays right (see _verify)
        self._cards: dict[str, tuple[bytes, Ed25519PublicKey, str]] = {}
        self._told: set[str] = set()
        self._lock = threading.Lock()
        # group commit (see pg.batch), a batch stored by one statement (pg.store_many)
        self._batches = StoreBatches(self._conn, STORE, many=store_many)
        self._loop_batches = LoopBatches(self._batches)  # the same, for the server's loop

    @property
    def where(self) -> str:
        """host:port/dbname (never the password)."""
        return _("PostgreSQL at {where}").format(where=self._where)

    def close(self) -> None:
        """Close the pool's connections."""
        self._pool.close()

    def has(self, sha256: str) -> bool:
        """True when the bundle is stored."""
        if not SHA_NAME.fullmatch(sha256):
            return False
        with self._conn() as conn:
            return conn.execute("SELECT 1 FROM bundles WHERE sha256 = %s",
                                (sha256,)).fetchone() is not None

    def receipt(self, sha256: str) -> bytes | None:
        """The receipt of a stored bundle, or None."""
        if not SHA_NAME.fullmatch(sha256):
            return None
        with self._conn() as conn:
            row = conn.execute("SELECT receipt FROM bundles WHERE sha256 = %s",
                               (sha256,)).fetchone()
        return None if row is None else bytes(row[0])

    def stored(self) -> list[str]:
        """The names of every stored bundle."""
        with self._conn() as conn:
            return [r[0] for r in conn.execute("SELECT sha256 FROM bundles ORDER BY sha256")]

    def accept(self, sha256: str, data: bytes, source: str = "") -> Accepted:
        """Store `data` named `sha256` and return its receipt, or raise Refusal (quarantined
        when there is room) or Unavailable (the database is out of reach: retry later)."""
        try:
            envelope = read_checked(sha256, data, self.max_size)
            self._verify(envelope)  # the revocation is checked again as it is stored
        except Refusal as refusal:
            if refusal.code != "rate-limited":
                self.quarantine(data, refusal, sha256, source)
            raise
        fields = self._fields(sha256, data, source, envelope)
        try:
            row = self._batches.run(fields)  # once the transaction holding it has committed
        except Unavailable as down:
            raise self._down(down) from None
        return self._settled(envelope, fields, row)

    async def accept_async(self, sha256: str, data: bytes, source: str = "") -> Accepted:
        """`accept` for the server's event loop. A body of at most INLINE_BYTES from a device
        whose key is already held is checked on the loop (a few hundred microseconds of
        hashing and Ed25519; a thread would add switches, not cores) and waits for its
        batch's commit on a future (`LoopBatches`); anything else (a big body, a device
        seen first, a refusal) goes through `accept` in a worker thread."""
        if len(data) > INLINE_BYTES:
            return await asyncio.to_thread(self.accept, sha256, data, source)
        try:
            envelope = read_checked(sha256, data, self.max_size)
        except Refusal:
            return await asyncio.to_thread(self.accept, sha256, data, source)  # quarantined
        if envelope.device_id not in self._cards:  # its card is read from the database
            return await asyncio.to_thread(self.accept, sha256, data, source)
        try:
            self._verify(envelope)
        except Refusal as refusal:
            if refusal.code != "rate-limited":
                await asyncio.to_thread(self.quarantine, data, refusal, sha256, source)
            raise
        fields = self._fields(sha256, data, source, envelope)
        try:
            row = await self._loop_batches.run(fields)  # once committed
        except Unavailable as down:
            raise self._down(down) from None
        if row[1]:  # stored now: nothing more to ask the database
            return self._settled(envelope, fields, row)
        return await asyncio.to_thread(self._settled, envelope, fields, row)

    def _fields(self, sha256: str, data: bytes, source: str, envelope: Envelope
                ) -> dict[str, Any]:
        receipt = make_receipt(self.key, sha256, envelope, len(data), self._collector)
        return {"sha256": sha256, "device_id": envelope.device_id, "seq": envelope.seq,
                "bundle_id": envelope.bundle_id, "size": len(data), "data": data,
                "receipt": receipt, "source": db_text(source)}

    def _down(self, down: Unavailable) -> Unavailable:
        self._tell_once("down", _("cannot store bundles ({why}) — uploads "
                                  "are answered 503 (retry later) until it "
                                  "is back").format(why=down.why))
        return down

    def _settled(self, envelope: Envelope, fields: dict[str, Any], row: Row) -> Accepted:
        """The answer to an upload once its statement ran: its receipt, the receipt of the
        same bytes stored before, or the refusal (a revocation, a replay), quarantined."""
        revoked, inserted = row
        holder = None
        if not (inserted or revoked):
            try:
                with self._conn() as conn:
                    holder = conn.execute(HOLDER, fields).fetchone()
            except Unavailable as down:
                raise self._down(down) from None
        with self._lock:
            self._told.discard("down")  # told again if it goes away again
        if inserted:
            return Accepted(fields["receipt"], True)
        data, sha256, source = fields["data"], fields["sha256"], fields["source"]
        if revoked is None or revoked:  # revoked since the card was read
            revocation = (revoked_device(envelope.device_id)
                          if revoked else device_not_allowed(envelope.device_id))
            self.quarantine(data, revocation, sha256, source)
            raise revocation
        if holder is not None and holder[0] == sha256:
            return Accepted(bytes(holder[1]), False)
        replay = Refusal("replay", replay_reason(envelope, holder[0] if holder else ""))
        self.quarantine(data, replay, sha256, source)
        raise replay

    def _verify(self, envelope: Envelope) -> None:
        # A device id is the hash of its key, so a key once read stays right: no query then
        # (the statement that stores the bundle refuses a revoked or unknown device).
        cached = self._cards.get(envelope.device_id)
        key, key_id = (cached if cached is not None else self._read_key(envelope))[1:]
        try:
            verify_envelope(envelope, key, key_id)
        except BundleError as exc:
            raise Refusal(exc.code, exc.what_said or exc.what) from exc
        if self.rate is not None and not self.rate.allow(envelope.device_id):
            raise too_many_uploads()

    def _read_key(self, envelope: Envelope) -> tuple[bytes, Ed25519PublicKey, str]:
        with self._conn() as conn:
            row = conn.execute("SELECT card, revoked FROM devices WHERE device_id = %s",
                               (envelope.device_id,)).fetchone()
        if row is not None and row[1]:
            raise revoked_device(envelope.device_id)
        if row is None or row[0] is None:
            raise device_not_allowed(envelope.device_id)
        return self._key_of(envelope.device_id, bytes(row[0]))

    def _key_of(self, device_id: str, card: bytes) -> tuple[bytes, Ed25519PublicKey, str]:
        try:
            found, key = public_key_from_card(parse_object(card, max_bytes=MAX_CARD_BYTES))
        except (ValueError, BundleError) as exc:  # JsonRefused is a ValueError
            raise device_card_broken(device_id) from exc
        if found != device_id:
            raise device_card_broken(device_id)
        self._cards[device_id] = entry = (card, key, key_id_of(key))
        return entry

    def quarantine(self, data: bytes, refusal: Refusal, claimed: str, source: str) -> bool:
        """Keep refused bytes (at most max_size) and why, within the caps; False (and
        `refusal.kept` False) when nothing could be kept."""
        doc = reason_doc(refusal.code, refusal.reason, db_text(claimed), db_text(source),
                         len(data))
        try:
            with self._conn() as conn:
                kept = quarantine.keep(conn, data[: self.max_size], doc,
                                       # the folder store's caps, read at each refusal
                                       max_files=caps.QUARANTINE_MAX_FILES,
                                       max_bytes=caps.QUARANTINE_MAX_BYTES)
        except Unavailable as exc:
            self._tell_once("quarantine", _("cannot keep refused bytes ({why})").format(why=exc.why))
            kept = False
        else:
            if not kept:
                self._tell_once("full", _("the quarantine is full: refusals are "
                                          "still answered and logged, their bytes "
                                          "are no longer kept"))
        refusal.kept = kept
        return kept

    def updates_page(self, after: int) -> tuple[list[bytes], bool]:
        """The update files after seq `after` (bounded) and whether more follow."""
        with self._conn() as conn:
            return page(conn, after)

    def updates(self) -> list[tuple[int, bytes]]:
        """(seq, file) of every update the store relays."""
        with self._conn() as conn:
            return [(int(s), bytes(d)) for s, d in
                    conn.execute("SELECT seq, data FROM updates ORDER BY seq")]

    def log(self, *lines: str) -> None:
        """Append request lines to request_log (never raises). One transaction per batch,
        committed without waiting for its WAL flush: the log is not what a 201 promises
        (requests.log beside a folder store is not fsynced either), and an autocommit
        INSERT per line would cost as many flushes as the uploads themselves."""
        try:
            with self._conn() as conn, conn.transaction(), conn.cursor() as cur:
                cur.execute("SET LOCAL synchronous_commit = off")
                with cur.copy("COPY request_log (line) FROM STDIN") as copy:  # one stream
                    for line in lines:
                        copy.write_row((one_line(line)[:2000],))
        except Unavailable as exc:
            self._tell_once("log", _("cannot write the request log ({why})").format(why=exc.why))

    def _tell_once(self, topic: str, text: str) -> None:
        with self._lock:
            if topic in self._told:
                return
            self._told.add(topic)
        if self._warn is not None:
            self._warn(one_line(f"fieldtui collector: {self.where}: {text}"))

    def _conn(self) -> Any:
        return self._pool.connection()
