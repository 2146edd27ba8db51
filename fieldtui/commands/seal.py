"""`fieldtui seal`: complete sessions become sealed bundles in the device's outbox."""

from __future__ import annotations

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.core.i18n import _, ngettext


@click.command(cls=HelpCommand)
@click.option("--passphrase-fd", type=int, default=None,
              help="Read the device passphrase from this open file descriptor.")
def seal(passphrase_fd: int | None) -> None:
    """Seal every complete session into a bundle only the study's supervisors can open."""
    from fieldtui.sealing.sealer import seal_all
    from fieldtui.store.device import open_device
    from fieldtui.store.home import DeviceHome
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.sync.progress_line import progress_line

    device = open_device()
    unlocked = device.unlock(read_passphrase(_("Device passphrase: "), fd=passphrase_fd))
    with progress_line(_("Sealing"), lambda done, total: (
            ngettext("interrupted after sealing {done} of {total} session",
                     "interrupted after sealing {done} of {total} sessions", total).format(
                done=done, total=total),
            _("what was sealed is safe in the outbox; run 'fieldtui seal' again for the rest"),
    )) as progress:
        result = seal_all(unlocked, progress)
    if not result.sealed:
        click.echo(_("Nothing to seal: no complete session is waiting."))
        return
    click.echo(result.summary(DeviceHome(device.home).outbox))
    click.echo(ngettext("Run 'fieldtui sync' to send it to the collector.",
                        "Run 'fieldtui sync' to send them to the collector.", len(result.sealed)))
