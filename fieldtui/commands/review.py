"""`fieldtui review`: the supervisor's review screen for a dataset."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("dataset", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--by", "by_name", default=None,
              help="Who resolves conflicts, for the record (default: $USER).")
@click.pass_context
def review(ctx: click.Context, dataset: Path, by_name: str | None) -> None:
    """Browse sessions by interviewer with their quality flags; resolve conflicts."""
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.export_log import who

    open_dataset(dataset).close()  # a clear error before the screen opens
    from fieldtui.tui.review_app import ReviewApp

    obj = ctx.find_root().obj or {}
    ReviewApp(dataset, who(by_name), ansi=bool(obj.get("ansi"))).run(
        mouse=not obj.get("no_mouse"))
