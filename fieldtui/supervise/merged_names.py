"""Which of a folder's bundle files the dataset has merged, read in one go: the names
`merge FOLDER` found merged there, kept per folder (dataset schema 7).

A merge lists its folder, and every name it has recorded for that folder is skipped
without a look at `bundles`; only the rest are looked up there (`known_bundles.unknown_names`). So
what an incremental merge reads of the dataset follows the folder, not the dataset: the
same few rows whether the dataset holds ten thousand bundles or a million.

What makes skipping by this record safe: it only ever holds names of bundles already
committed in `bundles` (a row is written after the merge's own commits, in a transaction
of its own), and nothing deletes a merged bundle. So a name recorded is exactly a name the
look-up would call merged; a name not (yet) recorded is looked up as before: a bundle
merged from elsewhere, by an older fieldtui, or in a merge interrupted before it recorded
its names, is found there, and recorded then. A bundle that was refused is never recorded
(it is opened again, and refused again, at every merge), nor a file named otherwise than
`<sha256>.ftb`.

Each merge that finds something adds one row (its names, space-separated); when a
folder's rows pass `MAX_ROWS`, they are rewritten as one row holding those names still
in the folder, so the record stays about the size of the folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.dataset_conn import Dataset

# A row's names can run to megabytes: rows are numbered by `n` (in the order written) and
# found through the index on `folder`, so that no look-up reads another row's names.
MERGED_NAMES_TABLES = (
    "CREATE TABLE IF NOT EXISTS merged_names (n INTEGER PRIMARY KEY, folder TEXT NOT NULL, "
    "names TEXT NOT NULL);",
    "CREATE INDEX IF NOT EXISTS merged_names_folder ON merged_names (folder);",
)
MAX_ROWS = 32


def folder_key(folder: Path) -> str:
    """How the record names a folder: its absolute path, links resolved (bytes that are
    not UTF-8 escaped, so that any path can be stored)."""
    return os.fsencode(os.path.realpath(folder)).decode("utf-8", "backslashreplace")


def recorded(conn: Dataset, folder: str) -> tuple[list[str], int]:
    """The names recorded as merged from `folder` (a `folder_key`), and in how many rows."""
    rows = conn.execute("SELECT names FROM merged_names WHERE folder=? ORDER BY n",
                        (folder,)).fetchall()
    if not rows:
        return [], 0
    # One split over the rows joined: no Python step per name.
    return " ".join(str(row[0]) for row in rows).split(" "), len(rows)


def record(conn: Dataset, folder: str, names: Iterable[str], *, rows: int,
           listing: Collection[str] = (), also: Callable[[Dataset], None] | None = None
           ) -> None:
    """Add `names` (file names of bundles committed in `bundles`) to `folder`'s record.
    `rows` is how many rows `recorded` read: past `MAX_ROWS`, the record is rewritten as
    one row of the names in `listing` (the folder now) that it held, plus `names`. `also`
    writes more in the same transaction (a store log's mark, `store_log`)."""
    new = list(names)
    compact = rows >= MAX_ROWS
    if not new and not compact and also is None:
        return
    try:
        _write(conn, folder, new, compact, listing, also)
    except (sqlite3.Error, FieldtuiError):
        # The merge is committed; only the record is not (a full disk, a lost server):
        # the next merge looks those names up, as it would before it recorded any.
        return


def _write(conn: Dataset, folder: str, new: list[str], compact: bool,
           listing: Collection[str], also: Callable[[Dataset], None] | None) -> None:
    with _transaction(conn):
        if compact:
            kept = set(recorded(conn, folder)[0]).intersection(listing)
            conn.execute("DELETE FROM merged_names WHERE folder=?", (folder,))
            new = sorted(kept.union(new))
        if new:
            conn.execute("INSERT INTO merged_names (folder, names) VALUES (?, ?)",
                         (folder, " ".join(new)))
        if also is not None:
            also(conn)


@contextlib.contextmanager
def _transaction(conn: Dataset) -> Iterator[None]:
    """A write transaction, committed at the end or rolled back on any error (a rollback
    that fails too leaves the error that caused it to be seen)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error, FieldtuiError):
                conn.execute("ROLLBACK")
        raise


# Where fieldtui before `record_as` recorded a merge from PostgreSQL: the scratch folder
# the store was laid out in (tempfile's `fieldtui-merge-…`), a new one at every merge.
_SCRATCH = re.compile(r".*/fieldtui-merge-[^/]+/bundles")


def forget_scratch(conn: Dataset) -> int:
    """Drop the records kept under such scratch folders that are gone (each a whole
    store's names, never read again: the store's record is now under its
    `postgresql://host:port/dbname`); returns how many folders. Safe whatever a folder
    was: the record is only a short cut, a name not in it is looked up in `bundles`."""
    try:
        folders = [str(row[0]) for row in conn.execute(
            "SELECT DISTINCT folder FROM merged_names WHERE folder LIKE ?",
            ("%/fieldtui-merge-%/bundles",))]
        gone = [folder for folder in folders
                if _SCRATCH.fullmatch(folder) and not os.path.lexists(folder)]
        if gone:
            with _transaction(conn):
                conn.executemany("DELETE FROM merged_names WHERE folder=?",
                                 [(folder,) for folder in gone])
    except (sqlite3.Error, FieldtuiError):
        return 0  # the merge is done; the old rows wait for the next one
    return len(gone)
