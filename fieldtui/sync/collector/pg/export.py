"""A PostgreSQL store laid out as a collector folder (devices/, revoked.json, bundles/ with
each file's time the time it was stored), for `merge --from postgresql://…` until the
supervisor's side reads the database itself.

Only the bundles a merge lacks are copied: the store's names are read first (64 bytes a
bundle, no bundle's bytes), the dataset says which of them it has merged, and only the
others are fetched (`export_bundles`), a batch of names per statement and a few bundles
in memory at a time. Every statement only reads: a supervisor's role need not write.

The names are those stored since the merge's last read (`names_since`), not the whole
store's each time (200,000 names cost 0.24–0.29 s and 13 MB to read): each bundle row
records the transaction that stored it (migration 2), and a read notes the oldest
transaction still running as it read; every row it did not see has a transaction id at
least that (one still running then, or one begun after), so the next read starts there.
Rows seen twice cost nothing (the dataset knows them).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.bundle.envelope import MAX_BUNDLE_BYTES
from fieldtui.store.durable import private_dir
from fieldtui.sync.collector.backend import SHA_NAME
from fieldtui.sync.collector.pg.admin import PgAdmin
from fieldtui.sync.collector.pg.connect import connect

NAMES_PER_STATEMENT = 1000  # names sent in one `= ANY(…)`
BUNDLES_IN_MEMORY = 50  # rows a server-side cursor hands over at a time


def export_cards(url: str, folder: Path) -> None:
    """Write the store's allowed cards and revocations into `folder` (devices/,
    revoked.json), and an empty bundles/ for `export_bundles`."""
    admin = PgAdmin(url, migrate=False)  # the collector's to migrate
    try:
        admin.export_cards(folder)
    finally:
        admin.close()
    private_dir(Path(folder) / "bundles")


@dataclass(frozen=True)
class StoredSince:
    """The names `names_since` read, and where the next read starts."""

    names: list[str]  # `<sha256>.ftb`, each once
    store: str  # which store: its collector's public key
    upto: int | None  # the next read's start (None: this store's schema records none)
    whole: bool  # every name of the store, not those since a start
    again: list[str]  # those of `names` the next read will give again (stored from `upto`)
    below: int = 0  # the rows the next read will not give (stored before `upto`, or NULL)
    last: str | None = None  # a row of their newest transaction: "<xid> <sha256>" or None


def names_since(url: str, store: str | None = None, after: int | None = None,
                below: int | None = None, last: str | None = None) -> StoredSince:
    """The names of the bundles stored since a read that returned (`store`, `after`,
    `below`, `last`) as its `store`, `upto`, `below` and `last`; every name when there was
    none, when `store` is another store's, or when the rows stored before `after` are not
    the `below` that read counted or lack its `last`, or the store's transaction ids are
    behind `after`: a database restored elsewhere (pg_dump), or recovered to an earlier
    point (a failover to a replica behind, a point-in-time recovery), hands out ids below
    `after` again, and a bundle stored by one was read by no merge, ever, once the ids
    passed `after` (one lost and one stored again: as many rows, but not `last`)."""
    conn = connect(url, autocommit=False)
    try:
        # one snapshot for every statement: the names and the start the next read takes
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        key = conn.execute("SELECT max(public_key) FROM collector").fetchone()
        current = str(key[0]) if key and key[0] is not None else ""
        upto, newest = _horizon(conn)
        whole = upto is None or after is None or below is None or store != current \
            or after > newest
        # One string from the server instead of one row per bundle.
        left, newest_below = 0, None
        if upto is None:
            row = conn.execute("SELECT string_agg(sha256, ' '), '' FROM bundles").fetchone()
        else:
            total = _count(conn.execute("SELECT count(*) FROM bundles").fetchone())
            start = (str(upto), str(upto))
            row = None if whole else conn.execute(_NAMES + _SINCE, (*start, str(after))
                                                  ).fetchone()
            # Every row stored before `after` had been committed when the read that
            # returned it counted them (`after` was the oldest transaction running then),
            # and no row is ever deleted: another count now means the store handed out
            # ids below `after` again since.
            if row is None or total - _count(row[3:]) != below \
                    or not _still_there(conn, last):
                whole = True
                row = conn.execute(_NAMES, start).fetchone()
            left = total - _count(row[2:] if row else None)
            newest_below = _last(conn, upto)
        conn.rollback()
    finally:
        conn.close()
    return StoredSince(_names(row[0] if row else None), current, upto, whole,
                       _names(row[1] if row else None), left, newest_below)


# The names, those the next read gives again (from its start on), how many rows those
# are, and how many rows read.
_NAMES = ("SELECT string_agg(sha256, ' '), string_agg(sha256, ' ') FILTER (WHERE stored_txn "
          ">= %s::text::xid8), count(*) FILTER (WHERE stored_txn >= %s::text::xid8), "
          "count(*) FROM bundles")
_SINCE = " WHERE stored_txn >= %s::text::xid8"


_LAST = re.compile(r"([0-9]{1,20}) ([0-9a-f]{64})")


def _last(conn: Any, upto: int) -> str | None:
    """A row of the newest transaction before `upto`, as "<stored_txn> <sha256>" (None:
    none)."""
    # any row of the newest transaction (by the index): its rows are all lost, or none
    row = conn.execute("SELECT stored_txn::text || ' ' || sha256 FROM bundles WHERE "
                       "stored_txn < %s::text::xid8 ORDER BY stored_txn DESC LIMIT 1",
                       (str(upto),)).fetchone()
    text = row[0] if row else None
    return text if isinstance(text, str) and _LAST.fullmatch(text) else None


def _still_there(conn: Any, last: str | None) -> bool:
    """Whether the row `last` (`_last`'s) is still in the store, with its transaction."""
    if last is None:
        return True  # no row had a transaction recorded: the count tells
    match = _LAST.fullmatch(last)
    if match is None or int(match[1]) >= 1 << 64:
        return False
    row = conn.execute("SELECT EXISTS (SELECT 1 FROM bundles WHERE sha256 = %s AND "
                       "stored_txn = %s::text::xid8)", (match[2], match[1])).fetchone()
    return bool(row and row[0] is True)


def _count(row: Any) -> int:
    """The count first in `row` (0 for none, or one that is not an int: a hostile server)."""
    value = row[0] if row else None
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _names(text: object) -> list[str]:
    """The names in the server's space-separated string, each once (a store whose key was
    dropped may hold a name twice: it was counted twice), only those of a bundle's shape."""
    if not isinstance(text, str) or not text:
        return []
    return [f"{sha}.ftb" for sha in dict.fromkeys(text.split(" ")) if SHA_NAME.fullmatch(sha)]


def _horizon(conn: Any) -> tuple[int | None, int]:
    """The oldest transaction still running in this snapshot (where the next read starts)
    and the next one to begin; (None, 0) for a store whose schema records no transaction
    per bundle (version 1), or an answer that is not a transaction id (a hostile server)."""
    version = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    if not (version and isinstance(version[0], int) and version[0] >= 2):
        return None, 0
    row = conn.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text, "
                       "pg_snapshot_xmax(pg_current_snapshot())::text").fetchone()
    if not (row and all(isinstance(v, str) and v.isascii() and v.isdigit() and len(v) <= 20
                        for v in row)):
        return None, 0
    return int(row[0]), int(row[1])


def holds_bundles(url: str) -> bool:
    """True when the store holds a bundle."""
    conn = connect(url)
    try:
        row = conn.execute("SELECT EXISTS (SELECT 1 FROM bundles)").fetchone()
    finally:
        conn.close()
    return bool(row and row[0])


def export_bundles(url: str, folder: Path, names: Iterable[str]) -> list[str]:
    """Write the bundles named (`<sha256>.ftb`) into `folder`/bundles, each file's time
    the time the store took it in; returns the names written (a bundle gone from the store
    meanwhile is not). A stored bundle longer than a bundle can be is cut one byte past
    the limit: the merge refuses it as oversize, as it would the whole."""
    wanted = sorted({name[:-4] for name in names
                     if name.endswith(".ftb") and SHA_NAME.fullmatch(name[:-4])})
    target = private_dir(Path(folder) / "bundles")
    written: list[str] = []
    done: set[str] = set()
    if not wanted:
        return written
    conn = connect(url, autocommit=False)
    try:
        for start in range(0, len(wanted), NAMES_PER_STATEMENT):
            batch = wanted[start:start + NAMES_PER_STATEMENT]
            with conn.cursor(name="fieldtui_export") as cur:
                cur.itersize = BUNDLES_IN_MEMORY
                cur.execute("SELECT sha256, substring(data FROM 1 FOR %s), "
                            "extract(epoch FROM stored_at) FROM bundles "
                            "WHERE sha256 = ANY(%s)", (MAX_BUNDLE_BYTES + 1, batch))
                for sha, data, stored in cur:
                    if not isinstance(sha, str) or not SHA_NAME.fullmatch(sha) \
                            or f"{sha}.ftb" in done or data is None:
                        continue  # a name is never a path, and is written once
                    path = target / f"{sha}.ftb"
                    path.write_bytes(bytes(data))
                    _set_time(path, stored)
                    written.append(path.name)
                    done.add(path.name)
        conn.rollback()
    finally:
        conn.close()
    return written


def _set_time(path: Path, stored: object) -> None:
    """`path`'s time the store's `stored` (seconds since the epoch); left the time of the
    copy when no file time holds it: a timestamptz may be 'infinity' or '-infinity' (a
    broken or hostile store), whose OverflowError in os.utime stopped the merge of every
    bundle. As `collector migrate` stores a folder's such bundle: with the time it copies it."""
    try:
        seconds = float(stored)  # type: ignore[arg-type]
        if math.isfinite(seconds):
            os.utime(path, (seconds, seconds))
    except (TypeError, ValueError, OverflowError, OSError):
        pass
