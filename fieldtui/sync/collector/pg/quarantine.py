"""The quarantine in PostgreSQL: refused bytes and why, bounded as a whole like the folder's
(a kept prefix and a reason count as two files, against the same caps). The usage row is
updated in the transaction that keeps something, so several collectors share one budget."""

from __future__ import annotations

import hashlib
from typing import Any

from fieldtui.core.canonical import canonical_json


def keep(conn: Any, prefix: bytes, reason: dict[str, object], *, max_files: int,
         max_bytes: int) -> bool:
    """Keep `prefix` and `reason` (its `kept` filled in) if there is room; False when
    nothing could be kept."""
    from psycopg import Rollback

    sha = hashlib.sha256(prefix).hexdigest()
    with conn.transaction():
        row = conn.execute("SELECT octet_length(data) FROM quarantine WHERE sha256 = %s "
                           "FOR UPDATE", (sha,)).fetchone()
        if row is not None:  # the same bytes refused before: the reason is replaced
            text = canonical_json({**reason, "kept": int(row[0])}) + b"\n"
            if not _take(conn, 0, len(text), max_files, max_bytes):
                return False
            conn.execute("UPDATE quarantine SET reason = %s, code = %s, at = now() "
                         "WHERE sha256 = %s", (text, str(reason.get("code", "")), sha))
            return True
        for kept in (prefix, b""):  # both if there is room, else the reason alone
            text = canonical_json({**reason, "kept": len(kept)}) + b"\n"
            if _take(conn, 1 + bool(kept), len(kept) + len(text), max_files, max_bytes):
                added = conn.execute("INSERT INTO quarantine (sha256, data, reason, code) "
                                     "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING "
                                     "RETURNING 1",
                                     (sha, kept, text, str(reason.get("code", "")))).fetchone()
                if added is None:  # another collector kept the same bytes just now:
                    raise Rollback()  # its count stands, this one's is given back
                return True
        return False
    return True  # rolled back: the same bytes and a reason are kept


def _take(conn: Any, files: int, size: int, max_files: int, max_bytes: int) -> bool:
    row = conn.execute(
        "UPDATE quarantine_usage SET files = files + %s, bytes = bytes + %s "
        "WHERE files + %s <= %s AND bytes + %s <= %s RETURNING 1",
        (files, size, files, max_files, size, max_bytes)).fetchone()
    return row is not None
