"""A correction at merge (dataset schemas 5 and 6): a session a device sealed naming the
one it `revises` is linked to it (`revisions`), and when the supervisor had returned that
one, takes its place: the original moves to the replaced_* tables (supervise/replaced.py),
the return becomes `corrected` (supervise/returns.py), and the stored document keeps the
original's paradata (supervise/held_paradata.py).

A session may have several revisions: its correction rejected, it is current again and
may be sent back again (supervise/returns.py), and the next correction takes its place the
same way. The one answering its latest return (`revision_of`: the return's update,
`revision.return_seq`; then the newest merged) is the one a verdict and `settle` are on;
the earlier ones stay aside (`superseded`), whichever order the device's corrections merge
in (`_placing`)."""

from __future__ import annotations

import json
from typing import Any

from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.held_paradata import as_held, original_document
from fieldtui.supervise.replaced import find_row, move_session, restore_session

MAX_CHANGES = 2000  # a revision's list of changes kept, at most


def return_seq(doc: dict[str, Any]) -> int:
    """The update of the return a revision document answers (`revision.return_seq`; 0:
    it names none, as a correction a device made before that field)."""
    revision = doc.get("revision")
    seq = revision.get("return_seq") if isinstance(revision, dict) else None
    return seq if type(seq) is int else 0


def _claimed_seq(conn: Dataset, doc: dict[str, Any], original: str) -> int:
    """The return an incoming revision of `original` answers: its `return_seq`, or 0
    (none) when that names a later update than any this dataset published for the
    session's return (`returns.published_seq`): a device cannot have received it (a
    forged or broken one), and a claim on a later return would take the place of the
    correction judged. Unknown (never published here) is not checked."""
    seq = return_seq(doc)
    row = conn.execute("SELECT published_seq FROM returns WHERE session_id=?",
                       (original,)).fetchone()
    return 0 if row is not None and row[0] is not None and seq > int(row[0]) else seq


def _stored_seq(conn: Dataset, session_id: str) -> int:
    """`return_seq` of a stored session (current or replaced)."""
    row = find_row(conn, session_id, "document")
    return 0 if row is None else return_seq(json.loads(row[0]))


def _revises(conn: Dataset, doc: dict[str, Any]) -> str | None:
    """The session an incoming `doc` claims to revise, when it may: a device revises only
    its own sessions, so one already in this dataset: another device's claim, or a claim
    on a session not (yet) here, is no revision (it would stop the supervisor returning
    that session and show a false old -> new). Where it goes: `_placing`."""
    revision = doc.get("revision")
    if not isinstance(revision, dict) or not isinstance(revision.get("revises"), str):
        return None
    original = str(revision["revises"])[:64]
    owner = find_row(conn, original, "device_id")
    if owner is None or owner[0] != doc.get("device_id"):
        return None
    return original


def _placing(conn: Dataset, doc: dict[str, Any]) -> tuple[str, str, str] | None:
    """Where the incoming revision `doc` goes (before it is linked): (the session it
    revises, what it does, the current session it takes the place of, or ""):

    - "aside": it answers an earlier return than a correction of the session merged
      already (the session was sent back again, and the device's correction of the
      earlier return came last): linked, and kept aside at once;
    - "replace": it takes the place of the original, a current session the supervisor
      returned (`_replaces`), or of the original's current correction when it answers a
      later return than that one (the wait for the earlier correction ended, the session
      was sent back again, and both came);
    - "link": linked only (a claim on a current session never returned).

    A claim on a correction out of the current data (rejected, or set aside at merge,
    after the supervisor had sent that correction itself back) is "aside" too.

    None: no revision of it. A claim on a session a correction replaced already, not
    answering a later return, is no longer the one to correct (a second return goes to
    its correction): linked, it would stand as the correction the supervisor judged (its
    detail, review --session, a verdict given on it). Checked whichever order the
    bundles merge in."""
    original = _revises(conn, doc)
    if original is None:
        return None
    seq = _claimed_seq(conn, doc, original)
    newest = revision_of(conn, original)
    if newest is not None and seq < _stored_seq(conn, newest[0]):
        return original, "aside", ""
    if _current(conn, original) is not None:
        return (original, "replace", original) if _replaces(conn, doc, original) else (
            original, "link", "")
    head = conn.execute("SELECT r.revision_id FROM revisions r JOIN sessions s ON "
                        "s.session_id = r.revision_id WHERE r.revises=? ORDER BY "
                        "r.merged_at LIMIT 1", (original,)).fetchone()
    if head is not None and seq > _stored_seq(conn, str(head[0])):
        return original, "replace", str(head[0])
    if head is None and revised_from(conn, original) is not None:
        # a correction out of the current data (rejected, or set aside at merge) that
        # was itself sent back: its correction is the same respondent again, never a
        # second current session of its own
        return original, "aside", ""
    return None


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
    """The document merge stores for an incoming session: a revision that takes its
    original's place, or its correction's, or is kept aside at once, keeps the original's
    paradata (supervise/held_paradata.py); any other session as sent."""
    placed = _placing(conn, doc)
    if placed is None:
        return doc
    seq = _claimed_seq(conn, doc, placed[0])
    if seq != return_seq(doc):  # kept as the return it can answer: none (revision_of)
        doc = {**doc, "revision": {**doc["revision"], "return_seq": seq,
                                   "claimed_return_seq": return_seq(doc)}}
    if placed[1] == "link":
        return doc
    found = (original_document(conn, placed[0], "sessions")
             or original_document(conn, placed[0], "replaced_sessions"))
    return doc if found is None else as_held(doc, found)


def record_revision(conn: Dataset, doc: dict[str, Any], bundle: str,
                    now: str) -> None:
    """At merge, after the revision `doc` was inserted as a session (its document as
    `merged_document` made it): link it to the session it revises and put it where
    `_placing` says: in the place of the original (which moves to the replaced_*
    tables) or of the original's correction, the return `corrected`; or aside."""
    placed = _placing(conn, doc)
    if placed is None:
        return
    original, action, target = placed
    found = doc.get("changes")
    changes: list[Any] = found if isinstance(found, list) else []
    conn.execute("INSERT INTO revisions VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                 (doc["session_id"], original, bundle,
                  json.dumps(changes[:MAX_CHANGES], ensure_ascii=False), now))
    if action == "aside":  # the respondent's record key, as every correction of it has
        key = find_row(conn, original, "record_key")
        if key is not None:
            conn.execute("UPDATE sessions SET record_key=? WHERE session_id=?",
                         (key[0], doc["session_id"]))
        move_session(conn, str(doc["session_id"]), status=None)
    elif action == "replace":
        replace_original(conn, target, str(doc["session_id"]))
        # judged before the correction came: the verdict was on the original (or on an
        # earlier correction), so the correction waits for one of its own
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
    """(revision id, changes) of the newest revision of a session, if any: the one
    answering its latest return (`return_seq`), the newest merged of those."""
    rows = conn.execute("SELECT revision_id, changes, merged_at FROM revisions WHERE "
                        "revises=? ORDER BY merged_at DESC", (session_id,)).fetchall()
    if len(rows) > 1:  # a session sent back again: few
        rows = sorted(rows, key=lambda r: (_stored_seq(conn, str(r[0])), str(r[2])),
                      reverse=True)
    return (str(rows[0][0]), json.loads(rows[0][1])) if rows else None


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
