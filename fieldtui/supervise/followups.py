"""The follow-up register: every concern raised in the field, its owner, status and reply.

Concerns come from the session documents (table `concerns`, filled at merge); what the
supervisors decide is kept apart in `followups`, keyed by (session, concern number), so a
revision of the session keeps it. A concern settled on the spot starts `settled`, any other
`open` (one that claims a promise too, saved by an earlier version, is read as a promise:
`open`, core.concern). A promise is overdue when its due date has passed and its status is
neither settled nor cannot-settle. Entries are grouped by category, then by similar text
(supervise/text_groups.py). Replies to an interview's or a meeting's concerns can go back
to the device that raised them (`reply_bodies`), keyed by the session's respondent code
or the meeting's group code. A poll's concern carries no identifier: its reply reaches the
people only in the feedback summary (`summary_only`, supervise/feedback_publish.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldtui.core.clock import wall_iso
from fieldtui.core.concern import settled_on_the_spot
from fieldtui.core.errors import FieldtuiError, printable_line
from fieldtui.core.i18n import _, ngettext, pgettext
from fieldtui.supervise.command_paths import listing
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.text_groups import similar_groups

STATUSES: tuple[str, ...] = ("open", "in-progress", "settled", "cannot-settle")
CLOSED = frozenset({"settled", "cannot-settle"})
MAX_OWNER = 80
MAX_REPLY = 1000
MAX_REPLIES_PER_UPDATE = 500


def status_word(status: str) -> str:
    """A follow-up status as a supervisor reads it, on screen and in the CLI (the stored
    code stays as it is)."""
    words = {"open": pgettext("follow-up status", "open"),
             "in-progress": pgettext("follow-up status", "in progress"),
             "settled": pgettext("follow-up status", "settled"),
             "cannot-settle": pgettext("follow-up status", "cannot settle")}
    return words.get(status, status)


@dataclass(frozen=True)
class Entry:
    """One concern in the register."""

    id: str
    session_id: str
    idx: int
    plan_id: str
    method: str
    device_id: str
    respondent: str | None
    participant: str | None
    description: str
    category: str
    urgency: str
    settled: bool
    promise: bool
    due: str | None
    at: str
    status: str
    owner: str
    reply: str
    group: int = 0
    participant_label: str = ""  # the roster's label of `participant` (a meeting's)
    updated_at: str = ""  # when status, owner or reply last changed ("" never)
    published_at: str = ""  # when `followups --publish` last sent it ("" never)

    @property
    def sent(self) -> bool:
        """The reply went to the device as it is now (published since the last change)."""
        return bool(self.published_at) and self.published_at >= self.updated_at

    def overdue(self, today: date) -> bool:
        """A promise whose date has passed and that is not closed."""
        if not self.promise or not self.due or self.status in CLOSED:
            return False
        try:
            return date.fromisoformat(self.due) < today
        except ValueError:
            return False


def raised_by(entry: Entry) -> str:
    """Who raised a concern, in the register's words (screen and CLI): the participant
    (with the roster's label), the respondent, the group, or anonymous (a poll's)."""
    if entry.participant:
        return (_("{name} ({id})").format(name=entry.participant_label, id=entry.participant)
                if entry.participant_label else entry.participant)
    if entry.method == "interview" and entry.respondent:
        return _("respondent {code}").format(code=entry.respondent)
    return {"group": _("the group"), "poll": _("anonymous")}.get(entry.method,
                                                               _("the session"))


def promise_words(entry: Entry) -> str:
    """"promised by <date>" or "no promise", in the register's words."""
    return (_("promised by {due}").format(due=entry.due or "-") if entry.promise
            else _("no promise"))


def late_word() -> str:
    """The mark of an overdue promise, on the register screen and in the CLI."""
    return _("LATE")


def concern_id(session_id: str, idx: int) -> str:
    """The short id a supervisor types: the session id's first 8 digits and the number."""
    return f"{session_id[:8]}-{idx + 1}"


def _select(prefix: str = "") -> str:
    """The register's query over the current tables, or (`prefix` "replaced_") over those
    of sessions a correction replaced."""
    return (
        "SELECT c.session_id, c.idx, s.plan_id, s.method, s.device_id, s.respondent, "
        "c.participant, c.description, c.category, c.urgency, c.settled, c.promise, c.due, "
        f"c.at, f.status, f.owner, f.reply, (SELECT p.label FROM {prefix}participants p "
        "WHERE p.sk = c.sk AND p.participant_id = c.participant), f.updated_at, "
        f"f.published_at FROM {prefix}concerns c JOIN {prefix}sessions s ON s.sk = c.sk "
        "LEFT JOIN followups f ON f.session_id = c.session_id AND f.idx = c.idx")


_SELECT = _select()


def concern_counts(concerns: int, overdue: int) -> tuple[str, str]:
    """The register's summary in words: ("3 concerns", "1 overdue promise")."""
    return (ngettext("{n} concern", "{n} concerns", concerns).format(n=concerns),
            ngettext("{n} overdue promise", "{n} overdue promises", overdue).format(n=overdue))


_SELECT_REPLACED = _select("replaced_")


def register(conn: Dataset, plan_id: str | None = None,
             replaced: bool = False) -> list[Entry]:
    """Every concern, by category, similar texts together (group numbers per category);
    with `replaced`, those of sessions a correction replaced (or of a correction set aside)
    too, each where its session was: what a poll release counted (feedback.py)."""
    where = " WHERE s.plan_id = ?" if plan_id else ""
    args = (plan_id,) if plan_id else ()
    rows = [(sk, r) for sk, *r in conn.execute(
        _SELECT.replace("SELECT ", "SELECT c.sk, ", 1) + where, args)]
    if replaced:
        rows += [(sk, r) for sk, *r in conn.execute(
            _SELECT_REPLACED.replace("SELECT ", "SELECT c.sk, ", 1) + where, args)]
    rows.sort(key=lambda row: (row[0], row[1][1]))  # by session row, then concern number
    entries = [_entry(tuple(r)) for _sk, r in rows]
    out: list[Entry] = []
    for category in sorted({e.category for e in entries}):
        mine = [e for e in entries if e.category == category]
        groups = similar_groups([e.description for e in mine])
        ordered = sorted(zip(groups, range(len(mine)), mine, strict=True))
        out += [_with_group(e, g) for g, _i, e in ordered]
    return out


def _entry(r: tuple[Any, ...]) -> Entry:
    # a row merged from an earlier version may claim settled and promised: promised
    settled = settled_on_the_spot(r[10], r[11])
    status = r[14] or ("settled" if settled else "open")
    return Entry(concern_id(r[0], r[1]), r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                 r[8], r[9], settled, bool(r[11]), r[12], r[13] or "", status,
                 r[15] or "", r[16] or "", participant_label=r[17] or "",
                 updated_at=r[18] or "", published_at=r[19] or "")


def _with_group(e: Entry, group: int) -> Entry:
    fields = dict(e.__dict__)
    fields["group"] = group
    return Entry(**fields)


def find(conn: Dataset, ident: str, dataset: DatasetSpec | None = None) -> Entry:
    """The concern a typed id names (as listed, e.g. `3fa2b1c0-2`, by the command the error
    suggests for `dataset`, where `conn` was opened)."""
    prefix, _sep, number = ident.strip().rpartition("-")
    if not prefix or not number.isdigit() or int(number) < 1 or not prefix.isalnum():
        raise FieldtuiError(_("{ident} is not a concern id").format(ident=repr(ident[:40])),
                            _("use an id such as 3fa2b1c0-2, as listed by: {command}").format(
                                command=listing("followups", dataset)))
    rows = conn.execute(_SELECT + " WHERE c.session_id >= ? AND c.session_id < ? AND c.idx = ?",
                        (prefix.lower(), prefix.lower() + "g", int(number) - 1)).fetchall()
    found = [_entry(r) for r in rows]
    if len(found) != 1:
        what = (_("no concern has the id {ident}") if not found else
                _("more than one concern has the id {ident}"))
        raise FieldtuiError(what.format(ident=repr(ident[:40])),
                            _("check the id in the list (give more digits "
                              "if two share it)"))
    return found[0]


def set_followup(conn: Dataset, ident: str, *, status: str | None,
                 owner: str | None, reply: str | None, by: str,
                 dataset: DatasetSpec | None = None) -> Entry:
    """Change a concern's status, owner or reply (trimmed: a reply of blanks alone is no
    reply, it is never sent); returns it as now recorded. (`dataset`: where `conn` was
    opened, for the command an unknown id's error suggests.)"""
    entry = find(conn, ident, dataset)
    reply = None if reply is None else reply.strip()
    if status is not None and status not in STATUSES:
        raise FieldtuiError(_("unknown status {status}").format(status=repr(status[:20])), _("use one of {statuses}").format(statuses=', '.join(STATUSES)))
    if owner is not None and owner and not printable_line(owner, MAX_OWNER):
        raise FieldtuiError(_("the owner must be one line of at most "
                              "{max_chars} characters").format(max_chars=MAX_OWNER),
                            _("give a shorter name"))
    if reply is not None and (len(reply) > MAX_REPLY or not (
            reply == "" or printable_line(reply.replace("\n", " "), MAX_REPLY))):
        raise FieldtuiError(_("the reply must be plain text of at most "
                              "{max_chars} characters").format(max_chars=MAX_REPLY),
                            _("shorten it (no control characters)"))
    new = (status or entry.status, entry.owner if owner is None else owner,
           entry.reply if reply is None else reply)
    conn.execute(
        "INSERT INTO followups (session_id, idx, status, owner, reply, updated_at, updated_by) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT (session_id, idx) DO UPDATE SET status=excluded."
        "status, owner=excluded.owner, reply=excluded.reply, updated_at=excluded.updated_at, "
        "updated_by=excluded.updated_by",
        (entry.session_id, entry.idx, *new, wall_iso(), by))
    return find(conn, ident)


def reply_bodies(conn: Dataset) -> dict[str, dict[str, Any]]:
    """device id -> the body of a `reply` update: the replies not yet published (or changed
    since) to concerns of sessions with a respondent code (interviews), keyed by that code."""
    rows = conn.execute(
        "SELECT s.device_id, s.respondent, c.description, c.category, f.status, f.reply, "
        "f.updated_at, c.session_id, c.idx FROM followups f "
        "JOIN concerns c ON c.session_id = f.session_id AND c.idx = f.idx "
        "JOIN sessions s ON s.sk = c.sk WHERE s.respondent IS NOT NULL AND f.reply != '' "
        "AND (f.published_at IS NULL OR f.published_at < f.updated_at) ORDER BY c.sk, c.idx")
    bodies: dict[str, dict[str, Any]] = {}
    for device, code, text, category, status, reply, updated, sid, idx in rows:
        replies = bodies.setdefault(device, {"replies": []})["replies"]
        if len(replies) < MAX_REPLIES_PER_UPDATE:
            replies.append({"respondent": code, "concern": text, "category": category,
                            "status": status, "reply": reply, "updated": updated,
                            "id": concern_id(sid, idx)})
    return bodies


def summary_only(conn: Dataset) -> dict[str, int]:
    """plan id -> how many replies go back only in the plan's feedback summary: concerns of
    sessions with no respondent or group code (a poll's, logged without identifier; a
    meeting merged before meetings had a group code), which no device can be told about."""
    return {plan: n for plan, n in conn.execute(
        "SELECT s.plan_id, COUNT(*) FROM followups f JOIN concerns c ON c.session_id = "
        "f.session_id AND c.idx = f.idx JOIN sessions s ON s.sk = c.sk WHERE s.respondent "
        "IS NULL AND f.reply != '' GROUP BY s.plan_id ORDER BY s.plan_id")}


def mark_published(conn: Dataset, body: dict[str, Any]) -> None:
    """Record that the replies of `body` went out (as of now)."""
    now = wall_iso()
    for reply in body["replies"]:
        entry = find(conn, reply["id"])
        conn.execute("UPDATE followups SET published_at=? WHERE session_id=? AND idx=?",
                     (now, entry.session_id, entry.idx))
