"""A correction at merge (dataset schemas 5 and 6): a session a device sealed naming the
one it `revises` is linked to it (`revisions`), and when the supervisor had returned that
one, takes its place: the original moves to the replaced_* tables (supervise/replaced.py),
the return becomes `corrected` (supervise/returns.py), and the stored document keeps the
original's paradata (supervise/held_paradata.py).

A session may have several revisions: its correction rejected, it is current again and
may be sent back again (supervise/returns.py), and the next correction takes its place the
same way. The newest merged (`revision_of`) is the one a verdict and `settle` are on; the
earlier ones stay aside (`superseded`)."""

from __future__ import annotations

import json
from typing import Any

from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.held_paradata import as_held, original_document
from fieldtui.supervise.replaced import find_row, move_session, restore_session

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
    and the original moves out of the current tables (supervise/replaced.py) with its own
    status (a rejected correction gives it back as it was: `settle`)."""
    conn.execute("UPDATE sessions SET record_key=(SELECT record_key FROM sessions WHERE "
                 "session_id=?) WHERE session_id=?", (original, revision))
    conn.execute("INSERT INTO followups (session_id, idx, status, owner, reply, "
                 "updated_at, updated_by, published_at) SELECT ?, idx, status, owner, reply, "
                 "updated_at, updated_by, published_at FROM followups WHERE session_id=? "
                 "ON CONFLICT DO NOTHING",
                 (revision, original))
    move_session(conn, original, status=None)


def _current(conn: Dataset, session_id: str) -> str | None:
    """A current session's status (None: not current)."""
    row = conn.execute("SELECT status FROM sessions WHERE session_id=?",
                       (session_id,)).fetchone()
    return None if row is None else str(row[0])


def settle(conn: Dataset, original: str, verdict: str) -> None:
    """After a verdict on the return of `original` (the caller holds the transaction):
    a rejected correction leaves the current data, an approved one is in it.

    Rejected: the original, kept in the replaced_* tables since the correction replaced
    it, is the current session again with its own status (a refused session refused again;
    one a dataset before this replaced has `revised` there, its own lost: it gets the
    correction's, a correction being finished as the session it corrects was), and the rejected
    revision moves there, its status kept; `revisions` and the return still record it
    (review --session shows its changes). Approved (a rejected one approved after all):
    the swap back. Nothing to do while no revision replaced the original, or when a later
    correction (of the revision) replaced it since."""
    found = revision_of(conn, original)
    if found is None:
        return
    revision = found[0]
    if verdict == "rejected":
        status = _current(conn, revision)
        if status is None or _current(conn, original) is not None:
            return
        kept = find_row(conn, original, "status")
        move_session(conn, revision, status=None)
        restore_session(conn, original, status if kept is None or kept[0] == "revised"
                        else str(kept[0]))
        _carry_followups(conn, revision, original)
    elif _current(conn, original) is not None and _current(conn, revision) is None:
        status_row = find_row(conn, revision, "status")
        move_session(conn, original, status=None)
        restore_session(conn, revision, str(status_row[0]))
        _carry_followups(conn, original, revision)


def _carry_followups(conn: Dataset, source: str, target: str) -> None:
    """The follow-up decisions on `source`'s concerns that are newer than `target`'s go to
    `target`, now current (the register is keyed by session and concern number: a reply
    given while the correction was current would otherwise go back to its older state)."""
    conn.execute(
        "INSERT INTO followups (session_id, idx, status, owner, reply, updated_at, "
        "updated_by, published_at) SELECT ?, f.idx, f.status, f.owner, f.reply, "
        "f.updated_at, f.updated_by, f.published_at FROM followups f WHERE f.session_id=? "
        "AND f.idx IN (SELECT idx FROM concerns WHERE session_id=?) ON CONFLICT "
        "(session_id, idx) DO UPDATE SET status=excluded.status, owner=excluded.owner, "
        "reply=excluded.reply, updated_at=excluded.updated_at, "
        "updated_by=excluded.updated_by, published_at=excluded.published_at "
        "WHERE excluded.updated_at > followups.updated_at", (target, source, target))


def is_rejected(conn: Dataset, revision: str) -> bool:
    """True when `revision` is a correction kept aside (in the replaced_* tables), its
    original current again."""
    original = revised_from(conn, revision)
    return (original is not None and _current(conn, original) is not None
            and conn.execute("SELECT 1 FROM replaced_sessions WHERE session_id=?",
                             (revision,)).fetchone() is not None)


def revision_of(conn: Dataset, session_id: str) -> tuple[str, list[Any]] | None:
    """(revision id, changes) of the newest revision of a session, if any."""
    row = conn.execute("SELECT revision_id, changes FROM revisions WHERE revises=? "
                       "ORDER BY merged_at DESC LIMIT 1", (session_id,)).fetchone()
    return (str(row[0]), json.loads(row[1])) if row else None


def superseded(conn: Dataset, session_id: str) -> str | None:
    """The newest revision of the session `session_id` revises, when `session_id` is an
    earlier one: rejected, and the session was sent back again and corrected since (the
    verdict and `settle` are on the newest, `revision_of`)."""
    original = revised_from(conn, session_id)
    if original is None:
        return None
    newest = revision_of(conn, original)
    return None if newest is None or newest[0] == session_id else newest[0]


def revised_from(conn: Dataset, session_id: str) -> str | None:
    """The session a revision revises."""
    row = conn.execute("SELECT revises FROM revisions WHERE revision_id=?",
                       (session_id,)).fetchone()
    return str(row[0]) if row else None
