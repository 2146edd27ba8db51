"""The collector's store: verify a bundle, keep it append-only, answer with a receipt.

Layout of the folder: collector.key, collector.json, devices/<device_id>.json,
revoked.json, bundles/<sha256>.ftb, receipts/<sha256>.json (a cache filled on request:
receipts are deterministic; receipts.py), quarantine/<sha256>.bin with
<sha256>.reason.json (bounded as a whole: see collector_quarantine), index.log, requests.log.
A bundle is written (durably, atomically, once) only after every check passed, so a
bundle file that exists is stored. Concurrent uploads are made durable together (one
fsync of bundles/ per batch), each answered only once its batch is. A write that fails
(a full disk) stores nothing and raises Unavailable (answered 503: retry later); the store
says so in one line on stderr once, until a bundle is stored again. Any process may write
(the server, `collector ingest`): a lock file serialises the checks against the index
(reservations.py); the writes run in parallel.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from fieldtui.bundle.envelope import MAX_BUNDLE_BYTES, Envelope
from fieldtui.core.i18n import _
from fieldtui.store.group_commit import GroupCommit, Prepared
from fieldtui.store.group_commit_loop import LoopCommit
from fieldtui.sync.collector import quarantine as caps
from fieldtui.sync.collector.backend import SHA_NAME as SHA_NAME
from fieldtui.sync.collector.backend import STATUS as STATUS
from fieldtui.sync.collector.backend import Accepted as Accepted
from fieldtui.sync.collector.backend import Refusal as Refusal
from fieldtui.sync.collector.backend import Unavailable as Unavailable
from fieldtui.sync.collector.backend import (
    read_checked,
    replay_reason,
    too_many_uploads,
)
from fieldtui.sync.collector.device_gate import DeviceGate
from fieldtui.sync.collector.keys import load_key
from fieldtui.sync.collector.log import RequestLog, to_stderr
from fieldtui.sync.collector.quarantine import Quarantine, reason_doc
from fieldtui.sync.collector.rate_limit import RateLimiter
from fieldtui.sync.collector.receipts import Receipts
from fieldtui.sync.collector.reservations import Reservations
from fieldtui.sync.collector.updates import folder_updates, page

INLINE_BYTES = 256 * 1024  # bodies up to this are checked on the server's event loop
# refusals that cards read since the last look might turn into an acceptance
DEVICE_REFUSALS = frozenset({"unknown-device", "revoked", "wrong-key", "bad-signature"})


class CollectorStore:
    """One collector folder, opened; safe to use from many threads and processes."""

    def __init__(self, root: Path, *, max_size: int = MAX_BUNDLE_BYTES,
                 rate: RateLimiter | None = None,
                 warn: Callable[[str], None] | None = to_stderr) -> None:
        self.root = Path(root)
        self.key = load_key(self.root)
        self.max_size = max_size
        self.rate = rate
        self._log = RequestLog(self.root, warn)
        self._reservations = Reservations(self.root, self._log)  # the index, behind .lock
        self._gate = DeviceGate(self.root, self.log)
        self._receipts = Receipts(self.root, self.key)
        self._quarantine = Quarantine(self.root / "quarantine")
        self._told_full = False
        # concurrent uploads share one fsync of bundles/ (see store.group_commit)
        self._commit = GroupCommit(self.root / "bundles")
        # the same for uploads on the server's event loop, each waiting on a future
        self._loop_commit = LoopCommit(self._commit, after=self._reservations.published)

    @property
    def where(self) -> str:
        """The folder, as messages name it."""
        return str(self.root)

    def updates_page(self, after: int) -> tuple[list[bytes], bool]:
        """The update files in updates/ after seq `after` (bounded) and whether more follow."""
        return page(self.root, after)

    def updates(self) -> list[tuple[int, bytes]]:
        """(seq, file) of every good update in updates/."""
        return folder_updates(self.root)

    def close(self) -> None:
        """Release the lock and log files."""
        self._loop_commit.close()
        self._reservations.close()
        self._log.close()

    def has(self, sha256: str) -> bool:
        """True when the bundle is stored (its file exists: it is written only when good)."""
        if not SHA_NAME.fullmatch(sha256):
            return False
        self._reservations.settled(sha256)
        return (self.root / "bundles" / f"{sha256}.ftb").exists()

    def receipt(self, sha256: str) -> bytes | None:
        """The receipt of a stored bundle, or None; rebuilt when its cached copy is missing."""
        if not SHA_NAME.fullmatch(sha256):
            return None
        self._reservations.settled(sha256)
        return self._receipts.read(sha256)

    def accept(self, sha256: str, data: bytes, source: str = "") -> Accepted:
        """Store `data` named `sha256` and return its receipt, or raise Refusal (quarantined
        when there is room) or Unavailable (a write failed: nothing stored, retry later)."""
        self._gate.refresh()
        return self._store(sha256, data, self._checked(sha256, data, source), source)

    async def accept_async(self, sha256: str, data: bytes, source: str = "") -> Accepted:
        """`accept` for the server's event loop. A body of at most INLINE_BYTES is checked
        on the loop against the cards as last read (hashing and Ed25519 hold the GIL: a
        thread would add switches, not cores); only the writes, which block, run in a
        worker thread, which first looks whether the cards or the revocations changed
        meanwhile and, if so, checks the device again. Anything else, and a refusal for
        the device's sake (the cards may have changed), goes through `accept` in a thread.
        So the loop looks at no file: each stat let the workers take the GIL from it."""
        if len(data) > INLINE_BYTES:
            return await asyncio.to_thread(self.accept, sha256, data, source)
        cards = self._gate.reads  # before the check: cards read later only make it look again
        try:
            envelope = self._check(sha256, data)
        except Refusal as refusal:
            if refusal.code == "rate-limited":
                raise
            return await asyncio.to_thread(self._refused, sha256, data, source, refusal,
                                           cards)
        written = await asyncio.to_thread(self._written, sha256, data, envelope, source,
                                          cards)
        if isinstance(written, Accepted):  # stored before (or being stored by another)
            return written
        try:
            # durable once it returns (never before); its reservation ended in
            # `Reservations.published`
            new = await self._loop_commit.publish(written)
        except OSError as exc:
            raise self._unavailable(exc, "bundles/") from exc
        receipt = self._receipts.sign(sha256, envelope, len(data))
        return Accepted(receipt, new)  # False: another process's, found at the link

    def _refused(self, sha256: str, data: bytes, source: str, refusal: Refusal,
                 cards: int) -> Accepted:
        """A refusal made on the loop, quarantined; unless it was for the device's sake
        and the cards were read again since (or are now): then checked again in full."""
        if refusal.code in DEVICE_REFUSALS:
            self._gate.refresh()
            if self._gate.reads != cards:
                return self._store(sha256, data, self._checked(sha256, data, source), source)
        self.quarantine(data, refusal, sha256, source)
        raise refusal

    def _checked_again(self, sha256: str, data: bytes, envelope: Envelope, source: str,
                       cards: int) -> None:
        """Checks the envelope's device again when the cards have been read again since
        read number `cards` (or are now); a refusal is quarantined, then raised."""
        self._gate.refresh()
        if self._gate.reads != cards:
            try:
                self._gate.check(envelope)
            except Refusal as refusal:
                self.quarantine(data, refusal, sha256, source)
                raise

    def _written(self, sha256: str, data: bytes, envelope: Envelope, source: str,
                 cards: int) -> Accepted | Prepared:
        """`_store` for an envelope checked against the cards of read number `cards` (checked
        for its device again when they were read again since, or are now), up to the write:
        the answer when the bundle needs none, else its file written and fsynced, not yet
        named (for the loop's batch: `_loop_commit`), its slots reserved until
        `Reservations.published`."""
        self._checked_again(sha256, data, envelope, source, cards)
        answer = self._reserved(sha256, data, envelope, source)
        if answer is not None:
            return answer
        try:
            job = self._commit.prepare(f"{sha256}.ftb", data)
        except OSError as exc:
            self._reservations.give_back(sha256, envelope)
            raise self._unavailable(exc, "bundles/") from exc
        job.tag = (sha256, envelope)
        return job

    def _checked(self, sha256: str, data: bytes, source: str) -> Envelope:
        try:
            return self._check(sha256, data)
        except Refusal as refusal:
            if refusal.code != "rate-limited":
                self.quarantine(data, refusal, sha256, source)
            raise

    def _store(self, sha256: str, data: bytes, envelope: Envelope, source: str) -> Accepted:
        """Store a checked bundle (once) and return its receipt; raises Refusal (a replay,
        quarantined) or Unavailable."""
        answer = self._reserved(sha256, data, envelope, source)
        if answer is not None:
            return answer
        stored = False
        try:  # outside the lock: concurrent uploads write (and fsync) in parallel
            try:
                # durable once it returns (never before): from here on it is stored
                new = self._commit.write_new(f"{sha256}.ftb", data, absent=True)  # (decide)
            except OSError as exc:
                raise self._unavailable(exc, "bundles/") from exc
            stored = True
            self._log.recovered()  # the disk takes bundles again
            # not cached here: receipts are deterministic, so an upload only signs one,
            # and receipts/ is filled when a device asks again (GET, HEAD then GET, retry)
            receipt = self._receipts.sign(sha256, envelope, len(data))
        finally:
            if stored:
                self._reservations.stored(sha256, envelope)
            else:
                self._reservations.give_back(sha256, envelope)
        return Accepted(receipt, new)  # False: another process's, found at the link

    def _reserved(self, sha256: str, data: bytes, envelope: Envelope, source: str
                  ) -> Accepted | None:
        """None when the bundle's slots are now reserved for this caller to write it; else
        the answer: the receipt of the same bytes stored before (by any process), or a
        replay refused (quarantined)."""
        try:
            action = self._reservations.decide(sha256, envelope)
        except OSError as exc:  # index.log could not take the reservation
            raise self._unavailable(exc, "index.log") from exc
        if action == "replay":
            other = self._reservations.index.conflict(sha256, envelope)
            replay = Refusal("replay", replay_reason(envelope, other))
            self.quarantine(data, replay, sha256, source)
            raise replay
        if action in ("known", "theirs"):
            if action == "theirs":
                # its batch may not have made the name durable yet: answer once it is
                try:
                    self._commit.sync()
                except OSError as exc:
                    raise self._unavailable(exc, "bundles/") from exc
            receipt = self.receipt(sha256)
            assert receipt is not None
            return Accepted(receipt, False)
        return None

    def _check(self, sha256: str, data: bytes) -> Envelope:
        envelope = read_checked(sha256, data, self.max_size)
        self._gate.check(envelope)
        if self.rate is not None and not self.rate.allow(envelope.device_id):
            raise too_many_uploads()
        return envelope

    def quarantine(self, data: bytes, refusal: Refusal, claimed: str, source: str) -> bool:
        """Keep refused bytes (at most max_size of them) and why, within the quarantine's
        caps; False (and `refusal.kept` False) when nothing could be kept."""
        doc = reason_doc(refusal.code, refusal.reason, claimed, source, len(data))
        try:
            kept = self._quarantine.keep(data[: self.max_size], doc,
                                         max_files=caps.QUARANTINE_MAX_FILES,
                                         max_bytes=caps.QUARANTINE_MAX_BYTES)
        except OSError as exc:
            self._log.trouble(exc, "quarantine/")
            kept = False
        else:
            if not kept and not self._told_full:
                self._told_full = True
                self.log(_("the quarantine is full ({max_files} "
                           "files or {max_bytes} bytes): "
                           "refusals are still answered and logged, their "
                           "bytes are no longer kept").format(
                    max_files=caps.QUARANTINE_MAX_FILES, max_bytes=caps.QUARANTINE_MAX_BYTES))
        refusal.kept = kept
        return kept

    def log(self, *lines: str) -> None:
        """Append lines to requests.log (never raises: see collector_log)."""
        self._log.write(*lines)

    def _unavailable(self, exc: OSError, what: str) -> Unavailable:
        self._log.trouble(exc, what)
        return Unavailable(exc.strerror or str(exc))

    def stored(self) -> list[str]:
        """The names of every stored bundle."""
        return sorted(p.stem for p in (self.root / "bundles").glob("*.ftb")
                      if SHA_NAME.fullmatch(p.stem))


