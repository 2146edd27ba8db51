"""`fieldtui collector`: create, run and manage the collector (a relay, not a reader)."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldtui.commands.click_help import HelpGroup
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _, ngettext

if TYPE_CHECKING:
    from fieldtui.sync.collector.backend import StoreAdmin

STORE_OPTION = click.option(
    "--store", "root", required=True, metavar="DIR|postgresql://…",
    help="The collector's folder, or a PostgreSQL database "
         "(postgresql://USER@HOST:PORT/DBNAME; a password is better kept in ~/.pgpass).")


def _spec(root: str) -> str | Path:
    from fieldtui.sync.collector.kinds import is_postgres

    return root if is_postgres(root) else Path(root)


def _guard(root: str) -> AbstractContextManager[None]:
    """A database error mid-command as one line (nothing for a folder store)."""
    from fieldtui.sync.collector.kinds import is_postgres

    if not is_postgres(root):
        return nullcontext()
    from fieldtui.sync.collector.pg.connect import failing_as_one_line

    return failing_as_one_line(root)


def _admin(root: str) -> StoreAdmin:
    from fieldtui.sync.collector.kinds import open_admin

    return open_admin(_spec(root))


@click.group(cls=HelpGroup)
def collector() -> None:
    """Run and manage the collector that receives sealed bundles."""


@collector.command()
@STORE_OPTION
def init(root: str) -> None:
    """Create a collector store with a new collector key."""
    with _guard(root):
        admin = _admin(root)
        try:
            public = admin.init()
        finally:
            admin.close()
    click.echo(_("Collector store created in {where}.").format(where=admin.where))
    click.echo(_("Collector public key: {public}").format(public=public))
    click.echo(_("Give it to the supervisor: fieldtui study set-collector STUDY_DIR URL "
                 "--collector-key {public}").format(public=public))


@collector.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8750, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port (0: any free port, printed when listening).")
@click.option("--rate", default=20.0, show_default=True,
              type=click.FloatRange(0, min_open=True),
              help="Uploads a second allowed per device (bursts of 5 times more).")
@click.option("--max-mib", default=16, show_default=True, type=click.IntRange(1, 1024),
              help="Largest bundle accepted, in MiB.")
@click.option("--quiet", is_flag=True, help="Log requests to requests.log only.")
def serve(root: str, host: str, port: int, rate: float, max_mib: int, quiet: bool) -> None:
    """Receive bundles over HTTP until SIGTERM (uploads in flight are finished)."""
    import asyncio

    from fieldtui.sync.collector.kinds import open_store
    from fieldtui.sync.collector.rate_limit import RateLimiter
    from fieldtui.sync.collector.server import serve as run

    store = open_store(_spec(root), max_size=max_mib * 1024 * 1024,
                       rate=RateLimiter(rate, rate * 5))

    def ready(url: str) -> None:
        click.echo(_("collector listening on {url}").format(url=url), err=False)

    asyncio.run(run(store, host, port, echo=not quiet, ready=ready))
    click.echo(_("collector stopped"))


@collector.command()
@click.argument("card", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@STORE_OPTION
@click.option("--unrevoke", is_flag=True,
              help="Allow a device that was revoked (its revocation is lifted).")
def allow(card: Path, root: str, unrevoke: bool) -> None:
    """Accept bundles from the device on this CARD (from 'fieldtui enroll --card-out')."""
    from fieldtui.sync.collector.devices import read_card

    doc = read_card(card)
    with _guard(root):
        admin = _admin(root)
        try:
            admin.allow(doc, unrevoke=unrevoke)
            others = admin.names_in_use(doc)
        finally:
            admin.close()
    name = str(doc.get("interviewer", ""))
    click.echo(one_line(_("Allowed device {device_id} ({name}).").format(device_id=doc['device_id'], name=name)))
    for other in others:
        click.echo(one_line(_("warning: device {other} is also allowed as {name}; review shows "
                              "each session's device id beside the name")
                            .format(other=other, name=repr(name))), err=True)


@collector.command()
@click.argument("device_id", metavar="DEVICE")
@STORE_OPTION
def revoke(device_id: str, root: str) -> None:
    """Refuse bundles from DEVICE from now on (bundles already stored stay)."""
    with _guard(root):
        admin = _admin(root)
        try:
            admin.revoke(device_id)
        finally:
            admin.close()
    click.echo(_("Revoked device {device_id}.").format(device_id=device_id))


@collector.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@STORE_OPTION
def ingest(folder: Path, root: str) -> None:
    """Take in the bundles a device wrote to FOLDER; write receipts back beside them."""
    from fieldtui.sync.collector.ingest import ingest_folder
    from fieldtui.sync.collector.kinds import open_store
    from fieldtui.sync.collector.updates import FOLDER

    store = open_store(_spec(root), warn=None)  # a full disk ends it with the error line alone
    try:
        result = ingest_folder(store, folder)
    finally:
        store.close()
    click.echo(ngettext("Stored {stored} new bundle; {again} already stored.",
                        "Stored {stored} new bundles; {again} already stored.",
                        len(result.stored))
               .format(stored=len(result.stored), again=len(result.again)))
    if result.updates:  # none: FOLDER/updates may not exist (a fresh stick), never named
        click.echo(ngettext("Wrote {updates} study update to {folder}.",
                            "Wrote {updates} study updates to {folder}.", result.updates)
                   .format(updates=result.updates, folder=one_line(str(folder / FOLDER))))
    else:
        click.echo(_("No new study updates for the devices."))
    for sha, reason in sorted(result.refused.items()):
        click.echo(one_line(_("Refused {bundle_sha}: {reason} (kept in quarantine)")
                            .format(bundle_sha=sha[:12], reason=reason)), err=True)
    for name, why in sorted(result.skipped.items()):
        click.echo(one_line(_("Skipped {name}: {why}").format(name=name, why=why)), err=True)
    if result.refused:
        raise FieldtuiError(ngettext("{refused} bundle refused", "{refused} bundles refused",
                                     len(result.refused)).format(refused=len(result.refused)),
                            _("the reasons are above and beside each file"))


@collector.command()
@STORE_OPTION
def check(root: str) -> None:
    """Re-verify every stored bundle (hash, device signature) and its receipt."""
    with _guard(root):
        admin = _admin(root)
        try:
            count, problems = admin.check()
        finally:
            admin.close()
    for line in problems:
        click.echo(one_line(line))
    if problems:
        raise FieldtuiError(_("{problems} in the store ({bundles} checked)").format(
                                problems=ngettext("{n} problem", "{n} problems",
                                                  len(problems)).format(n=len(problems)),
                                bundles=ngettext("{n} stored bundle", "{n} stored bundles",
                                                 count).format(n=count)),
                            _("see the lines above; keep a copy of the store before any repair"))
    click.echo(ngettext("The {count} stored bundle verifies.",
                        "All {count} stored bundles verify.", count).format(count=count))


@collector.command()
@click.option("--from", "source", required=True,
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="The collector folder to move.")
@click.option("--to", "target", required=True, metavar="postgresql://…",
              help="The PostgreSQL database to move it into.")
def migrate(source: Path, target: str) -> None:
    """Move a collector folder's store into PostgreSQL (again: only what is new)."""
    from fieldtui.sync.collector.kinds import is_postgres
    from fieldtui.sync.collector.pg.from_folder import migrate as run

    if not is_postgres(target):
        raise FieldtuiError(_("--to {target} is not a PostgreSQL URL").format(target=repr(target)),
                            _("write it as postgresql://USER@HOST:PORT/DBNAME"))
    with _guard(target):
        moved = run(source, target)
    click.echo(_("Bundles: {bundles} in the folder, {new_bundles} new in PostgreSQL; all "
                 "{verified} verified there (SHA-256).")
               .format(bundles=moved.bundles, new_bundles=moved.new_bundles, verified=moved.verified))
    click.echo(_("Devices: {devices}; quarantined: {quarantined}; updates: {updates} "
                 "({new_updates} new).")
               .format(devices=moved.devices, quarantined=moved.quarantined, updates=moved.updates, new_updates=moved.new_updates))
    click.echo(_("Serve it with: fieldtui collector serve --store <the same URL>"))
