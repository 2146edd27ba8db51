"""Where `study publish` gets the device cards and puts the updates: a collector folder
or a PostgreSQL collector store (shared by publish.py and publish_assign.py, and by the
--publish of review, followups and report feedback)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from fieldtui.core.i18n import _, ngettext


def relay(path: Path, store: str | None, *, say_none: bool = True) -> None:
    """Copy the study's updates into the collector store (or say how to); `say_none`
    False: say nothing when there was nothing to copy."""
    from fieldtui.supervise import update_publish as up
    from fieldtui.sync.collector.kinds import is_postgres, open_admin

    if store is not None and is_postgres(store):
        from fieldtui.sync.collector.pg.connect import failing_as_one_line

        files = [(seq, p.read_bytes()) for seq, p in sorted(up.update_files(path.parent).items())]
        with failing_as_one_line(store):  # a refused write (privileges): one line
            admin = open_admin(store, migrate=False)
            try:
                copied = admin.add_updates(files)
            finally:
                admin.close()
        if copied or say_none:
            click.echo(ngettext("Copied {copied} update to {where}.",
                                "Copied {copied} updates to {where}.", copied)
                       .format(copied=copied, where=admin.where))
    elif store is not None:
        copied = up.copy_updates(path.parent, Path(store))
        if copied or say_none:
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
    from fieldtui.sync.collector.pg.connect import failing_as_one_line

    with failing_as_one_line(source):  # a refused read (privileges): one line
        admin = open_admin(source, migrate=False)
        try:
            admin.export_cards(scratch)
        finally:
            admin.close()
    return scratch


STORE_METAVAR = "DIR|postgresql://…"


@contextmanager
def cards_at(source: str | None) -> Iterator[Path | None]:
    """The folder of `source`'s device cards for the command's time (a PostgreSQL
    store's exported to a scratch folder, removed after); None without a source."""
    if source is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="fieldtui-cards-") as scratch:
        yield device_cards(source, Path(scratch))
