"""Merge sealed bundles into the dataset: idempotent, incremental, never overwriting.

Each bundle is keyed by the SHA-256 of its bytes. A bundle already merged is not read
again; a new one is opened (decrypted and verified by the `opener`), then loaded all or
nothing (supervise/bundle_load.py: a savepoint; commits are grouped). A session seen before
with other content becomes a conflict row; a bundle that fails to open, or whose contents
break a rule of `bundle_rules`, is reported and skipped while the rest merge.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from fieldtui.bundle.errors import BundleError
from fieldtui.core.canonical import sha256_hex
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise import merged_names, open_pool, store_log
from fieldtui.supervise.bundle_load import Groups, journal_in_memory
from fieldtui.supervise.bundle_read import read_stamped
from fieldtui.supervise.bundle_rules import PlanRef, check_contents, study_plans
from fieldtui.supervise.dataset_conn import Dataset, DatasetUnavailable
from fieldtui.supervise.dataset_meta import get_meta
from fieldtui.supervise.known_bundles import bundle_folder, known_among, unknown_names
from fieldtui.supervise.merge_report import MergeReport
from fieldtui.supervise.opener_types import Opened, Opener
from fieldtui.supervise.seq_checks import chain_breaks, seq_gaps

_HEX64 = re.compile(r"[0-9a-f]{64}")


OrderKey = Callable[[bytes], tuple[str, int]]
CACHE_BYTES = 256 * 1024 * 1024  # bundles read for ordering are kept for merging up to this
# (done, total), called after each bundle opened: never when there is none to open (a
# merge with nothing new showed a full bar of bundles opened)
Progress = Callable[[int, int], None]
# What reads the names of a source that is not a folder (a PostgreSQL store), given the
# mark the last merge from it left: (the names to consider, the mark to leave after this
# merge or None, True when the names are only those stored since the mark given and the
# mark's pending ones: the others were merged before).
StoreRead = Callable[[store_log.Mark | None], tuple[list[str], store_log.Mark | None, bool]]


def merge_folder(conn: Dataset, source: Path, opener: Opener, *,
                 order: OrderKey | None = None, progress: Progress | None = None,
                 workers: int = 0, record_as: str | None = None,
                 fetch: Callable[[list[str]], list[str]] | None = None,
                 read: StoreRead | None = None) -> MergeReport:
    """Merge the bundles of a store or folder; known names are skipped before any file
    is touched, so an incremental merge costs little more than its new bundles. From a
    collector store merged before, only the names its index.log gained since (and those
    left pending) are considered, without listing the folder (`store_log`). Else the
    folder is listed: the names recorded as merged from this folder (`merged_names`) are
    skipped without a look at `bundles`, the rest as `unknown_names` finds them.
    `record_as`: the name the record keeps for a folder that is a new copy of one source
    each time (a PostgreSQL store laid out in a scratch folder): its record then stays one,
    not one more per merge. `read`: for such a source, what reads its names given the mark
    the last merge from it left (`StoreRead`): the names since that mark, or all of them;
    `fetch` brings the files of those the dataset lacks into the folder (it is given their
    names, and returns those it brought): what a merge copies follows what is new, not
    the source."""
    folder = bundle_folder(source)
    key = record_as or merged_names.folder_key(folder)
    mark: store_log.Mark | None = None
    if read is not None:
        was = store_log.stored_mark(conn, key)
        names, mark, since = read(was)
        if since and mark is not None:
            return _merge_since_mark(conn, folder, key, opener, names, mark, was=was,
                                     order=order, progress=progress, workers=workers,
                                     fetch=fetch)
    else:
        was = store_log.stored_mark(conn, key)
        went_on = store_log.since(folder, was)
        if went_on is not None:
            return _merge_since_mark(conn, folder, key, opener, *went_on, was=was,
                                     order=order, progress=progress, workers=workers)
        names = os.listdir(folder)  # names only: no stat per file, no sort of the known ones
        mark = store_log.after_listing(folder, names)
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
                      workers: int,
                      fetch: Callable[[list[str]], list[str]] | None = None) -> MergeReport:
    """Merge what a collector store's log gained since the last merge from it: `names`
    (there now, or brought by `fetch` as `merge_folder` says), nothing else of the folder
    looked at."""
    left = unknown_names(conn, names)
    fresh = sorted(left if fetch is None else fetch(sorted(left)))
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
    groups = Groups(conn)
    with journal_in_memory(conn):
        try:
            for path, read, opened in _opening(fresh, cache, opener, workers, report):
                _merge_one(groups, path, read, opener, opened, known, (study_id, plans),
                           report)
                done += 1
                if progress is not None:
                    progress(done, total)
            # In the last group's transaction: the record of how far each device has no
            # gap (seq_checks.py) is committed with the bundles it counts; in one of its
            # own when that group was just committed (not a commit per device).
            if report.devices_seen and not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
            report.gaps = seq_gaps(conn, {device for device, _seq in report.devices_seen})
            report.chain_breaks = chain_breaks(conn, report.devices_seen)
        finally:
            # Interrupted or not, what was loaded so far is kept.
            groups.commit()
    return report


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


def _merge_one(groups: Groups, path: Path, read: tuple[bytes, str | None], opener: Opener,
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
