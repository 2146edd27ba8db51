"""`fieldtui study publish`: sign a plan (or a plan's retirement) into the study's updates."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _


@click.command("publish", cls=HelpCommand)
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--plan", "plan_arg", metavar="FILE|ID",
              help="A new plan, or a new version of one (its 'version' raised); with "
                   "--assign, the id of the plan assigned.")
@click.option("--retire", "retire_id", metavar="PLAN_ID", help="Retire this plan.")
@click.option("--assign", "assign_to", metavar="DEVICE_ID",
              help="Assign work to this device: --plan ID with --count N (and --quota), "
                   "or --codes FILE.")
@click.option("--count", type=click.IntRange(1, 100_000), default=None,
              help="With --assign: how many sessions (respondents or meetings).")
@click.option("--quota", "quotas", metavar="ATTRIBUTE=VALUE:N", multiple=True,
              help="With --assign: at least N sessions whose choice item ATTRIBUTE is VALUE "
                   "(repeatable).")
@click.option("--codes", "codes_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="With --assign: the respondent codes to interview, one a line.")
@click.option("--to-device", "to_device", metavar="ID", default="all",
              help="Only this device (its id); default: every allowed device.")
@click.option("--devices", "devices", metavar="DIR|postgresql://…",
              help="The collector store (or its devices/ folder): the cards to encrypt to.")
@click.option("--collector-store", "store", metavar="DIR|postgresql://…",
              help="Also copy the study's updates into this collector store (a folder's "
                   "updates/, or a PostgreSQL store's update channel).")
@click.option("--passphrase-fd", type=int, default=None,
              help="Read the passphrase from this open file descriptor (one line).")
def publish(directory: Path, plan_arg: str | None, retire_id: str | None,
            assign_to: str | None, count: int | None, quotas: tuple[str, ...],
            codes_file: Path | None, to_device: str, devices: str | None, store: str | None,
            passphrase_fd: int | None) -> None:
    """Publish a signed, numbered update to the study's devices (STUDYDIR/updates/)."""
    import tempfile

    if assign_to is None and (count is not None or quotas or codes_file is not None):
        raise FieldtuiError(_("--count, --quota and --codes go with --assign"),
                            _("add --assign DEVICE_ID"))
    with tempfile.TemporaryDirectory(prefix="fieldtui-cards-") as scratch:
        if assign_to is not None:
            from fieldtui.commands.publish_assign import publish_assignment

            if plan_arg is None or retire_id is not None:
                raise FieldtuiError(_("--assign needs --plan PLAN_ID (and no --retire)"),
                                    _("see 'fieldtui study publish --help'"))
            publish_assignment(directory, assign_to, plan_arg, count, list(quotas),
                               codes_file, devices or store, store, passphrase_fd,
                               Path(scratch))
            return
        plan_file = None if plan_arg is None else Path(plan_arg)
        if plan_file is not None and not plan_file.is_file():
            raise FieldtuiError(_("no plan file {plan_arg}").format(plan_arg=plan_arg),
                                _("give the path of a plan's TOML file"))
        _publish(directory, plan_file, retire_id, to_device, devices, store, passphrase_fd,
                 Path(scratch))


def _publish(directory: Path, plan_file: Path | None, retire_id: str | None, to_device: str,
             devices: str | None, store: str | None, passphrase_fd: int | None,
             scratch: Path) -> None:
    from fieldtui.commands.update_relay import device_cards, relay
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import open_study, record_plans
    from fieldtui.supervise import update_publish as up

    if (plan_file is None) == (retire_id is None):
        raise FieldtuiError(_("give one of --plan FILE or --retire PLAN_ID"),
                            _("see 'fieldtui study publish --help'"))
    source = devices or store
    if source is None:
        raise FieldtuiError(_("no device cards to encrypt the update to"),
                            _("pass --devices or --collector-store with the collector's store"))
    cards = device_cards(source, scratch)
    study = open_study(directory)
    up.device_recipients(cards, study.study_id, to_device)  # before the passphrase
    unlocked = study.unlock(read_passphrase(_("Supervisor passphrase: "), fd=passphrase_fd))
    if plan_file is not None:
        body, entry = up.plan_body(unlocked, plan_file)
        path = up.publish(unlocked, "plan", body, to=to_device, devices=cards)
        up.record_plan(unlocked, body, entry)
        what = f"plan {entry.id} v{entry.version}"
    else:
        assert retire_id is not None
        left = up.retire(unlocked, retire_id)
        path = up.publish(unlocked, "plan-retired", {"plan_id": retire_id}, to=to_device,
                          devices=cards)
        record_plans(study, left, [p for p in study.plans if p.id == retire_id])
        what = _("the retirement of plan {plan_id}").format(plan_id=retire_id)
    click.echo(_("Published update {seq}: {what}, for {to_device} ({path}).")
               .format(seq=int(path.stem), what=what, to_device=to_device,
                       path=one_line(str(path))))
    relay(path, store)

