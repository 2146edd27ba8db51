"""`fieldtui report`: confidential reports from a dataset (poll tables from a release)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.commands.dataset_arg import DATASET
from fieldtui.supervise.dataset_conn import DatasetSpec


class ReportCommand(click.Command):
    """`report DATASET …`, or `report feedback DATASET --plan ID …` (the summary for the
    people who took part): the word `feedback` first picks the second."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: object) -> click.Context:
        if args[:1] == ["feedback"]:
            return feedback.make_context("report feedback", args[1:], parent=parent,
                                         **extra)  # type: ignore[arg-type]
        return super().make_context(info_name, args, parent, **extra)  # type: ignore[arg-type]


@click.command("feedback")
@click.argument("dataset", type=DATASET)
@click.option("--plan", "plan_id", required=True, help="The plan (its id).")
@click.option("--release", "release_name", default=None,
              help="A poll: this release (default: its latest).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE, age-encrypted to the study's recipients.")
@click.option("--plaintext", is_flag=True, help="With -o: write the file unencrypted.")
@click.option("--recipient", "recipients", multiple=True,
              help="Encrypt to this age recipient instead of the study's (repeatable).")
@click.option("--by", "by_name", default=None,
              help="Who is exporting, for the log (default: $USER).")
def feedback(dataset: DatasetSpec, plan_id: str, release_name: str | None, output: Path | None,
             plaintext: bool, recipients: tuple[str, ...], by_name: str | None) -> None:
    """What we heard, what we did: themes, concerns and replies, consented quotes that
    identify no one, for the people who took part."""
    from fieldtui.core.errors import UsageError
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.export_log import log_export, who, write_output
    from fieldtui.supervise.feedback import build_feedback
    from fieldtui.supervise.study_link import study_recipients

    if plaintext and output is None:
        raise UsageError("--plaintext only applies to a file", "add -o FILE")
    conn = open_dataset(dataset)
    try:
        text = build_feedback(conn, plan_id, release_name)
        if output is None:
            click.echo(text, nl=False)
            return
        to = list(recipients) or study_recipients(conn)
        write_output(output, text.encode("utf-8"), to, plaintext)
        log_export(conn, kind="report", what=f"feedback plan={plan_id}", path=output,
                   fmt="text", encrypted=not plaintext, recipients=to, identifiers=False,
                   by=who(by_name))
    finally:
        conn.close()
    state = "unencrypted" if plaintext else f"encrypted to {len(to)} recipient(s)"
    click.echo(f"Feedback summary written to {output} ({state}); logged in the dataset.")


@click.command(cls=ReportCommand)
@click.argument("dataset", type=DATASET)
@click.option("--plan", "plan_id", default=None, help="Only this plan (its id).")
@click.option("--cross", default=None,
              help="Also show each poll item crossed with this item (the release must have it).")
@click.option("--release", "release_name", default=None,
              help="Read this release of the poll (default: its latest).")
@click.option("--format", "fmt", type=click.Choice(["txt", "md", "html"]), default="txt",
              show_default=True,
              help="Plain text with bars, Markdown, or one self-contained HTML file (needs -o).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE, age-encrypted to the study's recipients.")
@click.option("--plaintext", is_flag=True, help="With -o: write the file unencrypted.")
@click.option("--recipient", "recipients", multiple=True,
              help="Encrypt to this age recipient instead of the study's (repeatable).")
@click.option("--by", "by_name", default=None,
              help="Who is exporting, for the log (default: $USER).")
def report(dataset: DatasetSpec, plan_id: str | None, cross: str | None, release_name: str | None,
           fmt: str, output: Path | None,
           plaintext: bool, recipients: tuple[str, ...], by_name: str | None) -> None:
    """Poll tallies (from a release), key-point coverage and meeting talk time.

    'fieldtui report feedback DATASET --plan ID' writes the summary for the people who
    took part (what we heard, what we did)."""
    from fieldtui.core.errors import UsageError
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.export_log import log_export, who, write_output
    from fieldtui.supervise.report import build_report
    from fieldtui.supervise.report_html import build_html
    from fieldtui.supervise.report_md import build_markdown
    from fieldtui.supervise.study_link import study_recipients

    if plaintext and output is None:
        raise UsageError("--plaintext only applies to a file", "add -o FILE")
    if fmt == "html" and output is None:
        raise UsageError("--format html writes a file, not the terminal",
                         "add -o FILE (then decrypt it with age and open it in a browser)")
    builder = {"txt": build_report, "md": build_markdown, "html": build_html}[fmt]
    conn = open_dataset(dataset)
    try:
        text = builder(conn, plan_id, cross, release_name)
        if output is None:
            click.echo(text, nl=False)
            return
        to = list(recipients) or study_recipients(conn)
        write_output(output, text.encode("utf-8"), to, plaintext)
        what = f"report plan={plan_id or 'all'}" + (f" cross={cross}" if cross else "")
        log_export(conn, kind="report", what=what, path=output,
                   fmt={"txt": "text", "md": "markdown", "html": "html"}[fmt],
                   encrypted=not plaintext, recipients=to, identifiers=False,
                   by=who(by_name))
    finally:
        conn.close()
    state = "unencrypted" if plaintext else f"encrypted to {len(to)} recipient(s)"
    click.echo(f"Report written to {output} ({state}); logged in the dataset.")
