"""What the review screen shows, read from the dataset without any UI: sessions by
interviewer with their flags, one session's detail, and what differs in a conflict.

Every string here that came from a device is escaped (`core.errors.one_line`): a terminal
or a screen shows `\x1b` as four characters, never acts on it. Markup is the screen's
concern: it shows these strings with markup off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.supervise.command_paths import DATASET
from fieldtui.supervise.conflicts import Conflict, incoming_document, list_conflicts
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.flags import Flag, flag_word
from fieldtui.supervise.held_paradata import stored_revision
from fieldtui.supervise.quality import dataset_flags
from fieldtui.supervise.returns import get_return
from fieldtui.supervise.revisions import revised_from
from fieldtui.supervise.session_rows import stored_document

# A session's method and status as people read them (the codes stay as they are)
SESSION_WORDS = {"interview": N_("interview"), "poll": N_("poll"), "group": N_("group"),
                 "complete": N_("complete"), "draft": N_("draft")}


def session_word(code: str) -> str:
    """A session's method or status code in the interface language (in English, itself)."""
    word = SESSION_WORDS.get(code)
    return _(word) if word else code


@dataclass(frozen=True)
class SessionLine:
    """One session as the review list shows it."""

    session_id: str
    interviewer: str
    device_id: str
    plan_id: str
    method: str
    status: str
    created: str
    minutes: float | None
    answers: int
    flags: list[Flag] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewData:
    """Everything the review screen lists."""

    sessions: list[SessionLine]
    conflicts: list[Conflict]

    @property
    def flagged(self) -> int:
        """How many sessions carry at least one flag."""
        return sum(1 for s in self.sessions if s.flags)


def load_review(conn: Dataset) -> ReviewData:
    """Sessions ordered by interviewer then time, with flags; open conflicts."""
    flags = dataset_flags(conn)
    rows = conn.execute(
        "SELECT s.session_id, s.interviewer, s.device_id, s.plan_id, s.method, s.status, "
        "s.created, s.duration_s, (SELECT COUNT(*) FROM answers a WHERE a.sk = s.sk AND a.asked = 1) "
        "FROM sessions s ORDER BY s.interviewer, s.device_id, s.created, s.session_id"
    ).fetchall()
    sessions = []
    for r in rows:
        name, device, plan_id, method, status, created = (one_line(str(v)) for v in r[1:7])
        sessions.append(SessionLine(r[0], name, device, plan_id, method, status, created,
                                    None if r[7] is None else r[7] / 60.0, r[8],
                                    flags.get(r[0], [])))
    return ReviewData(sessions, list_conflicts(conn, open_only=True))


def session_detail(conn: Dataset, line: SessionLine, dataset: str = DATASET,
                   read_only: bool = False) -> list[str]:
    """Lines describing one session: identity, timing, answers and each flag in full;
    `dataset`: the dataset as a suggested command names it (`command_paths.dataset_arg`)."""
    row = conn.execute("SELECT document, status FROM sessions WHERE session_id=?",
                       (line.session_id,)).fetchone()
    doc: dict[str, Any] = stored_document(*row) if row else {}
    events = len(doc.get("events") or [])
    minutes = "?" if line.minutes is None else _("{m:.1f} min").format(m=line.minutes)
    out = [_("Session {id}  ({method}, {status})").format(
               id=one_line(line.session_id), method=session_word(line.method),
               status=session_word(line.status)),
           _("Interviewer {name} (device {device}) · plan {plan} · {created} · {minutes} · "
             "{answers} · {events}").format(
               name=line.interviewer, device=line.device_id, plan=line.plan_id,
               created=line.created[:16], minutes=minutes,
               answers=ngettext("{n} answer", "{n} answers", line.answers).format(
                   n=line.answers),
               events=ngettext("{n} event", "{n} events", events).format(n=events))]
    out += return_lines(conn, line.session_id, dataset, read_only)
    out += [_("⚑ {flag}: {message}").format(flag=flag_word(f.code), message=f.message)
            for f in line.flags] or [_("No flags.")]
    return [one_line(text) for text in out]


# Where a return for correction stands (supervise/returns.py), as people read it
RETURN_WORDS = {"returned": N_("waiting for the correction"),
                "corrected": N_("corrected: approve or reject it"),
                "approved": N_("approved"), "rejected": N_("rejected")}


def return_lines(conn: Dataset, session_id: str, dataset: str = DATASET,
                 read_only: bool = False) -> list[str]:
    """A session sent back for correction (or the correction of one): by whom, when,
    where it stands, and the comments; nothing for a session never returned. A corrected
    one also names the commands that approve or reject it (the review screen has no key
    for either: "approve or reject it" alone left the supervisor with no way to act);
    `read_only` (the dataset cannot be written here, where those commands would fail):
    it says a verdict needs write access instead."""
    original = revised_from(conn, session_id)
    if not conn.execute("SELECT 1 FROM returns WHERE session_id=?",
                        (original or session_id,)).fetchone():
        return []
    ret = get_return(conn, original or session_id)
    word = RETURN_WORDS.get(ret.status)
    where = _(word) if word else ret.status
    if ret.status in ("approved", "rejected"):  # by and at are the verdict's now
        head = (_("↩ Sent back for correction; {status} by {by} on {at}") if original is None
                else _("↩ The correction of session {session}: {status} by {by} on {at}"))
    else:
        head = (_("↩ Sent back for correction by {by} on {at}: {status}") if original is None
                else _("↩ The correction of session {session}, sent back by {by} on {at}: "
                       "{status}"))
    head = head.format(by=ret.by, at=ret.at[:16].replace("T", " "), status=where,
                       session=(original or "")[:8])
    comments = [ret.comment] if ret.comment else []
    comments += [_("{item}: {comment}").format(item=item, comment=text)
                 for item, text in sorted(ret.items.items())]
    lines = [head] + ([_("  comment: {comment}").format(comment=" · ".join(comments))]
                      if comments else [])
    if ret.status in ("rejected", "returned") and original is None:
        from fieldtui.supervise.revisions import is_rejected, revision_of

        found = revision_of(conn, session_id)
        if found is not None and is_rejected(conn, found[0]):
            lines.append(_("  its correction {revision} is set aside: exports and reports "
                           "read the answers as merged").format(revision=found[0][:8])
                         if ret.status == "rejected" else
                         _("  sent back again: its correction {revision} was rejected and "
                           "is set aside").format(revision=found[0][:8]))
    if ret.status == "corrected":
        lines += change_lines(conn, original or session_id)
    if ret.status == "corrected" and read_only:
        lines.append(_("  a verdict needs write access: this dataset is read-only here"))
    elif ret.status == "corrected":
        lines.append(_("  approve: fieldtui review {dataset} --approve {session} "
                       "(or --reject)").format(
            dataset=dataset, session=(original or session_id)[:8]))
    return lines


MAX_CHANGES = 10  # in the detail; `review --session` lists them all


def change_lines(conn: Dataset, session_id: str) -> list[str]:
    """What the correction awaiting a verdict changed, each change old -> new (reason),
    for the supervisor who approves or rejects it: the detail said only "corrected:
    approve or reject it", the changes shown nowhere on the screen."""
    from fieldtui.supervise.revisions import revision_of

    found = revision_of(conn, session_id)
    changes = [c for c in (found[1] if found else []) if isinstance(c, dict)]
    if found is not None and not changes:  # an empty line said nothing at all
        return [_("  the correction changed no answer")]
    lines = []
    for change in changes[:MAX_CHANGES]:
        item = str(change.get("item_id"))[:60]
        if change.get("member") not in (None, ""):
            item = _("{item} (member {member})").format(
                item=item, member=one_line(str(change.get("member")))[:40])
        lines.append(_("  changed {item}: {old} -> {new} ({reason})").format(
            item=item, old=_short(change.get("old")), new=_short(change.get("new")),
            reason=str(change.get("reason"))[:200]))
    if len(changes) > MAX_CHANGES:
        lines.append(_("  … and {n} more (review --session lists them all)").format(
            n=len(changes) - MAX_CHANGES))
    return lines


def conflict_diff(conn: Dataset, conflict: Conflict) -> list[str]:
    """What differs between the kept revision and the incoming one, field by field; an
    answer compared whole, shown cut at ANSWER_CHARS with its length and where they part."""
    row = conn.execute("SELECT document, status FROM sessions WHERE session_id=?",
                       (conflict.session_id,)).fetchone()
    kept: dict[str, Any] = stored_document(*row) if row else {}
    # as it would be stored (a revision's copy with its original's paradata, as the kept
    # one is): only what keeping it would change shows
    incoming = stored_revision(conn, incoming_document(conn, conflict.id))
    lines = [_("Session {id} · incoming bundle {bundle}…").format(
        id=conflict.session_id, bundle=conflict.incoming_bundle[:12])]
    differs = _("  {name}: kept {kept} · incoming {incoming}")
    kept_answers, new_answers = kept.get("answers") or {}, incoming.get("answers") or {}
    for item_id in sorted(set(kept_answers) | set(new_answers)):
        old = (kept_answers.get(item_id) or {}).get("value")
        new = (new_answers.get(item_id) or {}).get("value")
        if old != new:  # compared whole; shown cut
            lines.append(differs.format(name=item_id, kept=shown_answer(old),
                                        incoming=shown_answer(new)))
            if max(len(repr(old)), len(repr(new))) > ANSWER_CHARS:  # cut: where they part
                both = (old, new) if isinstance(old, str) and isinstance(new, str) \
                    else (repr(old), repr(new))
                lines.append(_("    (they first differ at character {n})").format(
                    n=first_difference(*both) + 1))
    for name in sorted(set(kept) | set(incoming)):
        if name not in ("answers", "events", "status") and kept.get(name) != incoming.get(name):
            lines.append(differs.format(name=name, kept=_short(kept.get(name)),
                                        incoming=_short(incoming.get(name))))
    events = (len(kept.get("events") or []), len(incoming.get("events") or []))
    if events[0] != events[1]:
        lines.append(differs.format(name=_("events"), kept=events[0], incoming=events[1]))
    return [one_line(text) for text in lines]


ANSWER_CHARS = 200  # of an answer's repr in the conflict view; a device's text can be megabytes


def shown_answer(value: Any) -> str:
    """An answer's repr, cut at ANSWER_CHARS with "…" and its whole length in characters."""
    text = repr(value)
    if len(text) <= ANSWER_CHARS:
        return text
    whole = len(value) if isinstance(value, str) else len(text)
    return text[: ANSWER_CHARS - 1] + "… " + ngettext(
        "({n} character)", "({n} characters)", whole).format(n=whole)


def first_difference(a: str, b: str) -> int:
    """Where `a` and `b` first differ (the shorter one's length when one begins the other)."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))


def _short(value: Any, limit: int = 60) -> str:
    """A value as one line a supervisor can compare, cut at `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
