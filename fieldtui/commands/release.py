"""`fieldtui release`: freeze a poll's respondents into a protected release, list the
releases, and play the attacker against everything released."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from fieldtui.commands.click_help import HelpGroup
from fieldtui.commands.dataset_arg import DATASET
from fieldtui.core.i18n import _, ngettext, pgettext
from fieldtui.supervise.dataset_conn import DatasetSpec

if TYPE_CHECKING:
    from fieldtui.supervise.release import Release


@click.group(cls=HelpGroup)
def release() -> None:
    """Protected releases of a poll's tables (what reports and table exports read)."""


@release.command("create")
@click.argument("dataset", type=DATASET)
@click.option("--plan", "plan_id", required=True, help="The poll plan (its id).")
@click.option("--name", default=None, help="A name for the release (default: PLAN-N).")
@click.option("--cross", "cross", multiple=True,
              help="Cross every item with this item (repeatable; default: the plan's "
                   "[poll] cross).")
def create(dataset: DatasetSpec, plan_id: str, name: str | None, cross: tuple[str, ...]) -> None:
    """Freeze the poll's respondents and publish every table, protected together."""
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.release import create_release

    conn = open_dataset(dataset)
    try:
        rel, result = create_release(conn, plan_id, name, list(cross) or None)
    finally:
        conn.close()
    crossed = _crossed_by(rel) or "nothing"
    click.echo(_("Release {name}: {respondents} ({added} new), crossed by {crossed}. Audit: "
                 "{cells}, narrowest range {narrowest}, highest posterior {top_posterior:.2f}.")
               .format(name=rel.name,
                       respondents=ngettext("{n} respondent", "{n} respondents",
                                            rel.respondents).format(n=rel.respondents),
                       added=rel.added, crossed=crossed, cells=_cells(result.checked),
                       narrowest=result.narrowest if result.narrowest is not None else '—',
                       top_posterior=result.top_posterior))


def _cells(checked: int) -> str:
    return ngettext("{n} protected cell", "{n} protected cells", checked).format(n=checked)


@release.command("list")
@click.argument("dataset", type=DATASET)
def list_releases(dataset: DatasetSpec) -> None:
    """Each release: its plan, what it covers and when it was made."""
    from rich.cells import set_cell_size

    from fieldtui.core.errors import one_line
    from fieldtui.supervise.command_paths import release_create
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.release import releases
    from fieldtui.supervise.report_cells import left, right

    conn = open_dataset(dataset, read_only=True)
    try:
        found = releases(conn)
    finally:
        conn.close()
    if not found:
        click.echo(one_line(_("No releases yet; make one with: {command}").format(
            command=release_create(dataset))))
        return
    # 80 columns: one line of columns a release (the time to the minute, in UTC), what it
    # is crossed by on the next; headings in the interface language, padded by terminal
    # cells (a wide character takes two) so the columns stay aligned
    name, plan, respondents = _("name"), _("plan"), _("respondents")
    new, created = _("new"), pgettext("release list", "created (UTC)")
    click.echo(f"{left(name, 24)} {left(plan, 20)} {right(respondents, 11)} "
               f"{right(new, 5)} {created}")
    for rel in found:
        when = rel.created_at[:10] + " " + rel.created_at[11:16]
        # cut and padded by cells too: a name may be Chinese
        click.echo(f"{set_cell_size(one_line(rel.name), 24)} "
                   f"{set_cell_size(one_line(rel.plan_id), 20)} {rel.respondents:>11} "
                   f"{rel.added:>5} {when}")
        for line in _wrapped(_("crossed by: {variables}").format(
                variables=_crossed_by(rel) or "—")):
            click.echo(line)


def _wrapped(text: str, cells: int = 80) -> list[str]:
    """`text` indented by two cells, broken after its commas to fit `cells` (a variable's
    name is never split)."""
    from rich.cells import cell_len

    pieces = text.split(", ")
    lines = ["  " + pieces[0]]
    for piece in pieces[1:]:
        if cell_len(f"{lines[-1]}, {piece}") > cells:
            lines[-1] += ","
            lines.append("    " + piece)
        else:
            lines[-1] += f", {piece}"
    return lines


def _crossed_by(rel: Release) -> str:
    """The release's crossing variables, and the language each answer was asked in when
    it splits its items by language."""
    return _(", ").join([*rel.crossing, *([_("language asked in")] if rel.languages() else [])])


@release.command("audit")
@click.argument("dataset", type=DATASET)
def audit_command(dataset: DatasetSpec) -> None:
    """Play the attacker against every release so far; exit 1 if anything leaks."""
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.supervise.audit_cache import audit_kept
    from fieldtui.supervise.dataset import open_to_log
    from fieldtui.supervise.dataset_readonly import is_read_only
    from fieldtui.supervise.release import history, releases

    conn = open_to_log(dataset)  # read-only where it cannot be written: nothing kept then
    try:
        plans = sorted({r.plan_id for r in releases(conn)})
        results = [(pid, *audit_kept(conn, pid, history(conn, pid))) for pid in plans]
        unkept = is_read_only(conn) and not all(kept for _pid, _result, kept in results)
    finally:
        conn.close()
    leaks = 0
    for pid, result, kept in results:
        click.echo(_("{pid}: {cells} over {pairs}; narrowest range {narrowest}; highest "
                     "posterior {top_posterior:.2f}; {findings}").format(
            pid=pid, cells=_cells(result.checked),
            pairs=ngettext("{n} release pair", "{n} release pairs", result.pairs).format(
                n=result.pairs),
            narrowest=result.narrowest if result.narrowest is not None else "—",
            top_posterior=result.top_posterior,
            findings=ngettext("{n} finding", "{n} findings", len(result.findings)).format(
                n=len(result.findings)))
            + (" " + _("(releases and data unchanged since the last audit)") if kept else ""))
        for finding in result.findings:
            click.echo(f"  LEAK {finding.what}: {finding.low:g}–{finding.high:g}"
                       + (f" (posterior {finding.posterior:.2f})" if finding.posterior else ""))
        leaks += len(result.findings)
    if not plans:
        click.echo(_("No releases yet: nothing to audit."))
    if unkept:
        click.echo(_("The dataset is read-only here, so this audit was not kept in it: the "
                     "next audit plays the attacker again."))
    if leaks:
        raise FieldtuiError(ngettext("the audit found {leaks} protected value an attacker can "
                                     "narrow",
                                     "the audit found {leaks} protected values an attacker can "
                                     "narrow", leaks).format(leaks=leaks), _("publish no more releases of these plans; see "
                                                    "docs"))
