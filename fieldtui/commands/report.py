"""`fieldtui report`: confidential reports from a dataset (poll tables from a release)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.commands.dataset_arg import DATASET
from fieldtui.commands.update_relay import STORE_METAVAR
from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _, ngettext
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec


class ReportCommand(HelpCommand):
    """`report DATASET …`, or `report feedback DATASET --plan ID …` (the summary for the
    people who took part): the word `feedback` first picks the second."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: object) -> click.Context:
        if args[:1] == ["feedback"]:
            return feedback.make_context("report feedback", args[1:], parent=parent,
                                         **extra)  # type: ignore[arg-type]
        return super().make_context(info_name, args, parent, **extra)  # type: ignore[arg-type]


@click.command("feedback", cls=HelpCommand)
@click.argument("dataset", type=DATASET)
@click.option("--plan", "plan_id", required=True, help="The plan (its id).")
@click.option("--release", "release_name", default=None,
              help="A poll: this release (default: its latest).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE (NAME.age), age-encrypted to the study's recipients.")
@click.option("--plaintext", is_flag=True, help="With -o: write the file unencrypted.")
@click.option("--recipient", "recipients", multiple=True,
              help="Encrypt to this age recipient instead of the study's (repeatable).")
@click.option("--by", "by_name", default=None,
              help="Who is exporting, for the log (default: $USER).")
@click.option("--publish", "study_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Publish the summary to every device from this study.")
@click.option("--devices", metavar=STORE_METAVAR, default=None,
              help="With --publish: the collector store (or its devices/) to encrypt to.")
@click.option("--collector-store", "store", metavar=STORE_METAVAR,
              default=None, help="With --publish: also copy the update into this store.")
@click.option("--passphrase-fd", type=int, default=None,
              help="Read the supervisor passphrase from this file descriptor.")
def feedback(dataset: DatasetSpec, plan_id: str, release_name: str | None, output: Path | None,
             plaintext: bool, recipients: tuple[str, ...], by_name: str | None,
             study_dir: Path | None, devices: str | None, store: str | None,
             passphrase_fd: int | None) -> None:
    """What we heard, what we did: themes, concerns and replies, consented quotes that
    identify no one, for the people who took part.

    With --publish the same summary goes to every device ("What we heard" on its home):
    it is how a reply to a poll's concern, which carries no identifier, reaches the
    people; a reply to an interview's or a meeting's concern also goes back to its device
    with 'fieldtui followups --publish'."""
    from fieldtui.core.errors import UsageError
    from fieldtui.supervise.dataset import open_dataset, open_to_log
    from fieldtui.supervise.dataset_readonly import is_read_only
    from fieldtui.supervise.export_log import log_export, side_log, who, write_output
    from fieldtui.supervise.feedback import build_feedback
    from fieldtui.supervise.study_link import study_recipients

    if plaintext and output is None:
        raise UsageError(_("--plaintext only applies to a file"), _("add -o FILE"))
    _check_name(output, plaintext)
    if study_dir is not None and output is not None:
        raise UsageError(_("--publish and -o are two separate steps"), _("run them one at a time"))
    conn = open_to_log(dataset) if output is not None else open_dataset(dataset,
                                                                        read_only=True)
    try:
        if study_dir is not None:
            from fieldtui.commands.update_relay import cards_at

            with cards_at(devices or store) as cards:
                _publish_summary(conn, plan_id, release_name, study_dir, cards, store,
                                 passphrase_fd, dataset)
            return
        text = build_feedback(conn, plan_id, release_name, dataset)
        if output is None:
            click.echo(text, nl=False)
            return
        to = list(recipients) or study_recipients(conn)
        write_output(output, text.encode("utf-8"), to, plaintext)
        log_export(conn, kind="report", what=f"feedback plan={plan_id}", path=output,
                   fmt="text", encrypted=not plaintext, recipients=to, identifiers=False,
                   by=who(by_name))
        aside = is_read_only(conn)
    finally:
        conn.close()
    state = _("unencrypted") if plaintext else ngettext(
        "encrypted to {count} recipient", "encrypted to {count} recipients", len(to)).format(
        count=len(to))
    if aside:
        click.echo(_("Feedback summary written to {output} ({state}); the dataset is "
                     "read-only here, so this was logged in {log}.")
                   .format(output=one_line(str(output)), state=state,
                           log=one_line(str(side_log(output)))))
        return
    click.echo(_("Feedback summary written to {output} ({state}); logged in the dataset.")
               .format(output=one_line(str(output)), state=state))


def _publish_summary(conn: Dataset, plan_id: str, release: str | None,
                     study_dir: Path, cards: Path | None, store: str | None,
                     passphrase_fd: int | None, dataset: DatasetSpec) -> None:
    from fieldtui.bundle.update_format import TO_ALL
    from fieldtui.commands.update_relay import relay
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import open_study
    from fieldtui.supervise import update_publish as up
    from fieldtui.supervise.feedback_publish import published_as, summary_body

    if cards is None:
        raise FieldtuiError(_("no device cards to encrypt the summary to"),
                            _("pass --devices or --collector-store with the collector's store"))
    body = summary_body(conn, plan_id, release, dataset)  # every check before the passphrase
    study = open_study(study_dir)
    up.device_recipients(cards, study.study_id, TO_ALL)
    unlocked = study.unlock(read_passphrase(_("Supervisor passphrase: "), fd=passphrase_fd))
    seq = published_as(unlocked, body, cards)
    if seq is not None:
        click.echo(_("No new summary to publish: the feedback summary of {plan_id} is the "
                     "same as in update {seq}.").format(plan_id=plan_id, seq=seq))
        if store is not None:  # the store may still lack it: copied, said only then
            relay(up.update_files(study.directory / up.UPDATES_DIR)[seq], store,
                  say_none=False)
        return
    path = up.publish(unlocked, "reply", body, to=TO_ALL, devices=cards)
    click.echo(_("Published update {seq}: the feedback summary of {plan_id} for every device "
                 "(shown under 'What we heard').").format(seq=int(path.stem), plan_id=plan_id))
    if store is not None:
        relay(path, store)  # a folder's updates/, or a PostgreSQL store's channel


def _check_name(output: Path | None, plaintext: bool) -> None:
    """An encrypted report's file name ends in .age: a browser or an editor shown
    `report.html` full of age ciphertext would only show noise."""
    from fieldtui.core.errors import UsageError

    if output is not None and not plaintext and output.suffix.lower() != ".age":
        raise UsageError(
            _("{name} would hold age-encrypted bytes under a name that does not say so")
            .format(name=output.name),
            _("name it {name}.age (open it with 'age -d -i KEY'), or add --plaintext")
            .format(name=output.name))


@click.command(cls=ReportCommand)
@click.argument("dataset", type=DATASET)
@click.option("--plan", "plan_id", default=None, help="Only this plan (its id).")
@click.option("--cross", default=None,
              help="Also show each poll item crossed with this item (the release must have it).")
@click.option("--release", "release_name", default=None,
              help="Read this release of the poll (default: its latest).")
@click.option("--by-language", is_flag=True,
              help="Also split each poll item by the language it was asked in (a plan "
                   "with more than one language; the release must have the split).")
@click.option("--format", "fmt", type=click.Choice(["txt", "md", "html"]), default="txt",
              show_default=True,
              help="Plain text with bars, Markdown, or one self-contained HTML file (needs -o).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE (NAME.age), age-encrypted to the study's recipients.")
@click.option("--plaintext", is_flag=True, help="With -o: write the file unencrypted.")
@click.option("--recipient", "recipients", multiple=True,
              help="Encrypt to this age recipient instead of the study's (repeatable).")
@click.option("--by", "by_name", default=None,
              help="Who is exporting, for the log (default: $USER).")
def report(dataset: DatasetSpec, plan_id: str | None, cross: str | None, release_name: str | None,
           by_language: bool, fmt: str, output: Path | None,
           plaintext: bool, recipients: tuple[str, ...], by_name: str | None) -> None:
    """Poll tallies (from a release), key-point coverage and meeting talk time.

    'fieldtui report feedback DATASET --plan ID' writes the summary for the people who
    took part (what we heard, what we did)."""
    from fieldtui.core.errors import UsageError
    from fieldtui.supervise.dataset import open_dataset, open_to_log
    from fieldtui.supervise.dataset_readonly import is_read_only
    from fieldtui.supervise.export_log import log_export, side_log, who, write_output
    from fieldtui.supervise.report import build_report
    from fieldtui.supervise.report_html import build_html
    from fieldtui.supervise.report_md import build_markdown
    from fieldtui.supervise.study_link import study_recipients

    if plaintext and output is None:
        raise UsageError(_("--plaintext only applies to a file"), _("add -o FILE"))
    _check_name(output, plaintext)
    if fmt == "html" and output is None:
        raise UsageError(_("--format html writes a file, not the terminal"),
                         _("add -o FILE (then decrypt it with age and open it in a browser)"))
    builder = {"txt": build_report, "md": build_markdown, "html": build_html}[fmt]
    conn = open_to_log(dataset) if output is not None else open_dataset(dataset,
                                                                        read_only=True)
    try:
        text = builder(conn, plan_id, cross, release_name, by_language, dataset,
                       written=output is not None)
        if output is None:
            click.echo(text, nl=False)
            return
        to = list(recipients) or study_recipients(conn)
        write_output(output, text.encode("utf-8"), to, plaintext)
        what = (f"report plan={plan_id or 'all'}" + (f" cross={cross}" if cross else "")
                + (" by-language" if by_language else ""))
        log_export(conn, kind="report", what=what, path=output,
                   fmt={"txt": "text", "md": "markdown", "html": "html"}[fmt],
                   encrypted=not plaintext, recipients=to, identifiers=False,
                   by=who(by_name))
        aside = is_read_only(conn)
    finally:
        conn.close()
    state = _("unencrypted") if plaintext else ngettext(
        "encrypted to {count} recipient", "encrypted to {count} recipients", len(to)).format(
        count=len(to))
    if aside:
        click.echo(_("Report written to {output} ({state}); the dataset is read-only here, so "
                     "this was logged in {log}.")
                   .format(output=one_line(str(output)), state=state,
                           log=one_line(str(side_log(output)))))
        return
    click.echo(_("Report written to {output} ({state}); logged in the dataset.")
               .format(output=one_line(str(output)), state=state))
