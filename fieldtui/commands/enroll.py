"""`fieldtui enroll KIT`: join a study with the kit the supervisor sent."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _


def _confirmed(question: str) -> bool:
    """A yes to `question` on stdin; a closed stdin is its own error, not an interruption."""
    click.echo(question, nl=False)
    answer = sys.stdin.readline()
    if not answer:
        click.echo()
        raise FieldtuiError(
            _("no answer to the fingerprint question: standard input is closed"),
            _("run 'fieldtui enroll' in a terminal, or add --yes once you have checked the "
              "fingerprint with your supervisor"))
    return answer.strip().lower() in ("y", "yes")


@click.command(cls=HelpCommand)
@click.argument("kit_path", metavar="KIT", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--name", "interviewer", required=True, help="Your name, as the supervisor knows it.")
@click.option("--passphrase-fd", type=int, default=None,
              help="Read the new passphrase from this open file descriptor (one line).")
@click.option("--yes", is_flag=True,
              help="Do not ask to confirm the supervisor fingerprint (checked some other way).")
@click.option("--card-out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the device card as JSON to this file, for the supervisor.")
def enroll(kit_path: Path, interviewer: str, passphrase_fd: int | None, yes: bool,
           card_out: Path | None) -> None:
    """Enroll this device with a study KIT: new device keys under a new passphrase."""
    from fieldtui.store.durable import write_atomic
    from fieldtui.store.enroll import check_interviewer, enroll_device, refuse_if_enrolled
    from fieldtui.store.home import DeviceHome, home_path
    from fieldtui.store.kit import read_kit
    from fieldtui.store.passphrase import read_passphrase

    if passphrase_fd == 0 and not yes:
        raise FieldtuiError(_("the passphrase and the fingerprint question would both read "
                              "standard input"), _("add --yes after checking the fingerprint, or "
                                                   "use another descriptor"))
    if card_out is not None and not card_out.parent.is_dir():
        raise FieldtuiError(_("the folder of --card-out {card_out} does not exist")
                            .format(card_out=card_out),
                            _("create it, or give another path to --card-out"))
    home = home_path()
    interviewer = check_interviewer(interviewer)
    refuse_if_enrolled(home)  # before any question, so nobody types a passphrase for nothing
    kit = read_kit(kit_path)
    click.echo(_("Study: {study_name} ({study_id})")
               .format(study_name=kit.study_name, study_id=kit.study_id))
    click.echo(_("Supervisor key fingerprint: {supervisor_fingerprint}")
               .format(supervisor_fingerprint=kit.supervisor_fingerprint))
    if not yes and not _confirmed(
            _("Does this fingerprint match the one your supervisor read out to you? [y/N]: ")):
        raise FieldtuiError(_("enrollment stopped: the supervisor fingerprint was not confirmed"),
                            _("check the fingerprint with your supervisor, then run it again"))
    passphrase = read_passphrase(_("New passphrase for this device: "), fd=passphrase_fd,
                                 confirm=True)
    card = enroll_device(kit_path, home=home, interviewer=interviewer, passphrase=passphrase,
                         kit=kit)
    click.echo(_("Enrolled in {home}. Device card (give it to your supervisor):")
               .format(home=home))
    click.echo(_("  device id:     {device_id}").format(device_id=card.device_id))
    click.echo(_("  interviewer:   {interviewer}").format(interviewer=card.interviewer))
    click.echo(_("  study id:      {study_id}").format(study_id=card.study_id))
    click.echo(_("  signing key:   {signing_public}").format(signing_public=card.signing_public))
    click.echo(_("  age recipient: {age_recipient}").format(age_recipient=card.age_recipient))
    click.echo(_("  fingerprint:   {fingerprint}").format(fingerprint=card.fingerprint))
    if card_out is not None:
        try:
            write_atomic(card_out, card.to_json())
        except OSError as exc:
            # enrolled all the same: say so, or a rerun would only hear "already enrolled"
            raise FieldtuiError(
                _("enrolled, but the card could not be written to {card_out} ({strerror})")
                .format(card_out=card_out, strerror=exc.strerror),
                _("the same card is in {card_path}: send that file instead")
                .format(card_path=DeviceHome(home).card)) from None
        click.echo(_("Card written to {card_out}").format(card_out=one_line(str(card_out))))
