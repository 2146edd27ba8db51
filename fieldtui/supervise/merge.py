"""Merge sealed bundles into the dataset: idempotent, incremental, never overwriting.

Each bundle is keyed by the SHA-256 of its bytes. A bundle already merged is not read
again; a new one is opened (decrypted and verified by the `opener`), then loaded in one
transaction. A session seen before with other content becomes a conflict row; a bundle
that fails to open is reported and skipped while the rest merge.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from fieldtui.core.canonical import canonical_json, sha256_hex
from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.dataset import get_meta
from fieldtui.supervise.session_rows import content_hash, insert_session

_HEX64 = re.compile(r"[0-9a-f]{64}")
FIRST_SEQ = 1


class Opened(Protocol):
    """What an opener returns (e.g. `fieldtui.bundle.OpenedBundle`): verified contents."""

    @property
    def manifest(self) -> dict[str, Any]:
        """The bundle's inner manifest."""

    @property
    def sessions(self) -> list[dict[str, Any]]:
        """The session documents it carries."""


Opener = Callable[[bytes], Opened]
OrderKey = Callable[[bytes], tuple[str, int]]
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


def list_bundles(source: Path) -> list[Path]:
    """The `.ftb` files of a collector store (its bundles/ folder) or of a plain folder."""
    source = Path(source)
    if not source.is_dir():
        raise FieldtuiError(f"{source} is not a folder",
                            "give the collector's store folder or a folder of .ftb bundles")
    folder = source / "bundles" if (source / "bundles").is_dir() else source
    return sorted(folder.glob("*.ftb"))


def known_bundles(conn: sqlite3.Connection) -> set[str]:
    """The SHA-256 of every bundle already merged."""
    return {row[0] for row in conn.execute("SELECT sha256 FROM bundles")}


def merge_bundles(conn: sqlite3.Connection, paths: Iterable[Path], opener: Opener, *,
                  order: OrderKey | None = None,
                  progress: Progress | None = None) -> MergeReport:
    """Merge bundle files into the dataset; see the module docstring for the rules.

    `order` reads a bundle's (device, seq) without opening it, so that new bundles merge
    in the order each device sealed them and the first revision of a session is the one
    kept when a later one conflicts.
    """
    files = list(paths)
    report = MergeReport()
    known = known_bundles(conn)
    study_id = get_meta(conn, "study_id")
    fresh = [p for p in files if not (_HEX64.fullmatch(p.stem) and p.stem in known)]
    report.already = len(files) - len(fresh)
    if order is not None:
        fresh = _in_seal_order(fresh, order, report)
    done = len(files) - len(fresh)
    for path in fresh:
        _merge_one(conn, path, opener, known, study_id, report)
        done += 1
        if progress is not None:
            progress(done, len(files))
    if progress is not None and not fresh:
        progress(len(files), len(files))
    report.gaps = seq_gaps(conn)
    return report


def _in_seal_order(paths: list[Path], order: OrderKey, report: MergeReport) -> list[Path]:
    keyed: list[tuple[tuple[str, int], Path]] = []
    for path in paths:
        try:
            keyed.append((order(path.read_bytes()), path))
        except FieldtuiError as exc:
            report.refused.append((path.name, exc.line()))
    keyed.sort(key=lambda pair: (pair[0], pair[1].name))
    return [path for _, path in keyed]


def _merge_one(conn: sqlite3.Connection, path: Path, opener: Opener, known: set[str],
               study_id: str | None, report: MergeReport) -> None:
    data = path.read_bytes()
    digest = sha256_hex(data)
    if _HEX64.fullmatch(path.stem) and path.stem != digest:
        report.refused.append((path.name, "its bytes do not match its name (changed in "
                                          "transit or on disk)"))
        return
    if digest in known:
        report.already += 1
        return
    try:
        opened = opener(data)
        _check(opened, study_id)
    except FieldtuiError as exc:
        report.refused.append((path.name, exc.line()))
        return
    _load(conn, digest, opened, report)
    known.add(digest)
    report.merged.append(digest)


def _check(opened: Opened, study_id: str | None) -> None:
    manifest = opened.manifest
    if study_id and manifest.get("study_id") != study_id:
        raise FieldtuiError(f"bundle is for study {manifest.get('study_id')!r}, "
                            f"not this dataset's {study_id!r}", "merge it into its own dataset")
    for doc in opened.sessions:
        if not isinstance(doc, dict) or not isinstance(doc.get("session_id"), str):
            raise FieldtuiError("bundle holds a session without a session_id",
                                "ask the interviewer to seal it again")
        if doc.get("device_id") != manifest.get("device_id"):
            raise FieldtuiError(f"session {doc['session_id']} claims another device than "
                                "the bundle's signer", "treat the bundle as suspect")


def _load(conn: sqlite3.Connection, digest: str, opened: Opened,
          report: MergeReport) -> None:
    m = opened.manifest
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT INTO bundles VALUES (?,?,?,?,?,?,?,?,?,?)",
            (digest, str(m.get("bundle_id", "")), str(m.get("study_id", "")),
             str(m.get("device_id", "")), str(m.get("interviewer", "")),
             int(m.get("seq", 0)), str(m.get("previous") or ""), str(m.get("created", "")),
             now, len(opened.sessions)))
        for doc in opened.sessions:
            _load_session(conn, doc, digest, now, report)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _load_session(conn: sqlite3.Connection, doc: dict[str, Any], digest: str, now: str,
                  report: MergeReport) -> None:
    sid = doc["session_id"]
    incoming = content_hash(doc)
    row = conn.execute("SELECT content_hash FROM sessions WHERE session_id=?",
                       (sid,)).fetchone()
    if row is None:
        insert_session(conn, doc, digest, incoming)
        report.sessions_added += 1
    elif row[0] == incoming:
        report.duplicates += 1
    else:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO conflicts (session_id, kept_hash, incoming_hash, "
            "incoming_bundle, incoming_document, detected_at) VALUES (?,?,?,?,?,?)",
            (sid, row[0], incoming, digest, canonical_json(doc).decode(), now))
        if cursor.rowcount:
            report.conflicts.append((sid, digest))
        else:
            report.duplicates += 1


def seq_gaps(conn: sqlite3.Connection) -> dict[str, list[int]]:
    """Per device, the bundle seq numbers missing between the first and the highest seen."""
    seen: dict[str, set[int]] = {}
    for device, seq in conn.execute("SELECT device_id, seq FROM bundles"):
        seen.setdefault(device, set()).add(int(seq))
    gaps: dict[str, list[int]] = {}
    for device, seqs in seen.items():
        missing = [n for n in range(FIRST_SEQ, max(seqs)) if n not in seqs]
        if missing:
            gaps[device] = missing
    return gaps
