"""A PostgreSQL store laid out as a collector folder (devices/, revoked.json, bundles/ with
each file's time the time it was stored), for `merge --from postgresql://…` until the
supervisor's side reads the database itself.

Only the bundles a merge lacks are copied: the store's names are read first (64 bytes a
bundle, no bundle's bytes), the dataset says which of them it has merged, and only the
others are fetched (`export_bundles`), a batch of names per statement and a few bundles
in memory at a time. Every statement only reads: a supervisor's role need not write.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from pathlib import Path

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
    admin = PgAdmin(url)
    try:
        admin.export_cards(folder)
    finally:
        admin.close()
    private_dir(Path(folder) / "bundles")


def bundle_names(url: str) -> list[str]:
    """The file names (`<sha256>.ftb`) of every bundle in the store: names only."""
    conn = connect(url)
    try:
        # One string from the server instead of one row per bundle.
        row = conn.execute("SELECT string_agg(sha256, ' ') FROM bundles").fetchone()
    finally:
        conn.close()
    text = row[0] if row else None
    if not text:
        return []
    # each once: a store whose key was dropped may hold a name twice (counted twice before)
    return [f"{sha}.ftb" for sha in dict.fromkeys(text.split(" ")) if SHA_NAME.fullmatch(sha)]


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
