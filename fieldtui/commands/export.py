"""`fieldtui export`: tables and analysis files from a dataset, encrypted unless asked otherwise."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.commands.dataset_arg import DATASET
from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _, ngettext
from fieldtui.supervise.dataset_conn import DatasetSpec

FORMATS = ["csv", "jsonl", "parquet", "dta", "sav"]


@click.command(cls=HelpCommand)
@click.argument("dataset", type=DATASET)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="csv/jsonl/parquet: long tables (sessions, answers, turns, participants); "
                   "dta (Stata)/sav (SPSS): one wide file per plan, all its versions, "
                   "one per roster, and a meeting plan's participants and turns.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the files into (created if missing).")
@click.option("--with-identifiers", is_flag=True,
              help="Include interviewer names, respondent codes and participant labels.")
@click.option("--with-flags", is_flag=True,
              help="csv/jsonl/parquet: add each session's quality flags (reads every "
                   "session: memory grows with the dataset).")
@click.option("--plaintext", is_flag=True,
              help="Write plain files instead of age-encrypted ones (.age).")
@click.option("--recipient", "recipients", multiple=True,
              help="Encrypt to this age recipient instead of the study's (repeatable).")
@click.option("--tables", is_flag=True,
              help="Write the published poll tables of releases instead (tables.csv).")
@click.option("--plan", "plan_id", default=None,
              help="Only this plan: csv/jsonl/parquet its sessions' rows, dta/sav its file; "
                   "with --tables: only this poll plan's release.")
@click.option("--release", "release_name", default=None,
              help="With --tables and --plan: this release (default: the latest).")
@click.option("--by", "by_name", default=None,
              help="Who is exporting, for the log (default: $USER).")
def export(dataset: DatasetSpec, fmt: str, output: Path, with_identifiers: bool, with_flags: bool,
           plaintext: bool, recipients: tuple[str, ...], tables: bool, plan_id: str | None,
           release_name: str | None, by_name: str | None) -> None:
    """Write DATASET's sessions as tables or Stata/SPSS files (see `fieldtui codebook`).

    Files are age-encrypted to the study's recipients (NAME.csv.age; open with
    'age -d -i KEY'); --plaintext writes NAME.csv directly. Every file is logged in the
    dataset. dta/sav/parquet need the analysis extra: pip install 'fieldtui[analysis]'.
    --tables writes the poll tables of releases (latest of each poll plan) instead.
    """
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.interop.exporter import Target, export_files
    from fieldtui.store.durable import private_dir
    from fieldtui.supervise.command_paths import listing
    from fieldtui.supervise.dataset import open_to_log
    from fieldtui.supervise.dataset_readonly import is_read_only
    from fieldtui.supervise.export import export_release_tables
    from fieldtui.supervise.export_log import log_export, side_log, who, write_output
    from fieldtui.supervise.study_link import study_recipients

    if release_name is not None and not (tables and plan_id):  # else ignored, unsaid
        raise FieldtuiError(
            _("--release names a release of poll tables, which only --tables --plan PLAN "
              "writes") if not tables else
            _("--release needs --plan: --tables alone writes the latest release of every "
              "poll"),
            _("add --tables --plan with the release's poll plan (see: {command})").format(
                command=listing("release list", dataset)))
    if tables and fmt not in ("csv", "jsonl"):
        raise FieldtuiError(_("--tables writes csv or jsonl, not {fmt}").format(fmt=fmt),
                            _("use --format csv or --format jsonl with --tables"))
    conn = open_to_log(dataset)
    try:
        to = list(recipients) or study_recipients(conn)
        if tables:
            from fieldtui.supervise.release import pick_releases

            files = export_release_tables(pick_releases(conn, plan_id, release_name, dataset), fmt)
            private_dir(output)
            written = []
            for name, data in files.items():
                path = output / (name if plaintext else f"{name}.age")
                write_output(path, data, to, plaintext)
                log_export(conn, kind="export", what=name.rsplit(".", 1)[0], path=path,
                           fmt=fmt, encrypted=not plaintext, recipients=to,
                           identifiers=with_identifiers, by=who(by_name))
                written.append(path)
        else:
            private_dir(output)
            target = Target(output, fmt, to, plaintext, with_identifiers, who(by_name),
                            with_flags)
            written = export_files(conn, target, plan_id)
        aside = is_read_only(conn)
    finally:
        conn.close()
    state = _("unencrypted") if plaintext else ngettext(
        "encrypted to {count} recipient", "encrypted to {count} recipients", len(to)).format(
        count=len(to))
    ids = _("with") if with_identifiers else _("without")
    names = _(", ").join(p.name for p in written) or _("no file (no sessions)")
    if aside and written:
        click.echo(_("Wrote {names} to {output} ({state}, {ids} identifiers); the dataset is "
                     "read-only here, so this was logged in {log}.")
                   .format(names=names, output=one_line(str(output)), state=state, ids=ids,
                           log=one_line(str(side_log(written[0])))))
        return
    click.echo(_("Wrote {names} to {output} ({state}, {ids} identifiers); logged in the dataset.")
               .format(names=names, output=one_line(str(output)), state=state, ids=ids))
