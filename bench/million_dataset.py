"""A supervisor dataset of 1,000,000 merged sessions for bench_merge, built quickly but honestly.

How: the dataset of a real merge of the bench's 10,000 bundles (one session each, from 20
devices) is copied, then its rows are copied into it again 99 times by SQL alone
(`INSERT … SELECT` from the attached original), each copy with fresh random identities: a
new SHA-256 for every bundle, a new session id and content hash for every session, new ids
for the 20 devices (so 2,000 devices of 500 bundles each in all, as a national study would
have), new row numbers (`sk`) for the session and all its child rows (answers, turns,
consent, ...), a new record key. What the copies keep is each row's content: the session
documents (whose own text still names the original session id, and holds its events: the
`events` view reads them there, schema 12), answers, bundle
seq numbers and `previous` links. Every table and index the merge touches is therefore
the size it would be after merging 1,000,000 such sessions; only the copies' hash chains
(`previous`) do not match their new hashes, which no incremental merge reads (it checks the
chains of the devices it brings bundles from: the 20 original ones).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

COPIES = 99  # the original 10,000 sessions plus 99 copies: 1,000,000
CHILD_TABLES = ("answers", "rosters", "participants", "turns", "consent", "concerns")


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")]


def build_million(source: Path, target: Path) -> int:
    """Write `target`: the dataset `source` (a real merge) plus COPIES copies of its rows
    (see the module docstring); the number of sessions in it."""
    target.write_bytes(source.read_bytes())
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        # Built once, written once: no journal (a crash part way means building again;
        # bench_merge rebuilds a file without 1,000,000 bundles).
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        conn.execute("ATTACH DATABASE ? AS src", (f"file:{source}?mode=ro",))
        offset = int(conn.execute("SELECT MAX(sk) FROM src.sessions").fetchone()[0])
        session_cols = [c for c in _columns(conn, "sessions") if c != "sk"]
        fresh = {"session_id": "m.sid", "device_id": "d.new",
                 "content_hash": "lower(hex(randomblob(32)))", "bundle_sha256": "b.new",
                 "record_key": "(random() & 4294967295)"}
        bundle_cols = _columns(conn, "bundles")
        for k in range(1, COPIES + 1):
            conn.execute("BEGIN")
            conn.execute("CREATE TEMP TABLE m AS SELECT sk, lower(hex(randomblob(16))) AS sid "
                         "FROM src.sessions")
            conn.execute("CREATE TEMP TABLE b AS SELECT sha256 AS old, "
                         "lower(hex(randomblob(32))) AS new FROM src.bundles")
            conn.execute("CREATE TEMP TABLE d AS SELECT device_id AS old, "
                         "lower(hex(randomblob(length(device_id) / 2))) AS new "
                         "FROM (SELECT DISTINCT device_id FROM src.bundles)")
            picks = {"sha256": "b.new", "device_id": "d.new"}
            conn.execute(
                f"INSERT INTO bundles ({', '.join(bundle_cols)}) SELECT "
                f"{', '.join(picks.get(c, 'x.' + c) for c in bundle_cols)} FROM src.bundles x "
                "JOIN b ON b.old = x.sha256 JOIN d ON d.old = x.device_id")
            conn.execute(
                f"INSERT INTO sessions (sk, {', '.join(session_cols)}) SELECT s.sk + ?, "
                f"{', '.join(fresh.get(c, 's.' + c) for c in session_cols)} "
                "FROM src.sessions s JOIN m ON m.sk = s.sk JOIN b ON b.old = s.bundle_sha256 "
                "JOIN d ON d.old = s.device_id ORDER BY s.sk", (k * offset,))
            for table in CHILD_TABLES:
                rest = [c for c in _columns(conn, table) if c not in ("sk", "session_id")]
                conn.execute(
                    f"INSERT INTO {table} (sk, session_id, {', '.join(rest)}) SELECT c.sk + ?, "
                    f"m.sid, {', '.join('c.' + c for c in rest)} FROM src.{table} c "
                    "JOIN m ON m.sk = c.sk ORDER BY c.sk", (k * offset,))
            for temp in ("m", "b", "d"):
                conn.execute(f"DROP TABLE temp.{temp}")
            conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
        conn.execute("PRAGMA journal_mode=WAL")  # as open_dataset keeps a dataset
        return int(conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])
    finally:
        conn.close()


def copy_record(source: Path, target: Path) -> None:
    """Give `target` the names `source` records as merged from each folder (merged_names.py)
    and its store log marks (store_log.py), in place of its own: the million dataset's
    record is its real merge's, of this run's folders."""
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS src", (f"file:{source}?mode=ro",))
        conn.execute("BEGIN")
        conn.execute("DELETE FROM merged_names")
        conn.execute("INSERT INTO merged_names SELECT * FROM src.merged_names")
        # and how far it read each store's log (supervise/store_log.py)
        conn.execute("DELETE FROM meta WHERE key LIKE 'store log mark %'")
        conn.execute("INSERT INTO meta SELECT * FROM src.meta "
                     "WHERE key LIKE 'store log mark %'")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
    finally:
        conn.close()


def unmerge(db: Path, merged: list[str], above_sk: int) -> None:
    """Take the bundles `merged` out again, with their sessions (numbered above `above_sk`,
    the highest before the merge), all child rows and their recorded names, so that the
    next repetition merges into the same 1,000,000 sessions (copying 10 GB each time would
    outlast the bench)."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("BEGIN")
        for table in (*CHILD_TABLES, "sessions"):  # keyed by sk first: a range, no scan
            conn.execute(f"DELETE FROM {table} WHERE sk > ?", (above_sk,))
        conn.executemany("DELETE FROM bundles WHERE sha256 = ?", [(sha,) for sha in merged])
        # and from the names recorded as merged from the folder (merged_names.py)
        gone = {f"{sha}.ftb" for sha in merged}
        for n, names in conn.execute("SELECT n, names FROM merged_names").fetchall():
            kept = [name for name in names.split(" ") if name not in gone]
            if not kept:
                conn.execute("DELETE FROM merged_names WHERE n = ?", (n,))
            elif len(kept) < len(names.split(" ")):
                conn.execute("UPDATE merged_names SET names = ? WHERE n = ?",
                             (" ".join(kept), n))
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
