"""Merge sealed bundles into the dataset: idempotent, incremental, never overwriting.

Each bundle is keyed by the SHA-256 of its bytes. A bundle already merged is not read
again; a new one is opened (decrypted and verified by the `opener`), then loaded all or
nothing (a savepoint; commits are grouped, see `_Groups`). A session seen before with other
content becomes a conflict row; a bundle that fails to open, or whose contents break a rule
of `bundle_rules`, is reported and skipped while the rest merge.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldtui.bundle.errors import BundleError
from fieldtui.core.canonical import canonical_json, sha256_hex
from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise import merged_names, open_pool, store_log
from fieldtui.supervise.bundle_read import read_stamped
from fieldtui.supervise.bundle_rules import PlanRef, check_contents, study_plans
from fieldtui.supervise.dataset_conn import (
    Dataset,
    DatasetStatementError,
    DatasetUnavailable,
    dialect,
)
from fieldtui.supervise.dataset_meta import get_meta
from fieldtui.supervise.known_bundles import bundle_folder, known_among, unknown_names
from fieldtui.supervise.opener_types import Opened, Opener
from fieldtui.supervise.replaced import find_row
from fieldtui.supervise.returns import merged_document, record_revision
from fieldtui.supervise.seq_checks import chain_breaks, seq_gaps
from fieldtui.supervise.session_rows import body_and_hash, body_bytes, insert_session

_HEX64 = re.compile(r"[0-9a-f]{64}")


OrderKey = Callable[[bytes], tuple[str, int]]
CACHE_BYTES = 256 * 1024 * 1024  # bundles read for ordering are kept for merging up to this
Progress = Callable[[int, int], None]


@dataclass
class MergeReport:
    """What one merge did: counts, refusals with reasons, conflicts and seq gaps."""

    merged: list[str] = field(default_factory=list)
    already: int = 0
    sessions_added: int = 0
    duplicates: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    gaps: dict[str, list[int]] = field(default_factory=dict)
    chain_breaks: dict[str, list[int]] = field(default_factory=dict)
    devices_seen: set[tuple[str, int]] = field(default_factory=set)


def merge_folder(conn: Dataset, source: Path, opener: Opener, *,
                 order: OrderKey | None = None, progress: Progress | None = None,
                 names: list[str] | None = None, workers: int = 0,
                 record_as: str | None = None,
                 fetch: Callable[[list[str]], list[str]] | None = None) -> MergeReport:
    """Merge the bundles of a store or folder; known names are skipped before any file
    is touched, so an incremental merge costs little more than its new bundles. From a
    collector store merged before, only the names its index.log gained since (and those
    left pending) are considered, without listing the folder (`store_log`). Else the
    folder is listed: the names recorded as merged from this folder (`merged_names`) are
    skipped without a look at `bundles`, the rest as `unknown_names` finds them. `names`:
    the caller's listing of the folder (os.listdir, or `bundle_names(source,
    ordered=False)`): not listed a second time. `record_as`: the name the record keeps
    for a folder that is a new copy of one source each time (a PostgreSQL store laid out
    in a scratch folder): its record then stays one, not one more per merge. `fetch`: for
    such a copy, `names` are the source's and the folder holds none of their files yet;
    `fetch` brings in those of them the dataset lacks (it is given their names, and
    returns those it brought): what a merge copies follows what is new, not the source."""
    folder = bundle_folder(source)
    key = record_as or merged_names.folder_key(folder)
    if names is None:
        was = store_log.stored_mark(conn, key)
        went_on = store_log.since(folder, was)
        if went_on is not None:
            return _merge_since_mark(conn, folder, key, opener, *went_on, was=was,
                                     order=order, progress=progress, workers=workers)
        names = os.listdir(folder)  # names only: no stat per file, no sort of the known ones
        mark = store_log.after_listing(folder, names)
    else:
        mark = None  # the caller's listing: when it was made against the log is not known
    ours, rows = merged_names.recorded(conn, key)
    rest = set(names)
    rest.difference_update(ours)  # (a fifth cheaper than set.difference, measured)
    left = unknown_names(conn, list(rest))
    fresh = sorted(n for n in left if n.endswith(".ftb"))  # merge_bundles orders by device
    if fetch is not None:
        fresh = sorted(fetch(fresh))
    skipped = len(names) - len(left)  # .ftb files known (only those are ever known)
    report = merge_bundles(conn, [folder / n for n in fresh], opener, order=order,
                           progress=progress, skipped=skipped, known=set(), workers=workers)
    # Committed by now: the names found merged here that the record lacked, and those
    # merged now under their own digest.
    found = rest.difference(left)
    found.update(name for name in (f"{digest}.ftb" for digest in report.merged)
                 if name in left)
    merged_names.record(conn, key, found, rows=rows, listing=names,
                        also=_marking(key, mark, report))
    return report


def _merge_since_mark(conn: Dataset, folder: Path, key: str, opener: Opener,
                      names: list[str], mark: store_log.Mark, *, was: store_log.Mark | None,
                      order: OrderKey | None, progress: Progress | None,
                      workers: int) -> MergeReport:
    """Merge what a collector store's log gained since the last merge from it: `names`
    (there now), nothing else of the folder looked at."""
    left = unknown_names(conn, names)
    fresh = sorted(left)
    report = merge_bundles(conn, [folder / n for n in fresh], opener, order=order,
                           progress=progress, skipped=mark.held + len(names) - len(left),
                           known=set(), workers=workers)
    found = set(names).difference(left)
    found.update(name for name in (f"{digest}.ftb" for digest in report.merged)
                 if name in left)
    # rows=0: no compaction, which needs the folder's listing (the next listing does it)
    merged_names.record(conn, key, found, rows=0, also=_marking(key, mark, report, was))
    return report


def _marking(key: str, mark: store_log.Mark | None, report: MergeReport,
             was: store_log.Mark | None = None) -> Callable[[Dataset], None] | None:
    """What writes the store log's mark after this merge (refused names stay pending);
    None when there is none, or it is the one stored (`was`)."""
    if mark is None:
        return None
    mark.pending.update(name for name, _reason in report.refused)
    mark.held = report.already + len(report.merged)
    if mark == was:
        return None
    return lambda conn: store_log.write_mark(conn, key, mark)


def merge_bundles(conn: Dataset, paths: Iterable[Path], opener: Opener, *,
                  order: OrderKey | None = None, progress: Progress | None = None,
                  skipped: int = 0, known: set[str] | None = None,
                  workers: int = 0) -> MergeReport:
    """Merge bundle files into the dataset; see the module docstring for the rules.

    `order` reads a bundle's (device, seq) without opening it, so that new bundles merge
    in the order each device sealed them and the first revision of a session is the one
    kept when a later one conflicts. `skipped` counts files already known to the caller;
    `known`, the caller's answer to which of `paths`' names the dataset has merged.
    `workers`: processes that open bundles ahead while this one loads them (`open_pool`;
    0, or few bundles: opened here).
    """
    files = list(paths)
    report = MergeReport()
    if known is None:
        known = known_among(conn, [p.stem for p in files if _HEX64.fullmatch(p.stem)])
    study_id = get_meta(conn, "study_id")
    plans = study_plans(conn)
    fresh = [p for p in files if not (p.stem in known and _HEX64.fullmatch(p.stem))]
    report.already = skipped + len(files) - len(fresh)
    total = skipped + len(files)
    cache: dict[Path, tuple[bytes, str | None]] = {}
    if order is not None:
        fresh = _in_seal_order(fresh, order, report, cache)
    done = total - len(fresh)
    groups = _Groups(conn)
    with _journal_in_memory(conn):
        try:
            for path, read, opened in _opening(fresh, cache, opener, workers, report):
                _merge_one(groups, path, read, opener, opened, known, (study_id, plans),
                           report)
                done += 1
                if progress is not None:
                    progress(done, total)
            # In the last group's transaction: the record of how far each device has no
            # gap (seq_checks.py) is committed with the bundles it counts.
            report.gaps = seq_gaps(conn, {device for device, _seq in report.devices_seen})
            report.chain_breaks = chain_breaks(conn, report.devices_seen)
        finally:
            # Interrupted or not, what was loaded so far is kept.
            groups.commit()
    if progress is not None and not fresh:
        progress(total, total)
    return report


@contextmanager
def _journal_in_memory(conn: Dataset) -> Iterator[None]:
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


def _in_seal_order(paths: list[Path], order: OrderKey, report: MergeReport,
                   cache: dict[Path, tuple[bytes, str | None]]) -> list[Path]:
    keyed: list[tuple[tuple[str, int], Path]] = []
    kept = 0
    for path in paths:
        read = _read_or_refuse(path, report)
        if read is None:
            continue
        data = read[0]
        try:
            keyed.append((order(data), path))
        except FieldtuiError as exc:
            report.refused.append((path.name, exc.line()))
            continue
        if kept + len(data) <= CACHE_BYTES:  # read once, not twice, when memory allows
            cache[path] = read
            kept += len(data)
    keyed.sort(key=lambda pair: (pair[0], pair[1].name))
    return [path for _, path in keyed]


def _read_or_refuse(path: Path, report: MergeReport) -> tuple[bytes, str | None] | None:
    """The bundle's bytes and stored time, or None with its refusal reported."""
    try:
        return read_stamped(path)
    except BundleError as exc:
        report.refused.append((path.name, exc.line()))
        return None


def _opening(fresh: list[Path], cache: dict[Path, tuple[bytes, str | None]],
             opener: Opener, workers: int, report: MergeReport
             ) -> Iterator[tuple[Path, tuple[bytes, str | None], Opened | str | None]]:
    """Each path in order, its bytes and time, and (with workers) what a worker made of it:
    its verified contents or its refusal's line; None: open it here."""

    def reads() -> Iterator[tuple[Path, tuple[bytes, str | None]]]:
        for path in fresh:
            read = cache.pop(path, None) or _read_or_refuse(path, report)
            if read is not None:
                yield path, read

    if workers < 1 or len(fresh) < open_pool.MIN_BUNDLES:
        for path, read in reads():
            yield path, read, None
        return
    sent: deque[tuple[Path, tuple[bytes, str | None]]] = deque()

    def items() -> Iterator[tuple[bytes, Path]]:
        for path, read in reads():
            sent.append((path, read))
            yield read[0], path

    for opened in open_pool.opened_in_order(items(), opener, workers):
        path, read = sent.popleft()
        yield path, read, opened


def _merge_one(groups: _Groups, path: Path, read: tuple[bytes, str | None], opener: Opener,
               ahead: Opened | str | None, known: set[str],
               study: tuple[str | None, dict[tuple[str, int], PlanRef]],
               report: MergeReport) -> None:
    data, arrived = read
    digest = sha256_hex(data)
    if _HEX64.fullmatch(path.stem) and path.stem != digest:
        report.refused.append((path.name, _("its bytes do not match its name (changed "
                                            "in transit or on disk)")))
        return
    # `known` answers for names that are digests; a file named otherwise is looked up.
    if digest in known or (path.stem != digest and known_among(groups.conn, [digest])):
        report.already += 1
        return
    if isinstance(ahead, str):  # a worker refused it
        report.refused.append((path.name, ahead))
        return
    try:
        opened = opener(data, path) if ahead is None else ahead
        check_contents(opened.manifest, opened.sessions, *study)
        if not groups.load(digest, opened, report, arrived=arrived):
            report.already += 1  # another supervisor's merge stored it meanwhile
            known.add(digest)
            return
        report.devices_seen.add((str(opened.manifest.get("device_id")),
                                 int(opened.manifest.get("seq") or 0)))
    except DatasetUnavailable:
        raise  # the database, not the bundle: stop with one line
    except FieldtuiError as exc:
        report.refused.append((path.name, exc.line()))
        return
    known.add(digest)
    report.merged.append(digest)


class _Groups:
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
            stored = _load(self.conn, digest, opened, report, arrived)
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


def _load(conn: Dataset, digest: str, opened: Opened, report: MergeReport,
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
        _load_session(conn, doc, digest, now, report, body)
    return True


def _load_session(conn: Dataset, doc: dict[str, Any], digest: str, now: str,
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
