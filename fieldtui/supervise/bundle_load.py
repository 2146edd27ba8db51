"""Loading opened bundles into the dataset for a merge (supervise/merge.py): each bundle
all or nothing (a savepoint), commits grouped; a session seen before with other content
becomes a conflict row, the same content again a duplicate."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from fieldtui.core.canonical import canonical_json
from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset_conn import (
    Dataset,
    DatasetStatementError,
    DatasetUnavailable,
    dialect,
)
from fieldtui.supervise.merge_report import MergeReport
from fieldtui.supervise.opener_types import Opened
from fieldtui.supervise.replaced import find_row
from fieldtui.supervise.revisions import merged_document, record_revision
from fieldtui.supervise.session_rows import body_and_hash, body_bytes, insert_session


@contextmanager
def journal_in_memory(conn: Dataset) -> Iterator[None]:
    """On SQLite, keep the savepoint journal in memory while bundles load (temp_store
    MEMORY), then put the setting back. Each bundle's savepoint copies every page it
    changes first into that journal; past 64 KiB SQLite moves it to a temporary file, two
    writes per page. Into a large dataset a bundle's rows land on more pages (its keys are
    random): 17 pages a bundle into 10,000 bundles, 11 into an empty dataset, and those
    writes were a third of the difference (strace; bench/bench_merge.py). The journal
    holds one bundle's pages at a time: its memory stays small."""
    if dialect(conn) != "sqlite" or conn.in_transaction:
        yield  # the setting cannot change inside a transaction; PostgreSQL has none
        return
    before = int(conn.execute("PRAGMA temp_store").fetchone()[0])
    conn.execute("PRAGMA temp_store=MEMORY")
    try:
        yield
    finally:
        if not conn.in_transaction:  # else the commit failed: its error is the one to see
            with suppress(sqlite3.Error):
                conn.execute(f"PRAGMA temp_store={before}")


class Groups:
    """Each bundle loads all or nothing (a savepoint); commits are grouped, because a
    commit costs more than a small bundle. A crash loses at most the open group, which
    the next merge brings back (merging is idempotent)."""

    MAX_BUNDLES = 500
    MAX_SECONDS = 2.0

    def __init__(self, conn: Dataset) -> None:
        self.conn = conn
        self.pending = 0
        self.since = 0.0

    def load(self, digest: str, opened: Opened, report: MergeReport, *,
             arrived: str | None = None) -> bool:
        """Load one bundle; False when the dataset already had it (a concurrent merge
        committed it since this one listed what was known). On a malformed session, undo
        just this bundle and raise."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.since = time.monotonic()
        before = (report.sessions_added, report.duplicates, len(report.conflicts))
        self.conn.execute("SAVEPOINT bundle")
        try:
            stored = load_bundle(self.conn, digest, opened, report, arrived)
        except DatasetUnavailable:
            raise
        except BaseException as exc:
            # Undo just this bundle, so that the commit in merge_bundles' finally keeps
            # whole bundles only (an interrupt included).
            self.conn.execute("ROLLBACK TO bundle")
            self.conn.execute("RELEASE bundle")
            report.sessions_added, report.duplicates = before[0], before[1]
            del report.conflicts[before[2]:]
            # (OverflowError: a JSON whole number past SQLite's 64 bits, bound as is)
            if not isinstance(exc, ValueError | TypeError | KeyError | AttributeError |
                              OverflowError | sqlite3.Error | DatasetStatementError):
                raise
            raise FieldtuiError(_("the bundle's content is malformed "
                                  "({name}: {problem})").format(name=type(exc).__name__, problem=exc), _("ask the interviewer's device to seal it "
                                             "again")
                                ) from exc
        self.conn.execute("RELEASE bundle")
        self.pending += 1
        if self.pending >= self.MAX_BUNDLES or time.monotonic() - self.since > self.MAX_SECONDS:
            self.commit()
        return stored

    def commit(self) -> None:
        """Commit the open group, if any."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.pending = 0


def load_bundle(conn: Dataset, digest: str, opened: Opened, report: MergeReport,
          arrived: str | None) -> bool:
    m = opened.manifest
    now = wall_iso()
    cursor = conn.execute(
        "INSERT INTO bundles (sha256, bundle_id, study_id, device_id, interviewer, seq, "
        "previous, created, merged_at, sessions, arrived) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT DO NOTHING",
        (digest, str(m.get("bundle_id", "")), str(m.get("study_id", "")),
         str(m.get("device_id", "")), str(m.get("interviewer", "")),
         int(m.get("seq", 0)), str(m.get("previous") or ""), str(m.get("created", "")),
         now, len(opened.sessions), arrived))
    if cursor.rowcount == 0:
        return False
    # a worker (open_pool) may have made each session's body and its hash already
    bodies = getattr(opened, "bodies", None) or [None] * len(opened.sessions)
    for doc, body in zip(opened.sessions, bodies, strict=True):
        load_session(conn, doc, digest, now, report, body)
    return True


def load_session(conn: Dataset, doc: dict[str, Any], digest: str, now: str,
                  report: MergeReport, made: tuple[bytes, str] | None = None) -> None:
    sid = doc["session_id"]
    body, incoming = made if made is not None else body_and_hash(doc)
    # a session a revision replaced is known too: the same bundle again adds nothing
    row = find_row(conn, sid, "content_hash")
    if row is None:
        stored = merged_document(conn, doc)  # a revision: its original's paradata
        insert_session(conn, stored, digest, body if stored is doc else body_bytes(stored),
                       digest=incoming)
        record_revision(conn, doc, digest, now)
        report.sessions_added += 1
    elif row[0] == incoming:
        report.duplicates += 1
    else:
        cursor = conn.execute(
            "INSERT INTO conflicts (session_id, kept_hash, incoming_hash, "
            "incoming_bundle, incoming_document, detected_at) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT DO NOTHING",
            (sid, row[0], incoming, digest, canonical_json(doc).decode(), now))
        if cursor.rowcount:
            report.conflicts.append((sid, digest))
        else:
            report.duplicates += 1
