"""`fieldtui merge`: open the collector's bundles with the study identity, into a dataset."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from fieldtui.commands.click_help import HelpCommand
from fieldtui.commands.dataset_arg import DATASET
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.supervise.command_paths import dataset_arg
from fieldtui.supervise.dataset_conn import DatasetSpec

if TYPE_CHECKING:
    from fieldtui.supervise.merge import StoreRead

# A PostgreSQL store's mark in the dataset names the store by its collector's public key.
PG_MARK = "pg:"
# A mark keeps the names its next read gives again (those stored by transactions that
# were running, or began, while a long one ran beside the read): past this many (a
# transaction left open for days holds the start back), no mark: the next read is whole.
MAX_AGAIN = 50_000
PASSPHRASE_FD_HELP = N_("Read the supervisor passphrase from this open file descriptor.")


@click.command(cls=HelpCommand)
@click.option("--from", "source", required=True, metavar="DIR|postgresql://…",
              help="The collector's store (a folder or a PostgreSQL database), or a folder "
                   "of .ftb bundles.")
@click.option("--into", "dataset", required=True, type=DATASET, metavar="FILE|postgresql://…",
              help="The dataset: a file, or a PostgreSQL database several supervisors "
                   "share (created on the first merge).")
@click.option("--study", "study_dir", required=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="The study folder (holds the key that opens the bundles).")
@click.option("--devices", "devices_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Where the device cards you trust are (default: the --from "
                                   "folder, when it is this study's collector store).")
@click.option("--exclude-revoked", is_flag=True,
              help="Leave out every bundle of a revoked device, even those stored before "
                   "its revocation.")
@click.option("--passphrase-fd", type=int, default=None, help=PASSPHRASE_FD_HELP)
def merge(source: str, dataset: DatasetSpec, study_dir: Path, devices_dir: Path | None,
          exclude_revoked: bool, passphrase_fd: int | None) -> None:
    """Merge new bundles into DATASET: verified, idempotent, conflicts kept for review."""
    from fieldtui.sync.collector.kinds import is_postgres

    if not is_postgres(source):
        _merge(Path(source), dataset, study_dir, devices_dir, exclude_revoked, passphrase_fd)
        return
    import tempfile

    from fieldtui.store.postgres_url import describe
    from fieldtui.sync.collector.pg.connect import failing_as_one_line
    from fieldtui.sync.collector.pg.export import export_bundles, export_cards, holds_bundles

    with tempfile.TemporaryDirectory(prefix="fieldtui-merge-") as scratch:
        with failing_as_one_line(source):  # a refused read (privileges): one line
            export_cards(source, Path(scratch))  # cards, revocations: small, read each time
            holds = holds_bundles(source)  # the names come once the dataset's mark is read

        def fetch(fresh: list[str]) -> list[str]:
            with failing_as_one_line(source):
                brought = export_bundles(source, Path(scratch), fresh)
            click.echo(ngettext("Read {count} bundle from the collector's PostgreSQL store.",
                                "Read {count} bundles from the collector's PostgreSQL store.",
                                len(brought)).format(count=len(brought)), err=True)
            return brought

        _merge(Path(scratch), dataset, study_dir, devices_dir, exclude_revoked, passphrase_fd,
               record_as=f"postgresql://{describe(source)}",  # not the scratch's name
               listing=(holds, _pg_names(source), fetch),
               cards_vouched=True)  # the database's: its login proves


def _pg_names(source: str) -> StoreRead:
    """What reads the PostgreSQL store's names for `merge_folder`: those stored since the
    mark the last merge from it left (and the mark's pending ones), else all of them."""
    from fieldtui.supervise.store_log import Mark
    from fieldtui.sync.collector.pg.connect import failing_as_one_line
    from fieldtui.sync.collector.pg.export import names_since

    def read(was: Mark | None) -> tuple[list[str], Mark | None, bool]:
        with failing_as_one_line(source):
            got = names_since(source, *(
                (was.log.removeprefix(PG_MARK), was.offset, was.below, was.last)
                if was is not None and was.log.startswith(PG_MARK) else (None,) * 4))
        mark = None if got.upto is None or len(got.again) > MAX_AGAIN else Mark(
            PG_MARK + got.store, got.upto, seen=set(got.again), below=got.below,
            last=got.last)
        if got.whole or was is None or mark is None:
            return got.names, mark, False
        mark.held = was.held
        # those given again were considered by the last merge (merged, or refused and so
        # pending): not counted twice among those already merged
        return sorted(was.pending.union(got.names).difference(was.seen - was.pending)), \
            mark, True

    return read


def _merge(source: Path, dataset: DatasetSpec, study_dir: Path, devices_dir: Path | None,
           exclude_revoked: bool, passphrase_fd: int | None,
           record_as: str | None = None,
           listing: tuple[bool, StoreRead, Callable[[list[str]], list[str]]] | None = None,
           cards_vouched: bool = False) -> None:
    """Merge the store or folder `source`; `listing`: for a store that is not a folder,
    whether it holds a bundle, what reads its names (`merge_folder`'s `read`), and what
    copies those the dataset lacks into `source` (its `fetch`); `cards_vouched`:
    `source`'s cards come from the collector itself (its database), so they need no
    proof."""
    from fieldtui.store.passphrase import read_passphrase
    from fieldtui.store.study import open_study
    from fieldtui.supervise.bundle_opener import (
        read_devices,
        revoked_lists,
        seal_order,
        study_opener,
    )
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.known_bundles import bundle_folder
    from fieldtui.supervise.merge import merge_folder
    from fieldtui.supervise.merged_names import forget_scratch
    from fieldtui.supervise.open_pool import workers_here
    from fieldtui.supervise.study_link import record_revocations, record_study, revoked_merged

    study = open_study(study_dir)
    # checked before the prompt; not listed here: merge_folder lists it only when it must
    # (a collector store merged before is read from its log), and says how many there are
    folder = bundle_folder(source)
    # what the cards and the revoked list of `source` itself say counts only when it is
    # this study's collector store; the --devices folder is the one the supervisor names
    proven = devices_dir is not None or cards_vouched or _own_store(
        source, study.collector_public)
    enrolled = read_devices(devices_dir or source, revocations=proven)
    if not proven and enrolled.keys:
        raise _own_cards_refused(source)
    for problem in enrolled.problems:
        click.echo(one_line(_("warning: device card {problem}").format(problem=problem)), err=True)
    for place in [] if proven else revoked_lists(source):
        click.echo(one_line(_("warning: the revoked list {place} is not read: {folder} is not "
                              "this study's collector store (only that store, or --devices, "
                              "says which devices were revoked)").format(
            place=place, folder=source)), err=True)
    holds = listing[0] if listing is not None else _holds_bundles(folder)
    if not enrolled.keys and not enrolled.problems and holds:
        # Every bundle would be refused as from a device "not enrolled", one line each, in
        # the collector's words: a plain folder of bundles needs the store's cards.
        raise FieldtuiError(_("no device cards in {folder}").format(folder=devices_dir or source),
                            _("pass --devices with the collector's store folder"))
    passphrase = read_passphrase(_("Supervisor passphrase: "), fd=passphrase_fd)
    unlocked = study.unlock(passphrase)
    conn = open_dataset(dataset, create=True)
    try:
        record_study(conn, study)
        # each source's revocations its own: another source's merge keeps them; a folder
        # whose list is not read neither adds to nor takes from what its path said before
        if proven:
            record_revocations(conn, enrolled.revoked, source=str(devices_dir.resolve())
                               if devices_dir else record_as or str(source.resolve()))
        # progress only for a person watching: a log or a pipe got the label alone; the
        # bar starts at the first bundle, after what `fetch` says on a line of its own
        with contextlib.ExitStack() as stack:
            bars: list[Any] = []
            seen = [0]

            def progress(done: int, total: int) -> None:
                if not bars:
                    bars.append(stack.enter_context(click.progressbar(
                        length=total, label=_("Merging"), file=sys.stderr, show_pos=True,
                        hidden=not sys.stderr.isatty())))
                bar = bars[0]
                bar.length = total
                bar.update(done - seen[0])
                seen[0] = done

            opener = study_opener(unlocked.identity, enrolled, exclude_revoked=exclude_revoked)
            report = merge_folder(conn, source, opener, order=seal_order, progress=progress,
                                  workers=workers_here(), record_as=record_as,
                                  read=None if listing is None else listing[1],
                                  fetch=None if listing is None else listing[2])
        kept = revoked_merged(conn, report.merged)
        if listing is not None:  # older fieldtui recorded this store under scratch folders
            forget_scratch(conn)
    finally:
        conn.close()
    click.echo(_("Merged {bundles}, {sessions}; {already} already in the dataset.").format(
        bundles=ngettext("{n} new bundle", "{n} new bundles", len(report.merged)).format(
            n=len(report.merged)),
        sessions=ngettext("{n} session", "{n} sessions", report.sessions_added).format(
            n=report.sessions_added),
        already=report.already))
    if report.duplicates:
        click.echo(ngettext("{duplicates} session arrived again unchanged (kept once).",
                            "{duplicates} sessions arrived again unchanged (kept once).",
                            report.duplicates)
                   .format(duplicates=report.duplicates))
    for session_id, bundle in report.conflicts:
        # the command last, whole: a quoted path cannot sit inside '…' quotes
        click.echo(one_line(_("conflict: session {session_id} arrived with other content in "
                              "bundle {bundle}…; resolve it with: {command}")
                            .format(session_id=session_id, bundle=bundle[:12],
                                    command=f"fieldtui review {dataset_arg(dataset)}")))
    for line in gap_lines(report.gaps):
        click.echo(line)
    for device, seqs in sorted(report.chain_breaks.items()):
        click.echo(_("warning: device {device}: bundle seq {seqs} does not follow from the bundle "
                     "before it (replaced or forked on the device)")
                   .format(device=device, seqs=first_ten(seqs)),
                   err=True)
    for device, count in sorted(kept.items()):
        click.echo(ngettext("warning: {count} bundle of revoked device {device}, stored before "
                            "its revocation, was merged; its sessions are flagged "
                            "revoked-device (--exclude-revoked leaves them out)",
                            "warning: {count} bundles of revoked device {device}, stored before "
                            "its revocation, were merged; their sessions are flagged "
                            "revoked-device (--exclude-revoked leaves them out)", count)
                   .format(count=count, device=device), err=True)
    for name, reason in report.refused:
        click.echo(one_line(_("refused: {name}: {reason}")
                            .format(name=name, reason=reason)), err=True)
    if report.refused:
        # The good bundles are in; a non-zero exit still tells scripts something needs a look.
        # "the rest merged" only when there was a rest: a folder of refused bundles alone
        # (another study's, all damaged) merged nothing.
        what = (ngettext("{refused} bundle refused and skipped; the rest merged",
                         "{refused} bundles refused and skipped; the rest merged",
                         len(report.refused)) if report.merged or report.already else
                ngettext("{refused} bundle refused; nothing was merged",
                         "{refused} bundles refused; nothing was merged", len(report.refused)))
        raise FieldtuiError(
            what.format(refused=len(report.refused)),
            _("see the reasons above, and ask the devices concerned to seal and sync again"),
        )


def _own_store(source: Path, collector_public: str) -> bool:
    """Whether `source` is this study's collector store, so that its own cards and revoked
    list count.

    A card is only an id and a key that agree, and the study's recipients are in every
    kit: a folder's own cards vouch for nothing unless the folder holds the collector key
    the study records (the collector allowed those cards: `collector allow`, `ingest`);
    nor does its revoked list, which anyone can write (naming a good device there flagged
    its sessions revoked-device)."""
    from fieldtui.store.collector_key import holds_key

    return holds_key(source, collector_public)


def _own_cards_refused(source: Path) -> FieldtuiError:
    """Why the cards of `source` itself are refused (it is not the study's store)."""
    from fieldtui.core.shell_arg import path_arg

    return FieldtuiError(
        _("the device cards in {folder} vouch only for themselves: it is not this study's "
          "collector store").format(folder=source),
        _("ingest it into the collector first (fieldtui collector ingest {folder} --store "
          "STORE), or name the cards you trust with --devices STORE")
        .format(folder=path_arg(str(source), "DIR")))


def _holds_bundles(folder: Path) -> bool:
    """Whether `folder` has at least one .ftb file (stops at the first)."""
    import os

    with os.scandir(folder) as entries:
        return any(entry.name.endswith(".ftb") for entry in entries)


def gap_lines(gaps: dict[str, list[int]]) -> list[str]:
    """One line per device with missing seq numbers (the first ten of them)."""
    lines = []
    for device, missing in sorted(gaps.items()):
        lines.append(one_line(_("gap: device {device} has no bundle with seq {shown} yet (not "
                                "synced, or lost)").format(device=device,
                                                           shown=first_ten(missing))))
    return lines


def first_ten(seqs: list[int]) -> str:
    """The first ten seq numbers, and '…' after them when there are more: a device numbers
    its bundles and names the one before each, so a line of all of them (every seq of a
    chain broken at each bundle) is as long as the device makes it."""
    return _(", ").join(str(n) for n in seqs[:10]) + (" …" if len(seqs) > 10 else "")
