"""`fieldtui review DATASET --return/--approve/--reject/--session/--publish`: returns for
correction from the command line (supervise/returns.py holds the rules)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from fieldtui.core.errors import FieldtuiError, UsageError, one_line
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec, rollback

MAX_SHOWN = 200


def parse_items(items: tuple[str, ...]) -> dict[str, str]:
    """ITEM_ID=COMMENT pairs as a dict (an item given twice: the last wins)."""
    out: dict[str, str] = {}
    for pair in items:
        item, sep, text = pair.partition("=")
        if not sep or not item.strip():
            raise UsageError(_("--item {pair} is not ITEM_ID=COMMENT").format(pair=repr(pair[:40])),
                             _("write it as --item travel='ask again how they travel'"))
        out[item.strip()] = text
    return out


def run_returns(dataset: DatasetSpec, by: str, *, returned: str | None, comment: str,
                items: tuple[str, ...], approve: str | None, reject: str | None,
                shown: str | None, study_dir: Path | None, cards: str | None,
                store: str | None, passphrase_fd: int | None) -> None:
    """Record a return or a verdict (one transaction), show one, then publish if asked."""
    from fieldtui.supervise import returns as rt
    from fieldtui.supervise.dataset import open_dataset

    parsed = parse_items(items)
    writes = returned is not None or approve is not None or reject is not None
    conn = open_dataset(dataset, read_only=not writes and study_dir is None)
    try:
        if shown is not None:
            for line in session_lines(conn, shown):
                click.echo(one_line(line))
            return
        if returned is not None or approve is not None or reject is not None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if returned is not None:
                    ret = rt.return_session(conn, returned, comment, parsed, by)
                    waited = False
                else:
                    verdict = "approved" if approve is not None else "rejected"
                    ident = str(approve or reject)
                    before, ret = rt.judge(conn, ident, verdict, by)
                    waited = before.status == "returned"
                aside = _set_aside(conn, ret.session_id) if returned is None else None
                conn.execute("COMMIT")
            except BaseException:
                rollback(conn)
                raise
            click.echo(one_line(_verdict_line(ret, waited, aside)))  # the dataset's device id
        if study_dir is not None:
            from fieldtui.commands.update_relay import cards_at

            with cards_at(cards) as folder:  # a PostgreSQL store's, exported
                _publish(conn, study_dir, folder, store, passphrase_fd)
    finally:
        conn.close()


def _set_aside(conn: Dataset, original: str) -> str | None:
    """The id of the original's correction when a rejection set it aside (revisions.settle)."""
    from fieldtui.supervise import revisions

    found = revisions.revision_of(conn, original)
    return found[0] if found and revisions.is_rejected(conn, found[0]) else None


def _verdict_line(ret: Any, waited: bool, aside: str | None = None) -> str:
    """What a return or a verdict did; a rejection of a session still waiting for its
    correction says that the device stops waiting (approving one is refused,
    returns.judge); one of a correction, that the session as merged is current again."""
    if ret.status == "rejected" and aside is not None:
        return _("Session {session}: rejected (device {device_id}); its correction {revision} "
                 "is set aside and the session as merged is current again (exports and "
                 "reports read its answers).").format(
            session=ret.session_id[:8], device_id=ret.device_id, revision=aside[:8])
    if waited:
        text = _("Session {session}: rejected before the correction it was sent back for "
                 "arrived; once published (--publish), device {device_id} no longer waits "
                 "for one.")
    else:
        text = _("Session {session}: {status} (device {device_id}).")
    return text.format(session=ret.session_id[:8], status=_published(ret.status),
                       device_id=ret.device_id)


# Where a return stands, said once: by and at are the return's until a verdict, whose own
# they then are (returns.set_verdict)
# A return's status as the line saying it was published names it ("session … returned")
_PUBLISHED = {"returned": N_("returned"), "approved": N_("approved"),
              "rejected": N_("rejected")}


def _published(status: str) -> str:
    """The status word of a published return or verdict, in the interface language."""
    return _(_PUBLISHED[status]) if status in _PUBLISHED else status


_HEADS = {"returned": N_("Session {session_id} (returned by {by} at {at})"),
          "corrected": N_("Session {session_id} (corrected; returned by {by} at {at})"),
          "approved": N_("Session {session_id} (approved by {by} at {at})"),
          "rejected": N_("Session {session_id} (rejected by {by} at {at})")}


def session_lines(conn: Dataset, ident: str) -> list[str]:
    """A session's return and its revision: comments, then each change old -> new (reason)."""
    from fieldtui.supervise import returns as rt
    from fieldtui.supervise import revisions

    sid = rt.find_session(conn, ident)[0]
    original = revisions.revised_from(conn, sid) or sid
    ret = rt.get_return(conn, original)
    head = _HEADS.get(ret.status, N_("Session {session_id} ({status}; {by} at {at})"))
    lines = [_(head).format(session_id=original, status=ret.status, by=ret.by,
                            at=_when(ret.at)),
             _("  comment: {comment}").format(comment=ret.comment or "-")]
    lines += [_("  {item}: {comment}").format(item=item, comment=text)
              for item, text in sorted(ret.items.items())]
    revision = revisions.revision_of(conn, original)
    if revision is None:
        lines.append(_("No revision merged yet."))
        return [one_line(line) for line in lines]
    rev_id, changes = revision
    lines.append(ngettext("Revision {id}: {n} change", "Revision {id}: {n} changes",
                          len(changes)).format(id=rev_id, n=len(changes)))
    if revisions.is_rejected(conn, rev_id):
        lines.append(_("  rejected: kept aside, out of exports, reports and releases; the "
                       "session {session} as merged is current").format(session=original[:8]))
    for change in changes[:MAX_SHOWN]:
        if isinstance(change, dict):
            lines.append(_("  {item}: {old} -> {new}  ({reason}; {at})").format(
                item=_changed(change), old=_value(change.get("old")),
                new=_value(change.get("new")), reason=str(change.get("reason"))[:300],
                at=_when(change.get("at"))))
    if ret.status == "returned" and revisions.is_rejected(conn, rev_id):  # sent back again
        lines.append(_("Sent back again since: no correction of it merged yet."))
    return [one_line(line) for line in lines]  # device text: escaped before any terminal


def _changed(change: dict[str, Any]) -> str:
    """The item a change names, and the roster member whose answer it is when the record
    has one ("age (member m2)"; records without `member` read as they always did)."""
    item = str(change.get("item_id"))[:60]
    member = change.get("member")
    if member is None or member == "":
        return item
    return _("{item} (member {member})").format(item=item, member=one_line(str(member))[:40])


def _when(at: Any) -> str:
    """A recorded time to the minute, as the review screen shows it ("2026-12-05 02:46"),
    its offset named when it is not UTC: the whole ISO stamp with milliseconds pushed each
    head and change line past 80 columns. Anything else, as recorded (cut)."""
    from datetime import datetime

    text = str(at)[:40]
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return one_line(text)
    short = when.strftime("%Y-%m-%d %H:%M")
    offset = when.utcoffset()
    if offset is None or not offset:
        return short
    return f"{short} {when.strftime('%z')[:3]}:{when.strftime('%z')[3:]}"


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)[:200]


def _publish(conn: Dataset, study_dir: Path, cards: Path | None,
             store: str | None, passphrase_fd: int | None) -> None:
    from fieldtui.commands.update_relay import relay
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import open_study
    from fieldtui.supervise import returns as rt
    from fieldtui.supervise import update_publish as up
    from fieldtui.supervise.replaced import find_row

    if cards is None:
        raise FieldtuiError(_("no device cards to encrypt the returns to"),
                            _("pass --devices or --collector-store with the collector's store"))
    todo = rt.unpublished(conn)
    if not todo:
        click.echo(_("No returns or verdicts to publish."))
        return
    study = open_study(study_dir)
    for ret in todo:
        row = find_row(conn, ret.session_id, "study_id")  # current, or replaced
        if row is None or row[0] != study.study_id:
            raise FieldtuiError(_("session {session} is not of study {study_id}")
                                .format(session=ret.session_id[:8], study_id=study.study_id), _("publish from the study it was merged for"))
        up.device_recipients(cards, study.study_id, ret.device_id)  # before the passphrase
    unlocked = study.unlock(read_passphrase(_("Supervisor passphrase: "), fd=passphrase_fd))
    path = None
    for ret in todo:
        owed = rt.rejection_owed(conn, ret)  # the device hears the verdict first
        if owed is not None:
            path = up.publish(unlocked, "return", rt.return_body(conn, owed),
                              to=owed.device_id, devices=cards)
            conn.execute("BEGIN IMMEDIATE")
            rt.mark_sent(conn, owed, int(path.stem))
            conn.execute("COMMIT")
            click.echo(_("Published update {seq}: session {session} {status}, for device "
                         "{device_id}.").format(seq=int(path.stem), session=owed.session_id[:8],
                                                status=_published(owed.status),
                                                device_id=owed.device_id))
        path = up.publish(unlocked, "return", rt.return_body(conn, ret), to=ret.device_id,
                          devices=cards)
        conn.execute("BEGIN IMMEDIATE")
        rt.mark_published(conn, ret, int(path.stem))
        conn.execute("COMMIT")
        click.echo(_("Published update {seq}: session {session} {status}, for device {device_id}.")
                   .format(seq=int(path.stem), session=ret.session_id[:8],
                           status=_published(ret.status), device_id=ret.device_id))
    if store is not None and path is not None:
        relay(path, store)  # a folder's updates/, or a PostgreSQL store's channel
