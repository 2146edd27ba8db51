"""`fieldtui review`: the supervisor's review screen for a dataset, and returns for
correction from the command line (--return, --approve, --reject, --session)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.commands.dataset_arg import DATASET
from fieldtui.commands.update_relay import STORE_METAVAR
from fieldtui.core.errors import UsageError
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset_conn import DatasetSpec


@click.command(cls=HelpCommand)
@click.argument("dataset", type=DATASET)
@click.option("--by", "by_name", default=None,
              help="Who resolves conflicts or returns, for the record (default: $USER).")
@click.option("--return", "returned", metavar="SESSION_ID", default=None,
              help="Send this session back to its device for correction.")
@click.option("--comment", default=None, help="With --return: the comment on the session.")
@click.option("--item", "items", metavar="ITEM_ID=COMMENT", multiple=True,
              help="With --return: a comment on one item (repeatable).")
@click.option("--approve", metavar="SESSION_ID", default=None,
              help="Approve a returned session (or its revision).")
@click.option("--reject", metavar="SESSION_ID", default=None,
              help="Reject a returned session (or its revision).")
@click.option("--session", "shown", metavar="SESSION_ID", default=None,
              help="Show a session's return and its revision's changes (old -> new, reason).")
@click.option("--publish", "study_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Publish returns and verdicts to the devices from this study.")
@click.option("--devices", metavar=STORE_METAVAR, default=None,
              help="With --publish: the collector store (or its devices/) to encrypt to.")
@click.option("--collector-store", "store", metavar=STORE_METAVAR,
              default=None, help="With --publish: also copy the updates into this store.")
@click.option("--passphrase-fd", type=int, default=None,
              help="Read the supervisor passphrase from this file descriptor.")
@click.option("--assignments", "assigned_in", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Show each device's progress on the assignments this study "
                                 "published (polls: totals only).")
@click.pass_context
def review(ctx: click.Context, dataset: DatasetSpec, by_name: str | None, returned: str | None,
           comment: str | None, items: tuple[str, ...], approve: str | None,
           reject: str | None, shown: str | None, study_dir: Path | None,
           devices: str | None, store: str | None, passphrase_fd: int | None,
           assigned_in: Path | None) -> None:
    """Browse sessions by interviewer with their quality flags; resolve conflicts; return
    a session for correction and approve or reject it; show assignments' progress."""
    from fieldtui.supervise.dataset import open_dataset, read_only_here
    from fieldtui.supervise.export_log import who

    if assigned_in is not None:
        _show_assignments(dataset, assigned_in)
        return

    if returned is None and (comment is not None or items):
        raise UsageError(_("--comment and --item go with --return"), _("add --return SESSION_ID"))
    actions = [a for a in (returned, approve, reject, shown) if a is not None]
    if len(actions) > 1:
        raise UsageError(_("give one of --return, --approve, --reject, --session"),
                         _("run the command once for each"))
    if actions or study_dir is not None:
        from fieldtui.commands.review_returns import run_returns

        run_returns(dataset, who(by_name), returned=returned, comment=comment or "",
                    items=items, approve=approve, reject=reject, shown=shown,
                    study_dir=study_dir, cards=devices or store, store=store,
                    passphrase_fd=passphrase_fd)
        return
    # a clear error before the screen opens; where this user cannot write the dataset, the
    # screen browses it read-only and refuses every decision in one line
    read_only = read_only_here(dataset)
    open_dataset(dataset, read_only=read_only).close()
    from fieldtui.commands.app import run_app
    from fieldtui.tui.review_app import ReviewApp

    obj = ctx.find_root().obj or {}
    run_app(ReviewApp(dataset, who(by_name), ansi=bool(obj.get("ansi")), read_only=read_only),
            mouse=not obj.get("no_mouse"), command=ctx.command_path)


def _show_assignments(dataset: DatasetSpec, study_dir: Path) -> None:
    from fieldtui.store.study import open_study
    from fieldtui.supervise.assignments import load_records, progress_lines
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.study_link import dataset_plans

    open_study(study_dir)  # a folder that is no study is an error, not "no assignments"
    records = load_records(study_dir)
    conn = open_dataset(dataset, read_only=True)
    try:
        methods = {pid: str(plan.method) for (pid, _v), plan in dataset_plans(conn).items()}
        lines = progress_lines(conn, records, methods)
    finally:
        conn.close()
    for line in lines or [_("No assignments published from this study.")]:
        click.echo(line)
