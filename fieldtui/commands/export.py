"""`fieldtui export`: tidy tables from a dataset, encrypted unless asked otherwise."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("dataset", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv",
              show_default=True, help="File format of the tables.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the tables into (created if missing).")
@click.option("--with-identifiers", is_flag=True,
              help="Include interviewer names, respondent codes and participant labels.")
@click.option("--plaintext", is_flag=True,
              help="Write plain files instead of age-encrypted ones (.age).")
@click.option("--recipient", "recipients", multiple=True,
              help="Encrypt to this age recipient instead of the study's (repeatable).")
@click.option("--tables", is_flag=True,
              help="Write the published poll tables of releases instead (tables.csv).")
@click.option("--plan", "plan_id", default=None,
              help="With --tables: only this poll plan's release.")
@click.option("--release", "release_name", default=None,
              help="With --tables and --plan: this release (default: the latest).")
@click.option("--by", "by_name", default=None,
              help="Who is exporting, for the log (default: $USER).")
def export(dataset: Path, fmt: str, output: Path, with_identifiers: bool, plaintext: bool,
           recipients: tuple[str, ...], tables: bool, plan_id: str | None,
           release_name: str | None, by_name: str | None) -> None:
    """Write sessions, answers, turns and participants from DATASET as tidy tables.

    Files are age-encrypted to the study's recipients (NAME.csv.age; open with
    'age -d -i KEY'); --plaintext writes NAME.csv directly. --tables writes the poll
    tables of releases (latest of each poll plan) instead.
    """
    from fieldtui.store.durable import private_dir
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.export import export_release_tables, export_tables
    from fieldtui.supervise.export_log import log_export, who, write_output
    from fieldtui.supervise.release import pick_releases
    from fieldtui.supervise.study_link import study_recipients

    conn = open_dataset(dataset)
    try:
        to = list(recipients) or study_recipients(conn)
        if tables:
            files = export_release_tables(pick_releases(conn, plan_id, release_name), fmt)
        else:
            files = export_tables(conn, fmt, identifiers=with_identifiers)
        private_dir(output)
        written = []
        for name, data in files.items():
            path = output / (name if plaintext else f"{name}.age")
            write_output(path, data, to, plaintext)
            log_export(conn, kind="export", what=name.rsplit(".", 1)[0], path=path, fmt=fmt,
                       encrypted=not plaintext, recipients=to, identifiers=with_identifiers,
                       by=who(by_name))
            written.append(path.name)
    finally:
        conn.close()
    state = "unencrypted" if plaintext else f"encrypted to {len(to)} recipient(s)"
    ids = "with" if with_identifiers else "without"
    click.echo(f"Wrote {', '.join(written)} to {output} ({state}, {ids} identifiers); "
               "logged in the dataset.")
