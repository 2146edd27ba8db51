"""Conflicts: two revisions of one session; a supervisor keeps one and says why."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset_conn import Dataset, rollback
from fieldtui.supervise.held_paradata import stored_revision
from fieldtui.supervise.release_tables import counted_answers
from fieldtui.supervise.session_rows import body_bytes, delete_session, insert_session

Choice = Literal["kept", "incoming"]


class AlreadyResolved(FieldtuiError):
    """Another supervisor resolved the conflict first (nothing was overwritten)."""


@dataclass(frozen=True)
class Conflict:
    """One unresolved or resolved conflict row."""

    id: int
    session_id: str
    kept_hash: str
    incoming_hash: str
    incoming_bundle: str
    detected_at: str
    resolved_at: str | None
    chosen_hash: str | None
    reason: str | None
    resolved_by: str | None


def list_conflicts(conn: Dataset, *, open_only: bool = False) -> list[Conflict]:
    """Conflicts in the order they were found; `open_only` leaves out resolved ones."""
    sql = ("SELECT id, session_id, kept_hash, incoming_hash, incoming_bundle, detected_at, "
           "resolved_at, chosen_hash, reason, resolved_by FROM conflicts")
    if open_only:
        sql += " WHERE resolved_at IS NULL"
    return [Conflict(*row) for row in conn.execute(sql + " ORDER BY id")]


def incoming_document(conn: Dataset, conflict_id: int) -> dict[str, Any]:
    """The revision that arrived second, as a session document."""
    row = conn.execute("SELECT incoming_document FROM conflicts WHERE id=?",
                       (conflict_id,)).fetchone()
    if row is None:
        raise FieldtuiError(_("no conflict {conflict_id}").format(conflict_id=conflict_id), _("list them in 'fieldtui review'"))
    result: dict[str, Any] = json.loads(row[0])
    return result


def _keep_released(conn: Dataset, sid: str, incoming: dict[str, Any]) -> None:
    """Refuse the incoming copy of a session a poll release counted when its answers are
    other ones: a release's respondents keep the answers it published (the next release's
    difference would hold the change, and the audit re-counts earlier releases from the
    stored documents: the copy kept is deleted)."""
    row = conn.execute("SELECT s.document, r.name FROM sessions s JOIN release_members m "
                       "ON m.session_id = s.session_id JOIN releases r ON r.id = "
                       "m.release_id WHERE s.session_id=? ORDER BY r.id LIMIT 1",
                       (sid,)).fetchone()
    if row is None or counted_answers(json.loads(row[0])) == counted_answers(incoming):
        return
    raise FieldtuiError(_("session {sid} was counted in release {release} with the answers "
                          "kept: the incoming copy has other answers, which the next "
                          "release would show by subtraction").format(sid=sid[:8],
                                                                      release=row[1]),
                        _("keep the one in the dataset"))


def resolve_conflict(conn: Dataset, conflict_id: int, choice: Choice, reason: str,
                     by: str) -> None:
    """Keep one revision (the one in the dataset, or the incoming one) and record why."""
    if not reason.strip():
        raise FieldtuiError(_("a conflict is resolved only with a reason"),
                            _("say why this revision is the one to keep"))
    now = wall_iso()
    # Read the conflict inside the write transaction (one writer at a time, on SQLite and
    # on PostgreSQL alike): a second supervisor resolving it at the same moment waits,
    # then finds it resolved and is told so; no decision is overwritten.
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(
            "SELECT session_id, kept_hash, incoming_hash, incoming_bundle, incoming_document, "
            "resolved_at, resolved_by FROM conflicts WHERE id=?", (conflict_id,)).fetchone()
        if row is None:
            raise FieldtuiError(_("no conflict {conflict_id}").format(conflict_id=conflict_id), _("list them in 'fieldtui review'"))
        sid, kept_hash, incoming_hash, bundle, document, resolved_at, resolved_by = row
        if resolved_at is not None:
            raise AlreadyResolved(
                one_line(_("conflict {conflict_id} is already resolved (by {resolved_by} at "
                           "{resolved_at})").format(conflict_id=conflict_id,
                                                   resolved_by=resolved_by,
                                                   resolved_at=resolved_at)), _("pick an open conflict"))
        if choice == "incoming" and conn.execute(
                "SELECT 1 FROM replaced_sessions WHERE session_id=?", (sid,)).fetchone():
            raise FieldtuiError(_("session {sid} was replaced by its "
                                  "revision, so the incoming copy cannot "
                                  "become the current one").format(sid=sid[:8]),
                                _("keep the one in the dataset (its revision "
                                  "is what counts)"))
        if choice == "incoming":
            _keep_released(conn, sid, json.loads(document))
        current = conn.execute("SELECT content_hash FROM sessions WHERE session_id=?",
                               (sid,)).fetchone()
        chosen = kept_hash if choice == "kept" else incoming_hash
        if choice == "incoming" and (current is None or current[0] != incoming_hash):
            kept_key = conn.execute("SELECT record_key FROM sessions WHERE session_id=?",
                                    (sid,)).fetchone()
            delete_session(conn, sid)
            # a revision that replaced its original keeps the original's paradata
            chosen_doc = stored_revision(conn, json.loads(document))
            insert_session(conn, chosen_doc, bundle, body_bytes(chosen_doc),
                           kept_key[0] if kept_key else None, digest=incoming_hash)
        conn.execute(
            "UPDATE conflicts SET resolved_at=?, chosen_hash=?, reason=?, resolved_by=? "
            "WHERE id=?", (now, chosen, reason.strip(), by, conflict_id))
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
