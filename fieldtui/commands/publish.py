"""`fieldtui study publish`: sign a plan (or a plan's retirement) into the study's updates."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _


@click.command("publish")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--plan", "plan_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="A new plan, or a new version of one (its 'version' raised).")
@click.option("--retire", "retire_id", metavar="PLAN_ID", help="Retire this plan.")
@click.option("--to-device", "to_device", metavar="ID", default="all",
              help="Only this device (its id); default: every allowed device.")
@click.option("--devices", "devices", metavar="DIR|postgresql://…",
              help="The collector store (or its devices/ folder): the cards to encrypt to.")
@click.option("--collector-store", "store", metavar="DIR|postgresql://…",
              help="Also copy the study's updates into this collector store (a folder's "
                   "updates/, or a PostgreSQL store's update channel).")
@click.option("--passphrase-fd", type=int, default=None,
              help="Read the passphrase from this open file descriptor (one line).")
def publish(directory: Path, plan_file: Path | None, retire_id: str | None, to_device: str,
            devices: str | None, store: str | None, passphrase_fd: int | None) -> None:
    """Publish a signed, numbered update to the study's devices (STUDYDIR/updates/)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="fieldtui-cards-") as scratch:
        _publish(directory, plan_file, retire_id, to_device, devices, store, passphrase_fd,
                 Path(scratch))


def _publish(directory: Path, plan_file: Path | None, retire_id: str | None, to_device: str,
             devices: str | None, store: str | None, passphrase_fd: int | None,
             scratch: Path) -> None:
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import open_study, record_plans
    from fieldtui.supervise import update_publish as up
    from fieldtui.sync.collector.kinds import is_postgres, open_admin

    if (plan_file is None) == (retire_id is None):
        raise FieldtuiError(_("give one of --plan FILE or --retire PLAN_ID"),
                            _("see 'fieldtui study publish --help'"))
    source = devices or store
    if source is None:
        raise FieldtuiError(_("no device cards to encrypt the update to"),
                            _("pass --devices or --collector-store with the collector's store"))
    cards = _cards(source, scratch)
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
        record_plans(study, left, [p for p in study.plans if p.id == retire_id])
        what = f"the retirement of plan {retire_id}"
    click.echo(_("Published update {v0}: {what}, for {to_device} ({path}).")
               .format(v0=int(path.stem), what=what, to_device=to_device, path=path))
    if store is not None and is_postgres(store):
        files = [(seq, p.read_bytes()) for seq, p in sorted(up.update_files(path.parent).items())]
        admin = open_admin(store)
        try:
            copied = admin.add_updates(files)
        finally:
            admin.close()
        click.echo(_("Copied {copied} update(s) to {where}.")
                   .format(copied=copied, where=admin.where))
    elif store is not None:
        copied = up.copy_updates(path.parent, Path(store))
        click.echo(_("Copied {copied} update(s) to {v1}.")
                   .format(copied=copied, v1=Path(store) / up.UPDATES_DIR))
    else:
        click.echo(_("Copy {parent}/*.ftu into the collector store's updates/ folder (or pass "
                     "--collector-store).").format(parent=path.parent))


def _cards(source: str, scratch: Path) -> Path:
    """The folder of device cards: `source` itself, or (for a PostgreSQL collector store)
    `scratch`, filled with its cards and revocations."""
    from fieldtui.sync.collector.kinds import is_postgres, open_admin

    if not is_postgres(source):
        return Path(source)
    admin = open_admin(source)
    try:
        admin.export_cards(scratch)
    finally:
        admin.close()
    return scratch
