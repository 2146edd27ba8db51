"""The collector's quarantine/: refused bytes and why, within a file count and a byte budget.

Anyone may PUT, so everything kept here is bounded as a whole: `<sha>.bin` (at most
max_size bytes of what was refused) and `<sha>.reason.json` both count against the
file cap and the byte budget (QUARANTINE_MAX_FILES and _BYTES, of every backend's
quarantine; read at each refusal). With room for the reason only, the reason is
kept (`kept` 0); with no room, nothing is written and the caller is told (the refusal is
still answered and logged). A write that fails (a full disk) keeps nothing and raises.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from pathlib import Path

from fieldtui.core.canonical import canonical_json
from fieldtui.core.clock import wall_iso
from fieldtui.store.durable import write_atomic, write_new

# Anyone may PUT, and each refusal may keep up to max_size bytes and a reason file: both
# count against a file cap and a total byte budget; past them refusals keep nothing.
QUARANTINE_MAX_FILES = 20_000
QUARANTINE_MAX_BYTES = 1024 * 1024 * 1024


class Quarantine:
    """quarantine/ of one collector folder, with what it holds counted (thread-safe)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        kept = [p.stat().st_size for p in self.folder.iterdir()
                if p.name.endswith((".bin", ".reason.json"))]
        self.files, self.bytes = len(kept), sum(kept)
        self._lock = threading.Lock()

    def keep(self, prefix: bytes, reason: dict[str, object], *, max_files: int,
             max_bytes: int) -> bool:
        """Keep `prefix` and `reason` (its `kept` filled in) if there is room; False when
        nothing could be kept. Raises OSError when a write fails."""
        sha = hashlib.sha256(prefix).hexdigest()
        bin_path = self.folder / f"{sha}.bin"
        reason_path = self.folder / f"{sha}.reason.json"
        again = reason_path.exists()  # the same bytes refused before: replaced, not added
        with self._lock:
            text = canonical_json({**reason, "kept": len(prefix)}) + b"\n"
            both = self._room(2 - again, len(prefix) + len(text), max_files, max_bytes)
            kept = prefix if both and not bin_path.exists() else b""
            text = canonical_json({**reason, "kept": len(kept)}) + b"\n"
            new_files = (not again) + bool(kept)
            if not self._room(new_files, len(kept) + len(text), max_files, max_bytes):
                return False
            self.files += new_files
            self.bytes += len(kept) + len(text)  # a replaced reason counted again: bounded
        wrote_bin = False
        try:
            if kept:
                wrote_bin = write_new(bin_path, kept)
            write_atomic(reason_path, text)
        except OSError:
            with self._lock:
                self.files -= new_files
                self.bytes -= len(kept) + len(text)
            if wrote_bin:  # no bytes kept without their reason
                with contextlib.suppress(OSError):
                    os.unlink(bin_path)
            raise
        return True

    def _room(self, files: int, size: int, max_files: int, max_bytes: int) -> bool:
        return self.files + files <= max_files and self.bytes + size <= max_bytes


def reason_doc(code: str, reason: str, claimed: str, source: str, size: int) -> dict[str, object]:
    """The reason file's fields (each bounded: they come from whoever sent the bytes)."""
    return {"code": code[:40], "reason": reason[:300], "claimed": claimed[:80],
            "source": source[:200], "size": size,
            "at": wall_iso()}
