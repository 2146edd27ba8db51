"""The update channel in PostgreSQL: the supervisor's signed update files, by seq."""

from __future__ import annotations

from functools import partial
from typing import Any

from fieldtui.sync.collector.updates import PAGE_BYTES, PAGE_COUNT, matches, paged


def page(conn: Any, after: int) -> tuple[list[bytes], bool]:
    """The updates after `after`, paged like the folder store's (sizes looked at first, so
    a page never fetches more than it sends)."""
    rows = conn.execute("SELECT seq, octet_length(data) FROM updates WHERE seq > %s "
                        "ORDER BY seq LIMIT %s", (after, PAGE_COUNT + 1)).fetchall()
    wanted: list[int] = []
    size = 0
    for seq, length in rows:
        if len(wanted) >= PAGE_COUNT or (wanted and size >= PAGE_BYTES):
            break
        wanted.append(int(seq))
        size += int(length)
    data = dict(conn.execute("SELECT seq, data FROM updates WHERE seq = ANY(%s)",
                             (wanted,)).fetchall()) if wanted else {}
    out, _ = paged((seq, partial(_bytes, data.get(seq))) for seq in wanted)
    return out, len(rows) > len(wanted)


def add(conn: Any, files: list[tuple[int, bytes]]) -> int:
    """Insert the update files the store lacks (each checked: its header is its seq);
    returns how many were new."""
    added = 0
    for seq, data in files:
        if matches(data, seq):
            row = conn.execute("INSERT INTO updates (seq, data) VALUES (%s, %s) "
                               "ON CONFLICT (seq) DO NOTHING RETURNING 1",
                               (seq, data)).fetchone()
            added += row is not None
    return added


def _bytes(value: object) -> bytes | None:
    return None if value is None else bytes(value)  # type: ignore[call-overload]
