"""`fieldtui sync`: send sealed bundles to the collector (or a folder) and collect receipts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, ngettext


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
            ngettext("interrupted after {done} of {total} bundle was answered",
                     "interrupted after {done} of {total} bundles were answered",
                     total).format(done=done, total=total),
            _("receipted ones are done, the rest stay in the outbox; run 'fieldtui sync' again"),
    )) as progress:
        result = run_sync(unlocked, target, progress)
    for line, problem in result.report_lines():
        click.echo(line, err=problem)
    _say_returned(unlocked)
    if result.updates_error is not None and not result.missed:
        raise result.updates_error
    if result.missed:  # a stick that could not take a bundle, too
        raise FieldtuiError(
            result.missed_line(),
            _("they stay in the outbox; run 'fieldtui sync' again, or show the reasons above "
              "to your supervisor"),
        )



def _say_returned(device: Any) -> None:
    """The sessions sent back for correction and not yet corrected here: `sync` said only
    "Updates: 1 applied", and an interviewer who syncs from the command line was not
    told that a session waits for them (the app's home lists it)."""
    from fieldtui.sync.returned import awaiting_correction

    waiting = awaiting_correction(device.home, device.study_id)
    if waiting:
        click.echo(ngettext("{n} session is sent back for correction: open the app "
                            "(fieldtui) and choose it under Drafts to resume.",
                            "{n} sessions are sent back for correction: open the app "
                            "(fieldtui) and choose them under Drafts to resume.",
                            len(waiting)).format(n=len(waiting)))
