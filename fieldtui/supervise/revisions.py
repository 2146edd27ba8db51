"""A correction at merge (dataset schemas 5 and 6): a session a device sealed naming the
one it `revises` is linked to it (`revisions`), and when the supervisor had returned that
one, takes its place: the original moves to the replaced_* tables (supervise/replaced.py),
the return becomes `corrected` (supervise/returns.py), and the stored document keeps the
original's paradata (supervise/held_paradata.py)."""

from __future__ import annotations

import json
from typing import Any

from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.held_paradata import as_held, original_document
from fieldtui.supervise.replaced import find_row, move_session

MAX_CHANGES = 2000  # a revision's list of changes kept, at most


def _revises(conn: Dataset, doc: dict[str, Any]) -> str | None:
    """The session an incoming `doc` revises, when it may: a device revises only its own
    sessions, and only one the supervisor returned, so one already in this dataset:
    another device's claim, or a claim on a session not (yet) here, is no revision (it
    would stop the supervisor returning that session and show a false old -> new), nor is
    a claim on one a correction replaced already. Checked whichever order the two bundles
    merge in."""
    revision = doc.get("revision")
    if not isinstance(revision, dict) or not isinstance(revision.get("revises"), str):
        return None
    original = str(revision["revises"])[:64]
    owner = find_row(conn, original, "device_id")
    if owner is None or owner[0] != doc.get("device_id"):
        return None
    # one a correction replaced already is no longer the one to correct (a second return
    # goes to its correction): a second claim on it, linked, would stand as the correction
    # the supervisor judged (its detail, review --session, a verdict given on it)
    if conn.execute("SELECT 1 FROM sessions WHERE session_id=?", (original,)).fetchone() \
            is None:
        return None
    return original


def _replaces(conn: Dataset, doc: dict[str, Any], original: str) -> bool:
    """True when the revision `doc` takes the place of `original`: a current session of
    the same device that the supervisor returned, whether or not judged since (a verdict
    given while the correction was on its way: kept beside the original, the correction
    counted the respondent twice). An original a correction replaced already is no
    longer current, so a second one sent unasked replaces nothing."""
    kept = conn.execute("SELECT r.device_id FROM returns r JOIN sessions s ON "
                        "s.session_id = r.session_id WHERE r.session_id=? AND "
                        "r.status IN ('returned', 'corrected', 'approved', 'rejected')",
                        (original,)).fetchone()
    return kept is not None and kept[0] == doc.get("device_id")


def merged_document(conn: Dataset, doc: dict[str, Any]) -> dict[str, Any]:
    """The document merge stores for an incoming session: a revision that will take its
    original's place keeps the original's paradata (supervise/held_paradata.py); any
    other session as sent."""
    original = _revises(conn, doc)
    if original is None or not _replaces(conn, doc, original):
        return doc
    found = original_document(conn, original, "sessions")
    return doc if found is None else as_held(doc, found)


def record_revision(conn: Dataset, doc: dict[str, Any], bundle: str,
                    now: str) -> None:
    """At merge, after the revision `doc` was inserted as a session (its document as
    `merged_document` made it): link it to the session it revises (which moves to the
    replaced_* tables) and mark the return corrected."""
    original = _revises(conn, doc)
    if original is None:
        return
    found = doc.get("changes")
    changes: list[Any] = found if isinstance(found, list) else []
    conn.execute("INSERT INTO revisions VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                 (doc["session_id"], original, bundle,
                  json.dumps(changes[:MAX_CHANGES], ensure_ascii=False), now))
    # applied only to a session of the same device that the supervisor returned
    if _replaces(conn, doc, original):
        replace_original(conn, original, str(doc["session_id"]))
        # judged before the correction came: the verdict was on the original, so the
        # correction waits for one of its own
        conn.execute("UPDATE returns SET status='corrected' WHERE session_id=? AND "
                     "status IN ('returned', 'approved', 'rejected')", (original,))


def replace_original(conn: Dataset, original: str, revision: str) -> None:
    """The revision takes the original's place: it keeps the original's record key (the
    same respondent, the same cell key noise) and the follow-up decisions on its concerns,
    and the original moves out of the current tables (supervise/replaced.py)."""
    conn.execute("UPDATE sessions SET record_key=(SELECT record_key FROM sessions WHERE "
                 "session_id=?) WHERE session_id=?", (original, revision))
    conn.execute("INSERT INTO followups (session_id, idx, status, owner, reply, "
                 "updated_at, updated_by, published_at) SELECT ?, idx, status, owner, reply, "
                 "updated_at, updated_by, published_at FROM followups WHERE session_id=? "
                 "ON CONFLICT DO NOTHING",
                 (revision, original))
    move_session(conn, original)


def revision_of(conn: Dataset, session_id: str) -> tuple[str, list[Any]] | None:
    """(revision id, changes) of the newest revision of a session, if any."""
    row = conn.execute("SELECT revision_id, changes FROM revisions WHERE revises=? "
                       "ORDER BY merged_at DESC LIMIT 1", (session_id,)).fetchone()
    return (str(row[0]), json.loads(row[1])) if row else None


def revised_from(conn: Dataset, session_id: str) -> str | None:
    """The session a revision revises."""
    row = conn.execute("SELECT revises FROM revisions WHERE revision_id=?",
                       (session_id,)).fetchone()
    return str(row[0]) if row else None
