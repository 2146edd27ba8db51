"""`fieldtui export`: tables and analysis files from a dataset, encrypted unless asked otherwise."""

from __future__ import annotations

from pathlib import Path

import click

FORMATS = ["csv", "jsonl", "parquet", "dta", "sav"]


@click.command()
@click.argument("dataset", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="csv/jsonl/parquet: long tables (sessions, answers, turns, participants); "
                   "dta (Stata)/sav (SPSS): one wide file per plan, all its versions.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the files into (created if missing).")
@click.option("--plan", "plan_id", default=None, help="dta/sav: only this plan.")
@click.option("--with-identifiers", is_flag=True,
              help="Include interviewer names, respondent codes and participant labels.")
@click.option("--with-flags", is_flag=True,
              help="csv/jsonl/parquet: add each session's quality flags (reads every "
                   "session: memory grows with the dataset).")
@click.option("--plaintext", is_flag=True,
              help="Write plain files instead of age-encrypted ones (.age).")
@click.option("--recipient", "recipients", multiple=True,
              help="Encrypt to this age recipient instead of the study's (repeatable).")
@click.option("--by", "by_name", default=None,
              help="Who is exporting, for the log (default: $USER).")
def export(dataset: Path, fmt: str, output: Path, plan_id: str | None, with_identifiers: bool,
           with_flags: bool, plaintext: bool, recipients: tuple[str, ...],
           by_name: str | None) -> None:
    """Write DATASET's sessions as tables or Stata/SPSS files (see `fieldtui codebook`).

    Files are age-encrypted to the study's recipients (NAME.csv.age; open with
    'age -d -i KEY'); --plaintext writes NAME.csv directly. Every file is logged in the
    dataset. dta/sav/parquet need the analysis extra: pip install 'fieldtui[analysis]'.
    """
    from fieldtui.interop.exporter import Target, export_files
    from fieldtui.store.durable import private_dir
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.export_log import who
    from fieldtui.supervise.study_link import study_recipients

    conn = open_dataset(dataset)
    try:
        to = list(recipients) or study_recipients(conn)
        private_dir(output)
        target = Target(output, fmt, to, plaintext, with_identifiers, who(by_name), with_flags)
        written = export_files(conn, target, plan_id)
    finally:
        conn.close()
    state = "unencrypted" if plaintext else f"encrypted to {len(to)} recipient(s)"
    ids = "with" if with_identifiers else "without"
    names = ", ".join(p.name for p in written) or "no file (no sessions)"
    click.echo(f"Wrote {names} to {output} ({state}, {ids} identifiers); "
               "logged in the dataset.")
