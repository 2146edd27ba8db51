"""Where `study publish` gets the device cards and puts the updates: a collector folder
or a PostgreSQL collector store (shared by publish.py and publish_assign.py)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldtui.core.i18n import _, ngettext


def relay(path: Path, store: str | None) -> None:
    """Copy the study's updates into the collector store (or say how to)."""
    from fieldtui.supervise import update_publish as up
    from fieldtui.sync.collector.kinds import is_postgres, open_admin

    if store is not None and is_postgres(store):
        files = [(seq, p.read_bytes()) for seq, p in sorted(up.update_files(path.parent).items())]
        admin = open_admin(store)
        try:
            copied = admin.add_updates(files)
        finally:
            admin.close()
        click.echo(ngettext("Copied {copied} update to {where}.",
                            "Copied {copied} updates to {where}.", copied)
                   .format(copied=copied, where=admin.where))
    elif store is not None:
        copied = up.copy_updates(path.parent, Path(store))
        click.echo(ngettext("Copied {copied} update to {folder}.",
                            "Copied {copied} updates to {folder}.", copied)
                   .format(copied=copied, folder=Path(store) / up.UPDATES_DIR))
    else:
        click.echo(_("Copy {parent}/*.ftu into the collector store's updates/ folder (or pass "
                     "--collector-store).").format(parent=path.parent))


def device_cards(source: str, scratch: Path) -> Path:
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
