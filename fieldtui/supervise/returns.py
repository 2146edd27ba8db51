"""Returns for correction, on the supervisor's side (dataset schemas 5 and 6).

A supervisor returns a merged session with a comment on it and on chosen items
(`return_session`); the device that recorded it gets a `return` update (`return_body`)
addressed to it alone, carrying the comments and the session document itself: after the
collector's receipt the device no longer holds the session's plaintext, so the return
brings it back, encrypted to that device. The device seals its correction as a new
session naming the one it `revises`; merge keeps both (supervise/revisions.py: the
revision is the current session, the original moves to the replaced_* tables,
supervise/replaced.py, with its own status; the revision's stored document keeps
the original's paradata, supervise/held_paradata.py) and the return becomes `corrected`. The supervisor then approves or rejects (`set_verdict`;
a rejected correction leaves the current data and its original is current again,
`revisions.settle`), and that status
goes to the device as another `return` update (kind reused: a device of any version
accepts it, see update_format.KINDS).

A session whose correction was rejected is current again, and may be sent back again
with a new comment: the same `returns` row, `returned` again, goes out as a newer
`return` update; the device makes a new correction of the session as merged (its first
correction answered the earlier return, sync/returned.py), which takes the session's
place at merge and waits for its own verdict, as the first did. The rejected correction
stays aside; once a later one came, a verdict on it is refused (`later_correction`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fieldtui.core.answer_keys import MEMBER_MARK
from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.replaced import find_row

MAX_COMMENT = 1000
MAX_ITEMS = 200
MAX_DOCUMENT = 3 * 1024 * 1024  # an update is at most 4 MiB (update_format), age adds little
VERDICTS = ("approved", "rejected")


@dataclass(frozen=True)
class Return:
    """A session's return as the dataset records it."""

    session_id: str
    device_id: str
    status: str
    comment: str
    items: dict[str, str]
    at: str
    by: str
    published_status: str | None


def check_comment(text: str, what: str) -> str:
    """A comment: plain text of bounded length (newlines allowed)."""
    if len(text) > MAX_COMMENT or not (
            text == "" or printable_line(text.replace("\n", " "), MAX_COMMENT)):
        raise FieldtuiError(_("{what} must be plain text of at most "
                              "{max_chars} characters").format(what=what, max_chars=MAX_COMMENT),
                            _("shorten it (no control characters)"))
    return text


def find_session(conn: Dataset, ident: str) -> tuple[str, str, str]:
    """(session id, device id, plan id) of the session a typed id (or its prefix) names."""
    key = ident.strip().lower()
    if not (4 <= len(key) <= 32) or not all(c in "0123456789abcdef" for c in key):
        raise FieldtuiError(_("{ident} is not a session id").format(ident=repr(ident[:40])),
                            _("give a session id (at least its first 4 hex digits)"))
    rows = [row for table in ("sessions", "replaced_sessions") for row in conn.execute(
        f"SELECT session_id, device_id, plan_id FROM {table} WHERE session_id >= ? "
        "AND session_id < ?", (key, key + "g"))]
    if len(rows) != 1:
        what = (_("no session in the dataset has the id {ident}") if not rows else
                _("more than one session in the dataset has the id {ident}"))
        raise FieldtuiError(what.format(ident=repr(ident[:40])),
                            _("check the id (give more digits if two share it)"))
    return str(rows[0][0]), str(rows[0][1]), str(rows[0][2])


def plan_items(conn: Dataset, session_id: str) -> tuple[set[str], set[str]]:
    """The item ids of the plan the session was asked from (its stored answers' ids too),
    and those of its display items (text shown: nothing to correct)."""
    doc = json.loads(find_row(conn, session_id, "document")[0])
    ids = set(doc.get("answers") or {})
    from fieldtui.supervise.study_link import dataset_plans

    plan = dataset_plans(conn).get((doc["plan"]["id"], int(doc["plan"]["version"])))
    if plan is None:
        return ids, set()
    return ids | {item.id for item in plan.items}, {i.id for i in plan.items if i.shown_only}


def poll_not_returned(session_id: str) -> FieldtuiError:
    """Why a poll response is never sent back (the review screen says it before asking
    for a comment)."""
    # The poll screen told the respondent their answers are never shown on the device
    # again, and nobody can find an anonymous respondent to ask: a correction would be
    # a guess.
    return FieldtuiError(_("session {sid} is an anonymous poll response: it cannot go "
                           "back to the device, which never shows a poll's answers "
                           "again").format(sid=session_id[:8]),
                         _("weigh it with its flags here; its answers stay as given"))


def return_session(conn: Dataset, ident: str, comment: str,
                   items: dict[str, str], by: str) -> Return:
    """Record a session's return (the caller holds the transaction)."""
    sid, device, _plan = find_session(conn, ident)
    method = find_row(conn, sid, "method")
    if method is not None and method[0] == "poll":
        raise poll_not_returned(sid)
    check_comment(comment, _("the comment"))
    if len(items) > MAX_ITEMS:
        raise FieldtuiError(_("more than {max_items} item comments").format(max_items=MAX_ITEMS), _("comment on fewer items"))
    known, shown_only = plan_items(conn, sid)
    for item, text in items.items():
        if MEMBER_MARK in item:  # the device takes item ids only (bundle/return_body.py)
            raise FieldtuiError(_("comments are by item: {item} names a roster member").format(
                item=repr(item[:40])), _("give --item {item_id}=COMMENT (the interviewer sees it "
                                         "on every member's row) and name the member in the "
                                         "comment").format(item_id=item.partition(MEMBER_MARK)[0][:40]))
        if item not in known:
            raise FieldtuiError(_("the session's plan has no item {item}").format(item=repr(item[:40])),
                                _("give --item ITEM_ID=COMMENT with an item "
                                  "of its plan"))
        if item in shown_only:  # the correction screen does not list it: never read
            raise FieldtuiError(_("item {item} is text shown (a display item): it has no "
                                  "answer to correct").format(item=repr(item[:40])),
                                _("comment on an item with an answer"))
        check_comment(text, _("the comment on {item}").format(item=item))
    if not comment and not items:
        raise FieldtuiError(_("a return needs a comment"), _("add --comment TEXT"))
    from fieldtui.supervise.revisions import is_rejected, revised_from, revision_of, superseded

    later = superseded(conn, sid)
    if later is not None:  # an earlier correction, set aside for good
        raise later_correction(sid, later)
    if is_rejected(conn, sid):  # kept aside: no current session to send back
        raise FieldtuiError(_("session {sid} is a correction that was rejected: it is not "
                              "in the current data").format(sid=sid[:8]),
                            _("send its session back again (review --return {original}), "
                              "or approve the correction after all (review --approve {sid})")
                            .format(original=str(revised_from(conn, sid))[:8], sid=sid[:8]))
    revised = revision_of(conn, sid)
    # its correction rejected, the session is current again: sent back a second time, the
    # device corrects it again (the return's newer update), and that correction takes
    # its place at merge and waits for a verdict of its own (supervise/revisions.py)
    if revised and not is_rejected(conn, revised[0]):
        raise FieldtuiError(_("session {sid} has been revised already").format(sid=sid[:8]),
                            _("return its revision instead (review "
                              "--session lists it)"))
    conn.execute(
        "INSERT INTO returns (session_id, device_id, status, comment, items, at, by) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT (session_id) DO UPDATE SET status=excluded.status, "
        "comment=excluded.comment, items=excluded.items, at=excluded.at, by=excluded.by, "
        "published_status=NULL",
        (sid, device, "returned", comment, json.dumps(items, sort_keys=True), wall_iso(), by))
    return get_return(conn, sid)


def later_correction(sid: str, later: str) -> FieldtuiError:
    """Why an earlier correction is neither sent back nor judged: the session was sent
    back again and `later` is the correction that came for it."""
    return FieldtuiError(_("session {sid} is an earlier correction, set aside: the "
                           "session was sent back again and {later} is its correction "
                           "now").format(
                               sid=sid[:8], later=later[:8]),
                         _("judge the newer one (review --approve {later} or review "
                           "--reject {later})").format(later=later[:8]))


def get_return(conn: Dataset, session_id: str) -> Return:
    """The return recorded for a session (full id)."""
    row = conn.execute("SELECT session_id, device_id, status, comment, items, at, by, "
                       "published_status FROM returns WHERE session_id=?",
                       (session_id,)).fetchone()
    if row is None:
        raise FieldtuiError(_("session {session_id} was never returned").format(session_id=session_id[:8]),
                            _("return it first with review --return"))
    return Return(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5], row[6], row[7])


def returned_original(conn: Dataset, ident: str) -> str:
    """The id of the session a verdict on `ident` (the original's or its revision's id)
    is recorded under: the original's."""
    sid, _device, _plan = find_session(conn, ident)
    row = conn.execute("SELECT revises FROM revisions WHERE revision_id=?", (sid,)).fetchone()
    if row is None:
        return sid
    from fieldtui.supervise.revisions import superseded

    later = superseded(conn, sid)  # a verdict is on the newest correction
    if later is not None:
        raise later_correction(sid, later)
    return str(row[0])


def set_verdict(conn: Dataset, ident: str, verdict: str, by: str) -> Return:
    """Approve or reject a returned session (the original's or its revision's id)."""
    return judge(conn, ident, verdict, by)[1]


def judge(conn: Dataset, ident: str, verdict: str, by: str) -> tuple[Return, Return]:
    """`set_verdict`, and the return as it stood before: (before, after), the session
    found and its return read once.

    A session still waiting for its correction (sent back, no revision merged) may be
    rejected: the verdict ends the wait (once published, the device no longer lists it
    as to correct, sync/returned.py); the caller says so from `before`. It is never
    approved: there is nothing to approve yet, and one wrong id closed a return."""
    if verdict not in VERDICTS:
        raise FieldtuiError(_("unknown verdict {verdict}").format(verdict=repr(verdict[:20])), _("approve or reject"))
    original = returned_original(conn, ident)
    before = get_return(conn, original)
    if verdict == "approved" and before.status == "returned":
        raise FieldtuiError(_("session {session} is still waiting for the correction it was "
                              "sent back for: there is nothing to approve yet").format(
                                  session=original[:8]),
                            _("merge its device's bundles and approve the correction "
                              "then; to stop waiting for it, review --reject {session}")
                            .format(session=original[:8]))
    conn.execute("UPDATE returns SET status=?, at=?, by=?, published_status=NULL "
                 "WHERE session_id=?", (verdict, wall_iso(), by, original))
    from fieldtui.supervise.revisions import revision_of, settle

    settle(conn, original, verdict)  # a rejected correction leaves the current data
    found = revision_of(conn, original) if verdict == "rejected" else None
    if found is not None:  # sent back itself: no correction of it is waited for now
        conn.execute("UPDATE returns SET status='rejected', at=?, by=?, "
                     "published_status=NULL WHERE session_id=? AND status='returned'",
                     (wall_iso(), by, found[0]))
    return before, get_return(conn, original)


def return_body(conn: Dataset, ret: Return) -> dict[str, Any]:
    """The body of the `return` update for `ret`'s status (the document only when returned)."""
    body: dict[str, Any] = {"session_id": ret.session_id, "device_id": ret.device_id,
                            "status": ret.status, "comment": ret.comment, "items": ret.items}
    if ret.status == "returned":
        row = conn.execute("SELECT document, status FROM sessions WHERE session_id=?",
                           (ret.session_id,)).fetchone()
        document = json.loads(row[0])
        document["status"] = row[1]
        if len(row[0]) > MAX_DOCUMENT:
            raise FieldtuiError(_("session {session_id} is too large to "
                                  "return ({size_kib} KiB; at most "
                                  "{max_kib} KiB)").format(session_id=ret.session_id[:8], size_kib=len(row[0]) // 1024, max_kib=MAX_DOCUMENT // 1024),
                                _("ask the interviewer by other means; "
                                  "nothing was published"))
        body["document"] = document
    return body


def unpublished(conn: Dataset) -> list[Return]:
    """Returns whose current status has not been published to the device yet."""
    rows = conn.execute("SELECT session_id FROM returns WHERE published_status IS NULL "
                        "OR published_status != status ORDER BY at, session_id").fetchall()
    return [r for r in (get_return(conn, str(row[0])) for row in rows)
            if r.status != "corrected"]


def rejection_owed(conn: Dataset, ret: Return) -> Return | None:
    """The rejection to publish before `ret`, a session sent back again, when the device
    never got it: the supervisor rejected the correction and sent the session back before
    publishing, so only the newest status would go out and the device would see two
    returns in a row (a correction whose sidecar names no return, made before second
    returns, answers the returns before the first verdict: sessions.answers_return).
    Owed while nothing was published since the return that correction answered."""
    if ret.status != "returned":
        return None
    from fieldtui.supervise.revisions import is_rejected, return_seq, revision_of

    found = revision_of(conn, ret.session_id)
    if found is None or not is_rejected(conn, found[0]):
        return None
    row = conn.execute("SELECT published_seq FROM returns WHERE session_id=?",
                       (ret.session_id,)).fetchone()
    document = find_row(conn, found[0], "document")
    if row is None or row[0] is None or document is None:
        return None
    if int(row[0]) > return_seq(json.loads(document[0])):
        return None  # the rejection (or something after that return) went out already
    return Return(ret.session_id, ret.device_id, "rejected", ret.comment, ret.items, ret.at,
                  ret.by, ret.published_status)


def mark_sent(conn: Dataset, ret: Return, seq: int) -> None:
    """Record that an update about `ret` went out in `seq` (its status still to publish)."""
    conn.execute("UPDATE returns SET published_seq=? WHERE session_id=?",
                 (seq, ret.session_id))


def mark_published(conn: Dataset, ret: Return, seq: int) -> None:
    """Record that `ret`'s status went out in update `seq`."""
    conn.execute("UPDATE returns SET published_status=?, published_seq=? WHERE session_id=?",
                 (ret.status, seq, ret.session_id))
