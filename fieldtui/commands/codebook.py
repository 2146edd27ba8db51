"""`fieldtui codebook`: describe the variables of the Stata/SPSS export, as Markdown or HTML."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.commands.dataset_arg import DATASET
from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _, ngettext
from fieldtui.supervise.dataset_conn import DatasetSpec


@click.command(cls=HelpCommand)
@click.argument("dataset", type=DATASET)
@click.option("--plan", "plan_id", default=None, help="Only this plan (default: every plan).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="File to write: FILE.md (Markdown) or FILE.html (one self-contained page).")
def codebook(dataset: DatasetSpec, plan_id: str | None, output: Path) -> None:
    """Write the codebook of DATASET's plans: names, full labels, types, the questions as
    asked, value codes with the protected counts of each poll's latest release (none
    otherwise: the codebook says how to make a release), missing codes and plan versions.
    It holds no answer and no unprotected count, so it is written in plain text (and not
    logged as an export)."""
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.interop.calc_kinds import plan_calculations
    from fieldtui.interop.codebook import build_book
    from fieldtui.interop.codebook import codebook as render_md
    from fieldtui.interop.codebook_counts import plan_counts
    from fieldtui.interop.codebook_html import codebook_html
    from fieldtui.interop.spss_missing import plan_spss_tops
    from fieldtui.store.durable import write_atomic
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.study_link import dataset_plans

    kind = output.suffix.lower()
    if kind not in (".md", ".html", ".htm"):
        raise FieldtuiError(_("cannot tell the format of {name}").format(name=repr(output.name)),
                            _("name the file FILE.md (Markdown) or FILE.html (HTML)"))
    if not output.parent.exists():
        raise FieldtuiError(_("folder {parent} does not exist")
                            .format(parent=output.parent), _("create it first"))
    conn = open_dataset(dataset, read_only=True)
    try:
        plans = dataset_plans(conn)
        ids = sorted({pid for pid, _ in plans})
        if plan_id is not None:
            if plan_id not in ids:
                raise FieldtuiError(_("the dataset holds no plan {plan_id}")
                                    .format(plan_id=repr(plan_id)),
                                    _("give one of: {plan_ids}")
                                    .format(plan_ids=', '.join(ids) or '(none recorded)'))
            ids = [plan_id]
        versions = {pid: [p for (i, _), p in plans.items() if i == pid] for pid in ids}
        counts = {pid: plan_counts(conn, pid, versions[pid]) for pid in ids}
        # from the plan alone: a kind read from the answers would tell of them (calc_kinds)
        numeric, undecided = {}, {}
        for pid in ids:
            numeric[pid], undecided[pid] = plan_calculations(versions[pid])
        # moved by the plan alone: codes moved by answers would tell of them (spss_missing)
        tops = {pid: plan_spss_tops(conn, pid, versions[pid], numeric[pid], answers=False)
                for pid in ids}
    finally:
        conn.close()
    if kind == ".md":
        text = "\n\n".join(render_md(pid, versions[pid], numeric[pid], counts[pid], tops[pid],
                                     undecided[pid]) for pid in ids)
    else:
        text = codebook_html([build_book(pid, versions[pid], counts[pid], numeric[pid],
                                         tops[pid], undecided[pid]) for pid in ids])
    write_atomic(output, text.encode("utf-8"))
    click.echo(ngettext("Wrote the codebook of {plan_count} plan to {output}.",
                        "Wrote the codebook of {plan_count} plans to {output}.", len(ids))
               .format(plan_count=len(ids), output=one_line(str(output))))
