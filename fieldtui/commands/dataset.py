"""`fieldtui dataset`: administering a dataset kept in PostgreSQL."""

from __future__ import annotations

import click

from fieldtui.commands.click_help import HelpGroup
from fieldtui.commands.dataset_arg import DATASET
from fieldtui.core.i18n import _, ngettext
from fieldtui.supervise.dataset_conn import DatasetSpec


@click.group(cls=HelpGroup)
def dataset() -> None:
    """Inspect a dataset; administer one kept in PostgreSQL (merge --into postgresql://…)."""


@dataset.command("gaps")
@click.argument("dataset_spec", metavar="DATASET", type=DATASET)
def gaps_command(dataset_spec: DatasetSpec) -> None:
    """List every device's missing bundles (seq numbers never merged), not only those of
    the devices the last merge brought bundles from."""
    from fieldtui.commands.merge import gap_lines
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.seq_checks import standing_gaps

    conn = open_dataset(dataset_spec, read_only=True)
    try:
        gaps = standing_gaps(conn)
    finally:
        conn.close()
    for line in gap_lines(gaps):
        click.echo(line)
    if not gaps:
        click.echo(_("No device has a gap: every bundle up to each device's latest is merged."))
    else:
        click.echo(ngettext("{devices} device has gaps: sync that device, then merge again.",
                            "{devices} devices have gaps: sync those devices, then merge "
                            "again.", len(gaps))
                   .format(devices=len(gaps)))


@dataset.command("grant-readonly")
@click.argument("url", metavar="postgresql://…")
@click.option("--role", required=True,
              help="The role to create for dashboards (Metabase, Superset).")
def grant_readonly_command(url: str, role: str) -> None:
    """A role that can only read the released tables (views in fieldtui_dashboard)."""
    _grant(url, role)


def _grant(url: str, role: str) -> None:
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.store.postgres_url import is_postgres
    from fieldtui.supervise.dashboard import VIEWS_SCHEMA, grant_readonly
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.pg_dataset import PgDataset

    if not is_postgres(url):
        raise FieldtuiError(_("a read-only role needs a dataset in PostgreSQL"),
                            _("give its postgresql:// URL"))
    conn = open_dataset(url)
    assert isinstance(conn, PgDataset)
    try:
        created = grant_readonly(conn, role)
    finally:
        conn.close()
    state = _("created") if created else _("already existed; its rights were reset")
    click.echo(_("Role {role} {state}: it may read {views_schema}.releases and "
                 "{views_schema}.release_cells only. Set its password with psql's \\password "
                 "{role}, and allow it in pg_hba.conf.")
               .format(role=role, state=state, views_schema=VIEWS_SCHEMA))
