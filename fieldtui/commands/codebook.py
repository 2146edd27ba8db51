"""`fieldtui codebook`: describe the variables of the Stata/SPSS export, as Markdown."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("dataset", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--plan", "plan_id", default=None, help="Only this plan (default: every plan).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Markdown file to write (FILE.md).")
def codebook(dataset: Path, plan_id: str | None, output: Path) -> None:
    """Write the codebook of DATASET's plans: names, full labels, types, value codes,
    missing codes and plan versions. It holds no counts and no answers, so it is written
    in plain text (and not logged as an export)."""
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.interop.codebook import codebook as render
    from fieldtui.interop.exporter import numeric_calculations
    from fieldtui.store.durable import write_atomic
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.study_link import dataset_plans

    conn = open_dataset(dataset)
    try:
        plans = dataset_plans(conn)
        numeric = {pid: numeric_calculations(conn, pid, [p for (i, _), p in plans.items()
                                                         if i == pid])
                   for pid, _ in plans}
    finally:
        conn.close()
    ids = sorted({pid for pid, _ in plans})
    if plan_id is not None:
        if plan_id not in ids:
            raise FieldtuiError(f"the dataset holds no plan {plan_id!r}",
                                f"give one of: {', '.join(ids) or '(none recorded)'}")
        ids = [plan_id]
    if not output.parent.exists():
        raise FieldtuiError(f"folder {output.parent} does not exist", "create it first")
    text = "\n\n".join(render(pid, [p for (i, _), p in plans.items() if i == pid],
                              numeric[pid]) for pid in ids)
    write_atomic(output, text.encode("utf-8"))
    click.echo(f"Wrote the codebook of {len(ids)} plan(s) to {output}.")
