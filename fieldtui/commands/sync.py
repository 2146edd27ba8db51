"""`fieldtui sync`: send sealed bundles to the collector (or a folder) and collect receipts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _

if TYPE_CHECKING:
    from fieldtui.sync.client import SyncResult


@click.command(cls=HelpCommand)
@click.option("--to", "target", default=None, metavar="URL|DIR",
              help="The collector's address, or a folder (USB stick); default: the kit's.")
@click.option("--passphrase-fd", type=int, default=None,
              help="Read the device passphrase from this open file descriptor.")
def sync(target: str | None, passphrase_fd: int | None) -> None:
    """Send the outbox; plaintext is deleted only after the collector's signed receipt."""
    from fieldtui.store.device import open_device
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.sync.client import is_url
    from fieldtui.sync.client import sync as run_sync
    from fieldtui.sync.folder_transport import check_folder
    from fieldtui.sync.progress_line import progress_line

    device = open_device()
    if target is not None and not is_url(target):
        check_folder(Path(target))  # before the passphrase: not typed for a missing stick
    unlocked = device.unlock(read_passphrase(_("Device passphrase: "), fd=passphrase_fd))
    with progress_line(_("Syncing"), lambda done, total: (
            _("interrupted after {done} of {total} bundle(s) were answered").format(
                done=done, total=total),
            _("receipted ones are done, the rest stay in the outbox; run 'fieldtui sync' again"),
    )) as progress:
        result = run_sync(unlocked, target, progress)
    click.echo(_("Receipted: {n} bundle(s) at {target}.").format(
        n=len(result.receipted), target=result.target))
    if result.waiting:
        click.echo(_("Written to the folder, waiting for 'fieldtui collector ingest': "
                     "{n}.").format(n=len(result.waiting)))
    # reasons come from the collector or a stick: escaped, so they cannot drive the terminal
    for sha, reason in sorted(result.refused.items()):
        click.echo(one_line(_("Refused {bundle}: {reason}")
                            .format(bundle=sha[:12], reason=reason)),
                   err=True)
    for sha, reason in sorted(result.failed.items()):
        click.echo(one_line(_("Not delivered {bundle}: {reason}").format(bundle=sha[:12],
                                                                        reason=reason)),
                   err=True)
    _report_updates(result)
    if result.refused or result.failed:  # a stick that could not take a bundle, too
        raise FieldtuiError(
            _("{n} bundle(s) were not receipted").format(
                n=len(result.refused) + len(result.failed)),
            _("they stay in the outbox; run 'fieldtui sync' again, or show the reasons above "
              "to your supervisor"),
        )


def _report_updates(result: SyncResult) -> None:
    if result.updates is not None:
        fetched = result.updates
        click.echo(_("Updates: {n} applied; this device holds the study's updates through "
                     "{last}.").format(n=fetched.applied, last=fetched.last_seq))
        if fetched.gap is not None:
            click.echo(_("fieldtui: warning: update {missing} is missing (the collector offered {offered} "
                         "next); the updates after it wait — tell your supervisor")
                       .format(missing=fetched.gap[0], offered=fetched.gap[1]), err=True)
    if result.updates_error is not None and not (result.refused or result.failed):
        raise result.updates_error
    if result.updates_error is not None:
        click.echo(_("Updates refused: {problem}").format(problem=result.updates_error.line()),
                   err=True)
