"""`fieldtui study publish`: sign a plan (or a plan's retirement) into the study's updates."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.core.errors import FieldtuiError


@click.command("publish")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--plan", "plan_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="A new plan, or a new version of one (its 'version' raised).")
@click.option("--retire", "retire_id", metavar="PLAN_ID", help="Retire this plan.")
@click.option("--to-device", "to_device", metavar="ID", default="all",
              help="Only this device (its id); default: every allowed device.")
@click.option("--devices", "devices", type=click.Path(path_type=Path, file_okay=False),
              help="The collector store (or its devices/ folder): the cards to encrypt to.")
@click.option("--collector-store", "store", type=click.Path(path_type=Path, file_okay=False),
              help="Also copy the study's updates into this collector store's updates/.")
@click.option("--passphrase-fd", type=int, default=None,
              help="Read the passphrase from this open file descriptor (one line).")
def publish(directory: Path, plan_file: Path | None, retire_id: str | None, to_device: str,
            devices: Path | None, store: Path | None, passphrase_fd: int | None) -> None:
    """Publish a signed, numbered update to the study's devices (STUDYDIR/updates/)."""
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import open_study, record_plans
    from fieldtui.supervise import update_publish as up

    if (plan_file is None) == (retire_id is None):
        raise FieldtuiError("give one of --plan FILE or --retire PLAN_ID",
                            "see 'fieldtui study publish --help'")
    cards = devices or store
    if cards is None:
        raise FieldtuiError("no device cards to encrypt the update to",
                            "pass --devices or --collector-store with the collector's store")
    study = open_study(directory)
    up.device_recipients(cards, study.study_id, to_device)  # before the passphrase
    unlocked = study.unlock(read_passphrase("Supervisor passphrase: ", fd=passphrase_fd))
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
        record_plans(study, left)
        what = f"the retirement of plan {retire_id}"
    click.echo(f"Published update {int(path.stem)}: {what}, for {to_device} ({path}).")
    if store is not None:
        copied = up.copy_updates(path.parent, store)
        click.echo(f"Copied {copied} update(s) to {store / up.UPDATES_DIR}.")
    else:
        click.echo(f"Copy {path.parent}/*.ftu into the collector store's updates/ folder "
                   "(or pass --collector-store).")
