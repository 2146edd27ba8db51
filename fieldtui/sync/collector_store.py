"""The collector's store: verify a bundle, keep it append-only, answer with a receipt.

Layout of the folder: collector.key, collector.json, devices/<device_id>.json,
revoked.json, bundles/<sha256>.ftb, receipts/<sha256>.json, quarantine/<sha256>.bin with
<sha256>.reason.json, requests.log. A bundle counts as stored once its receipt exists;
the receipt is written after the bundle, both durably. Any process may write (the server,
`collector ingest`): a lock file serialises the commit.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fieldtui.bundle import BundleError, read_envelope, verify_envelope
from fieldtui.bundle.envelope import MAX_BUNDLE_BYTES, Envelope
from fieldtui.core.canonical import canonical_json
from fieldtui.store.durable import open_private_append, write_atomic, write_new
from fieldtui.sync.collector_devices import load_devices
from fieldtui.sync.collector_keys import load_key, read_revoked
from fieldtui.sync.rate_limit import RateLimiter
from fieldtui.sync.receipts import make_receipt

SHA_NAME = re.compile(r"[0-9a-f]{64}")
STATUS = {"oversize": 413, "bad-hash": 400, "unknown-device": 403, "revoked": 403,
          "bad-signature": 403, "wrong-key": 403, "replay": 409, "rate-limited": 429}


class Refusal(Exception):
    """A bundle the collector will not store: HTTP status, code and reason."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.status = STATUS.get(code, 400)


@dataclass(frozen=True)
class Accepted:
    """A stored bundle's receipt; `new` is False when the same bytes were already stored."""

    receipt: bytes
    new: bool


class CollectorStore:
    """One collector folder, opened; safe to use from many threads and processes."""

    def __init__(self, root: Path, *, max_size: int = MAX_BUNDLE_BYTES,
                 rate: RateLimiter | None = None) -> None:
        self.root = Path(root)
        self.key = load_key(self.root)
        self.max_size = max_size
        self.rate = rate
        self._lock = threading.Lock()
        self._lock_fd = open_private_append(self.root / ".lock")
        self._log_fd = open_private_append(self.root / "requests.log")
        self._log_lock = threading.Lock()
        self._seen: dict[str, int] = {}
        self._slots: dict[tuple[str, int], str] = {}
        self._ids: dict[str, str] = {}
        self._known: set[str] = set()
        self._devices = load_devices(self.root)
        self._revoked = read_revoked(self.root)

    def close(self) -> None:
        """Release the lock and log files."""
        os.close(self._lock_fd)
        os.close(self._log_fd)

    def receipt(self, sha256: str) -> bytes | None:
        """The receipt of a stored bundle, or None."""
        if not SHA_NAME.fullmatch(sha256):
            return None
        try:
            return (self.root / "receipts" / f"{sha256}.json").read_bytes()
        except FileNotFoundError:
            return None

    def accept(self, sha256: str, data: bytes, source: str = "") -> Accepted:
        """Store `data` named `sha256` and return its receipt, or raise Refusal (quarantined)."""
        try:
            envelope = self._check(sha256, data)
        except Refusal as refusal:
            if refusal.code != "rate-limited":
                self.quarantine(data, refusal, sha256, source)
            raise
        with self._locked():
            existing = self.receipt(sha256)
            if existing is not None:
                return Accepted(existing, False)
            try:
                self._check_replay(sha256, envelope)
            except Refusal as refusal:
                self.quarantine(data, refusal, sha256, source)
                raise
            write_new(self.root / "bundles" / f"{sha256}.ftb", data)
            receipt = make_receipt(self.key, sha256, envelope, len(data))
            write_atomic(self.root / "receipts" / f"{sha256}.json", receipt)
            self._index(sha256, envelope.device_id, envelope.seq, envelope.bundle_id)
            self._seen["receipts"] = os.stat(self.root / "receipts").st_mtime_ns
            return Accepted(receipt, True)

    def _check(self, sha256: str, data: bytes) -> Envelope:
        if len(data) > self.max_size:
            raise Refusal("oversize", f"the bundle is larger than {self.max_size} bytes")
        if not SHA_NAME.fullmatch(sha256) or hashlib.sha256(data).hexdigest() != sha256:
            raise Refusal("bad-hash", "the bundle's SHA-256 does not match its name")
        try:
            envelope = read_envelope(data)
        except BundleError as exc:
            raise Refusal(exc.code, exc.what) from exc
        self._refresh_devices()
        if envelope.device_id in self._revoked:
            raise Refusal("revoked", f"device {envelope.device_id} has been revoked")
        key = self._devices.get(envelope.device_id)
        if key is None:
            raise Refusal("unknown-device", f"device {envelope.device_id} is not allowed here")
        try:
            verify_envelope(envelope, key)
        except BundleError as exc:
            raise Refusal(exc.code, exc.what) from exc
        if self.rate is not None and not self.rate.allow(envelope.device_id):
            raise Refusal("rate-limited", "too many uploads from this device; retry later")
        return envelope

    def _check_replay(self, sha256: str, envelope: Envelope) -> None:
        self._refresh_index()
        other = self._slots.get((envelope.device_id, envelope.seq))
        if other is not None and other != sha256:
            raise Refusal("replay", f"device {envelope.device_id} already sent seq "
                          f"{envelope.seq} as another bundle ({other[:12]})")
        other = self._ids.get(envelope.bundle_id)
        if other is not None and other != sha256:
            raise Refusal("replay", f"bundle {envelope.bundle_id} was already stored "
                          f"with other bytes ({other[:12]})")

    def quarantine(self, data: bytes, refusal: Refusal, claimed: str, source: str) -> str:
        """Keep refused bytes (at most max_size of them) and why; returns their SHA-256."""
        kept = data[: self.max_size]
        sha = hashlib.sha256(kept).hexdigest()
        folder = self.root / "quarantine"
        write_new(folder / f"{sha}.bin", kept)
        reason = {"code": refusal.code, "reason": refusal.reason, "claimed": claimed[:80],
                  "source": source, "size": len(data), "kept": len(kept),
                  "at": datetime.now(UTC).isoformat(timespec="milliseconds")}
        write_atomic(folder / f"{sha}.reason.json", canonical_json(reason) + b"\n")
        return sha

    def log(self, line: str) -> None:
        """Append one line to requests.log (not fsynced: it is a log, not data)."""
        stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
        with self._log_lock:
            os.write(self._log_fd, f"{stamp} {line}\n".encode())

    def stored(self) -> list[str]:
        """The names of every bundle with a receipt."""
        return sorted(p.stem for p in (self.root / "receipts").glob("*.json")
                      if SHA_NAME.fullmatch(p.stem))

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _refresh_devices(self) -> None:
        # `collector allow` and `revoke` may run beside the server: reload what changed
        devices = _mtime(self.root / "devices")
        revoked = _mtime(self.root / "revoked.json")
        if devices != self._seen.get("devices"):
            self._devices = load_devices(self.root)
            self._seen["devices"] = devices
        if revoked != self._seen.get("revoked"):
            self._revoked = read_revoked(self.root)
            self._seen["revoked"] = revoked

    def _refresh_index(self) -> None:
        folder = self.root / "receipts"
        stamp = _mtime(folder)
        if stamp == self._seen.get("receipts"):
            return
        for path in folder.glob("*.json"):
            if path.stem in self._known or not SHA_NAME.fullmatch(path.stem):
                continue
            try:
                receipt = json.loads(path.read_bytes())
                self._index(path.stem, receipt["device_id"], receipt["seq"],
                            receipt["bundle_id"])
            except (OSError, ValueError, KeyError, TypeError):
                continue  # `collector check` reports broken receipts
        self._seen["receipts"] = stamp

    def _index(self, sha256: str, device_id: str, seq: int, bundle_id: str) -> None:
        self._slots[(device_id, seq)] = sha256
        self._ids[bundle_id] = sha256
        self._known.add(sha256)


def _mtime(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return 0

