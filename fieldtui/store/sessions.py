"""Plaintext sidecars (`sessions/<sid>.meta.json`): what a session is, never what was said.

They let `fieldtui status` and the session list work without the passphrase, so they
hold no answers, no notes and no respondent code. A sidecar is rewritten when a
session is created, changes status or is opened; its `updated` is that moment, not the
last answer (rewriting it on every save would double a save's cost).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.untrusted_json import JsonRefused, parse_object
from fieldtui.store.durable import fsync_dir, read_private_file, write_atomic
from fieldtui.store.home import SIDECAR_SUFFIX, STORE_SUFFIX, DeviceHome, lock_path, sidecar_path
from fieldtui.store.lock import StoreLock

STATUSES: tuple[str, ...] = ("draft", "complete", "refused", "sealed", "receipted",
                              "discarded")
# How far along a status is: a sidecar never moves back (a receipt outranks the store).
# A discarded draft is an end like complete, but one that is never sealed or sent.
RANK = {"draft": 0, "complete": 1, "refused": 1, "discarded": 1, "sealed": 2, "receipted": 3}
MAX_SIDECAR_BYTES = 1_000_000  # a few hundred bytes written; more is not one of ours


@dataclass(frozen=True)
class SessionMeta:
    """One session as its sidecar describes it."""

    session_id: str
    plan_id: str
    plan_version: int
    plan_hash: str
    method: str
    status: str
    created: str
    updated: str
    completed: str | None
    store_path: Path

    @property
    def has_store(self) -> bool:
        """True while the encrypted store is on the device (it goes after the receipt)."""
        return self.store_path.exists()


def sidecar_fields(document: dict[str, Any]) -> dict[str, Any]:
    """The sidecar for a session document (or its `session` row): identity, plan, status."""
    return {
        "session_id": document["session_id"],
        "plan_id": document["plan"]["id"],
        "plan_version": document["plan"]["version"],
        "plan_hash": document["plan"]["hash"],
        "method": document["method"],
        "status": document["status"],
        "created": document["created"],
        "updated": wall_iso(),
        "completed": document.get("completed"),
        **(_revision_fields(document["revision"]) if document.get("revision") else {}),
    }


def _revision_fields(revision: dict[str, Any]) -> dict[str, Any]:
    """A correction's sidecar fields: the session it revises and the return (its update's
    seq) it answers, when its record names one (sync/returned.py: a later return of the
    same session waits for a correction of its own)."""
    seq = revision.get("return_seq")
    return {"revises": revision["revises"],
            **({"return_seq": seq} if type(seq) is int else {})}


def write_sidecar(store: Path, fields: dict[str, Any]) -> None:
    """Write a sidecar durably (0600, atomic)."""
    data = json.dumps(fields, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    write_atomic(sidecar_path(store), data.encode())


def read_sidecar(path: Path) -> dict[str, Any] | None:
    """A sidecar's fields, or None if it is missing or unreadable."""
    try:
        return parse_object(read_private_file(path, MAX_SIDECAR_BYTES, secret=False),
                            max_bytes=MAX_SIDECAR_BYTES)
    except (OSError, FieldtuiError, JsonRefused):
        return None


def revises(meta: SessionMeta) -> str | None:
    """The session `meta`'s draft revises (its sidecar's "revises"), if it is a correction."""
    found = (read_sidecar(sidecar_path(meta.store_path)) or {}).get("revises")
    return found if isinstance(found, str) else None


def answers_return(meta: SessionMeta, seq: int, first_verdict: int | None = None) -> bool:
    """True when the correction `meta` answers the return of update `seq`: it was started
    for that return or a later one. A sidecar naming none (a fieldtui before second
    returns wrote none, and the store that holds the return's update is gone after the
    receipt) answered the return it was started for, before any verdict on the session
    (`first_verdict`, update_state.first_verdicts): a return after one (that correction
    rejected, the session sent back again) waits for a new correction."""
    found = (read_sidecar(sidecar_path(meta.store_path)) or {}).get("return_seq")
    if type(found) is int:
        return found >= seq
    return first_verdict is None or seq < first_verdict


def _meta(path: Path, fields: dict[str, Any]) -> SessionMeta | None:
    try:
        sid = str(fields["session_id"])
        meta = SessionMeta(
            session_id=sid, plan_id=str(fields["plan_id"]),
            plan_version=int(fields["plan_version"]), plan_hash=str(fields.get("plan_hash", "")),
            method=str(fields["method"]), status=str(fields["status"]),
            created=str(fields["created"]), updated=str(fields["updated"]),
            completed=fields.get("completed"),
            store_path=path.with_name(sid + STORE_SUFFIX),
        )
    except (KeyError, TypeError, ValueError):
        return None
    if meta.status not in STATUSES or path.name != sid + SIDECAR_SUFFIX:
        return None
    return meta


def list_sessions(home: Path) -> list[SessionMeta]:
    """Every session on the device, oldest first, from the sidecars (no key needed).

    Unreadable sidecars are left out, and so is a draft whose store was never written
    (a create killed between its two files).
    """
    folder = DeviceHome(Path(home)).sessions
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*" + SIDECAR_SUFFIX):
        fields = read_sidecar(path)
        meta = _meta(path, fields) if fields is not None else None
        if meta is None:
            continue
        if RANK[meta.status] < RANK["sealed"] and not meta.has_store:
            continue
        found.append(meta)
    return sorted(found, key=lambda m: (m.created, m.session_id))


def remove_plaintext(home: Path, session_id: str) -> None:
    """After a receipt: delete the store, keep the sidecar with status `receipted`.

    Refused unless the session was sealed: an unsealed store is the only copy.
    """
    store = DeviceHome(Path(home)).store(session_id)
    sidecar = sidecar_path(store)
    fields = read_sidecar(sidecar)
    if fields is None:
        raise FieldtuiError(_("no session {session_id} on this device").format(session_id=session_id), _("check the session id"))
    if RANK.get(str(fields.get("status")), 0) < RANK["sealed"]:
        raise FieldtuiError(
            _("session {session_id} is {status}, not sealed: its store is "
              "the only copy and was kept").format(session_id=session_id, status=fields.get('status')),
            _("seal it and wait for the collector's receipt"),
        )
    lock = StoreLock(lock_path(store))
    try:
        with lock.held():
            fields["status"] = "receipted"
            fields["updated"] = wall_iso()
            write_sidecar(store, fields)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(store)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(lock_path(store))
            fsync_dir(DeviceHome(Path(home)).sessions)
    finally:
        lock.close()
