"""Which recipients each published update was sealed to, kept in the study folder.

An update's age header does not say whom it was sealed to (age hides its recipients), and
its number of stanzas tells how many, not which: a device revoked and another enrolled
between two publish runs leave the count as it was, while the new device cannot open the
update. So `publish` records, before it writes an update, a digest of the sorted set of
recipients under STUDYDIR/sealed-to/<the update file's SHA-256>: written once, beside no
other writer's (a publisher that loses the race for the update's number leaves a record
no update matches, harmless). A digest, not the keys: it is enough to compare, and the
folder names no device.

An update with no record (published by an earlier version, which kept none) is treated as
sealed to an unknown set: whatever it carries goes again, once. Comparing counts for those
would keep the gap open for exactly the devices swapped since; one more update with the
same body costs nothing a device shows twice.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.durable import private_dir, read_private_file, write_new

SEALED_DIR = "sealed-to"
_HEX64 = re.compile(r"[0-9a-f]{64}")


def recipients_digest(recipients: list[str]) -> str:
    """SHA-256 (hex) of the sorted, distinct recipients, one a line."""
    text = "".join(f"{r}\n" for r in sorted(set(recipients)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record(study_dir: Path, update_sha256: str, recipients: list[str]) -> None:
    """Record whom the update whose file has SHA-256 `update_sha256` is sealed to."""
    folder = private_dir(Path(study_dir) / SEALED_DIR)
    write_new(folder / update_sha256, recipients_digest(recipients).encode("ascii") + b"\n")


def sealed_to_same(study_dir: Path, update_sha256: str, recipients: list[str]) -> bool:
    """True when the update was recorded as sealed to exactly `recipients`; False when to
    others, or unknown (no record, or one that cannot be read)."""
    path = Path(study_dir) / SEALED_DIR / update_sha256
    if not _HEX64.fullmatch(update_sha256):
        return False
    try:  # no record, a link, not a file: unknown, so it goes again (never shown)
        text = read_private_file(path, 200, secret=False)
    except (FieldtuiError, OSError):
        return False
    return text.strip() == recipients_digest(recipients).encode("ascii")
