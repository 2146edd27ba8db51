"""`fieldtui followups`: the follow-up register of concerns raised in the field."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.commands.dataset_arg import DATASET
from fieldtui.commands.update_relay import STORE_METAVAR
from fieldtui.core.errors import FieldtuiError, UsageError, one_line
from fieldtui.core.i18n import _, ngettext
from fieldtui.supervise.command_paths import CommandPaths, command_paths
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec, rollback

if TYPE_CHECKING:
    from fieldtui.supervise.followups import Entry

STATUS_CHOICES = ("open", "in-progress", "settled", "cannot-settle")


class StatusChoice(click.Choice):  # type: ignore[type-arg]
    """A status as stored (`in-progress`) or as the list prints it (`in progress`, or the
    Chinese word when the interface is in Chinese)."""

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> object:
        from fieldtui.supervise.followups import status_word

        text = str(value).strip()
        for code in STATUS_CHOICES:
            if text.lower() in (code, code.replace("-", " ")) or text == status_word(code):
                return code
        return super().convert(value, param, ctx)


@click.command("followups", cls=HelpCommand)
@click.argument("dataset", type=DATASET)
@click.option("--plan", "plan_id", default=None, help="Only this plan's concerns.")
@click.option("--set", "ident", metavar="ID", default=None,
              help="Change this concern (its id as listed).")
@click.option("--status", type=StatusChoice(STATUS_CHOICES), default=None)
@click.option("--owner", default=None, help="Who follows it up.")
@click.option("--reply", default=None, help="What was done, in words the person understands.")
@click.option("--by", "by_name", default=None, help="Who is changing it (default: $USER).")
@click.option("--publish", "study_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Publish the new replies to the devices from this study.")
@click.option("--devices", metavar=STORE_METAVAR, default=None,
              help="With --publish: the collector store (or its devices/) to encrypt to.")
@click.option("--collector-store", "store", metavar=STORE_METAVAR,
              default=None, help="With --publish: also copy the updates into this store.")
@click.option("--passphrase-fd", type=int, default=None,
              help="Read the supervisor passphrase from this file descriptor.")
@click.option("--screen", "screen", is_flag=True,
              help="Open the register on screen (s status, o owner, r reply).")
@click.pass_context
def followups(ctx: click.Context, dataset: DatasetSpec, plan_id: str | None, ident: str | None, status: str | None,
              owner: str | None, reply: str | None, by_name: str | None,
              study_dir: Path | None, devices: str | None, store: str | None,
              passphrase_fd: int | None, screen: bool) -> None:
    """List the concerns raised (by category, similar ones together; overdue promises
    marked), change one with --set, or publish replies back to the devices."""
    from fieldtui.supervise import followups as fu
    from fieldtui.supervise.dataset import open_dataset, read_only_here
    from fieldtui.supervise.export_log import who
    from fieldtui.supervise.study_link import known_plan

    if screen and (ident is not None or study_dir is not None):
        raise UsageError(_("--screen opens the register; --set and --publish are run without it"),
                         _("run the change or the publish first, then open the screen"))
    if ident is None and (status or owner is not None or reply is not None):
        raise UsageError(_("--status, --owner and --reply change one concern"),
                         _("add --set ID (the id as listed)"))
    # Listing and the screen only read: a dataset in a folder this user cannot write is
    # opened read-only (the screen then refuses every change); --set and --publish write,
    # and opening says in one line that it cannot.
    read_only = ident is None and study_dir is None and read_only_here(dataset)
    conn = open_dataset(dataset, read_only=read_only)  # a clear error before anything else
    if plan_id is not None:
        try:
            known_plan(conn, plan_id)
        except BaseException:
            conn.close()
            raise
    if screen:
        conn.close()
        from fieldtui.commands.app import run_app
        from fieldtui.tui.followup_app import FollowupApp

        obj = ctx.find_root().obj or {}
        run_app(FollowupApp(dataset, who(by_name), ansi=bool(obj.get("ansi")), plan_id=plan_id,
                            read_only=read_only),
                mouse=not obj.get("no_mouse"), command=ctx.command_path)
        return
    try:
        if ident is not None:
            if status is None and owner is None and reply is None:
                raise UsageError(_("--set needs something to change"),
                                 _("add --status, --owner or --reply"))
            if reply is not None and not reply.strip():
                raise UsageError(_("the reply is empty"),
                                 _("write what was done, in words the person understands "
                                   "(a new reply replaces one sent before)"))
            conn.execute("BEGIN IMMEDIATE")
            try:
                entry = fu.set_followup(conn, ident, status=status, owner=owner, reply=reply,
                                        by=who(by_name), dataset=dataset)
                conn.execute("COMMIT")
            except BaseException:
                rollback(conn)
                raise
            click.echo(one_line(_("{id}: {status}, owner {owner}").format(
                id=entry.id, status=fu.status_word(entry.status), owner=entry.owner or '-')))
            paths = command_paths(conn, dataset)
            if reply is not None:
                for line in reply_lines(entry, paths):
                    click.echo(line)
            elif entry.reply and not entry.respondent:
                click.echo(_summary_note(entry.plan_id, paths, entry.method == "poll"))
            return
        if study_dir is not None:
            paths = command_paths(conn, dataset, study_dir)  # the study publishing now
            from fieldtui.commands.update_relay import cards_at

            with cards_at(devices or store) as cards:
                _publish(conn, study_dir, cards, store, passphrase_fd, paths)
            return
        today = datetime.now(UTC).date()
        for line in register_lines(fu.register(conn, plan_id), today):
            click.echo(one_line(line))
    finally:
        conn.close()


def reply_lines(entry: Entry, paths: CommandPaths | None = None) -> list[str]:
    """What `--set --reply` says: the reply as recorded, and how it reaches the people
    (the device that raised the concern, at the next --publish; or only the feedback
    summary), the command naming the dataset and the study folder in `paths` (their
    placeholders when not known). Text from devices (device id, code) and the reply are
    escaped."""
    paths = paths or CommandPaths()
    said = one_line(_("reply recorded: “{reply}”").format(reply=entry.reply))
    if not entry.respondent:
        return [said, _summary_note(entry.plan_id, paths, entry.method == "poll")]
    who = (_("group {code}") if entry.method == "group" else
           _("respondent {code}")).format(code=entry.respondent)
    return [said,
            one_line("  " + _("not sent yet: the next {command} sends it to device "
                              "{device},").format(
                command=paths.publish_replies(),
                device=entry.device_id)),
            one_line("  " + _("which shows it when {who} is met again (and under What we "
                              "heard).").format(who=who)),
            *([one_line("  " + paths.store_note())] if paths.store_note() else [])]


def register_lines(entries: list[Entry], today: date) -> list[str]:
    """The register as text lines, in the words the register screen shows (device text
    escaped by the caller's one_line)."""
    from fieldtui.core.concern import category_word, urgency_word
    from fieldtui.supervise.followups import (
        concern_counts,
        late_word,
        promise_words,
        raised_by,
        status_word,
    )

    lines: list[str] = []
    if not entries:
        return [_("No concerns raised yet.")]
    overdue = 0
    category, group = None, None
    for entry in entries:
        if entry.category != category:
            category, group = entry.category, None
            count = sum(1 for e in entries if e.category == category)
            lines += ["", _("== {category} ({count})").format(category=category_word(category),
                                                              count=count)]
        if entry.group != group:
            group = entry.group
            size = sum(1 for e in entries if e.category == category and e.group == group)
            if size > 1:  # a concern like no other is listed without a heading
                lines.append(_("  similar group {number} ({size})").format(number=group + 1,
                                                                           size=size))
        late = entry.overdue(today)
        overdue += late
        mark = late_word() + " " if late else ""
        # 80 columns: who raised it and the promise go on a line of their own, under the
        # row, in the register screen's words
        lines.append(f"    {entry.id}  {_pad(urgency_word(entry.urgency), 6)} "
                     f"{_pad(status_word(entry.status), 13)} {mark}{entry.plan_id}")
        lines.append("      " + (_("raised by {who} · {due}").format(
            who=raised_by(entry), due=promise_words(entry)) if entry.promise
            else _("raised by {who}").format(who=raised_by(entry))))
        lines.append(f"      {entry.description}")
        if entry.owner or entry.reply:
            lines.append("      " + _("owner: {owner} · reply: {reply}").format(
                owner=entry.owner or "-", reply=entry.reply or "-"))
    lines.append("")
    concerns, promises = concern_counts(len(entries), overdue)
    lines.append(_("{concerns}, {promises}.").format(concerns=concerns, promises=promises))
    return lines


def _pad(word: str, width: int) -> str:
    """`word` padded to `width` terminal columns (a Chinese character takes two)."""
    from rich.cells import cell_len

    return word + " " * max(0, width - cell_len(word))


def _summary_note(plan_id: str, paths: CommandPaths, poll: bool = False) -> str:
    """How a reply to a concern without identifier reaches the people; a poll's summary
    lists a category, and its replies, only when at least min_cell of its release's
    conversations raised it (supervise/feedback._poll_concerns)."""
    command = paths.publish_summary(plan_id)
    if poll:
        return one_line(paths.with_note(_(
            "a poll's concern is answered only in the feedback summary, and only when its "
            "category was raised in at least min_cell conversations of the release (plan "
            "[poll] min_cell): publish it with {command}").format(command=command)))
    return one_line(paths.with_note(_("a concern logged without identifier (a poll's) is "
                                      "answered only in the feedback summary: publish it "
                                      "with {command}").format(command=command)))


def _publish(conn: Dataset, study_dir: Path, cards: Path | None, store: str | None,
             passphrase_fd: int | None, paths: CommandPaths) -> None:
    from fieldtui.commands.update_relay import relay
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import open_study
    from fieldtui.supervise import followups as fu
    from fieldtui.supervise import update_publish as up

    if cards is None:
        raise FieldtuiError(_("no device cards to encrypt the replies to"),
                            _("pass --devices or --collector-store with the collector's store"))
    bodies = fu.reply_bodies(conn)
    for plan_id, count in fu.summary_only(conn).items():
        click.echo(one_line(ngettext("{count} reply of {plan_id} has no respondent or group "
                                     "code to go back to: ",
                                     "{count} replies of {plan_id} have no respondent or "
                                     "group code to go back to: ", count)
                            .format(count=count, plan_id=plan_id)) + _summary_note(plan_id, paths))
    if not bodies:
        click.echo(_("No new replies to publish."))
        return
    study = open_study(study_dir)
    for device in bodies:
        up.device_recipients(cards, study.study_id, device)  # every card, before the passphrase
    unlocked = study.unlock(read_passphrase(_("Supervisor passphrase: "), fd=passphrase_fd))
    path = None
    for device, body in sorted(bodies.items()):
        path = up.publish(unlocked, "reply", body, to=device, devices=cards)
        conn.execute("BEGIN IMMEDIATE")
        fu.mark_published(conn, body)
        conn.execute("COMMIT")
        click.echo(ngettext("Published update {seq}: {replies} reply for device {device}.",
                            "Published update {seq}: {replies} replies for device {device}.",
                            len(body['replies']))
                   .format(seq=int(path.stem), replies=len(body['replies']), device=device))
    if store is not None and path is not None:
        relay(path, store)  # a folder's updates/, or a PostgreSQL store's channel
