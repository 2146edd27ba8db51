"""`sync`: deliver the outbox to the collector (HTTP or a folder) and act on the receipts,
then fetch and apply the study's updates (update_fetch: all of them or none).

Safe to kill and rerun at any point: the outbox and seal.json say what is pending, a
recorded receipt is finished first, and the collector answers a repeated upload with the
same receipt. Plaintext goes only after a receipt verified with the kit's collector key.
A collector that dies mid-sync ends it within 30 s with one error that says how many
bundles still wait (sealed in the outbox, sent at the next sync); receipts that came
before are acted on first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldtui.bundle.receipt import ReceiptError
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _, ngettext
from fieldtui.sealing.after_receipt import (
    accept_receipt,
    collector_key,
    finish_recorded,
    pending_bundles,
)
from fieldtui.sealing.shelf import DeviceShelf, Shelf
from fieldtui.store.device import UnlockedDevice
from fieldtui.store.home import DeviceHome
from fieldtui.store.lock import StoreLock
from fieldtui.sync.folder_transport import clean_up, drop_receipt, exchange_folder
from fieldtui.sync.http_transport import CollectorLost, exchange_http
from fieldtui.sync.outcome import Delivery
from fieldtui.sync.update_fetch import UpdatesFetched, fetch_and_apply

Progress = Callable[[int, int], None]


@dataclass
class SyncResult:
    """What a sync did: receipted bundles, refusals and failures (sha256 -> reason)."""

    target: str = ""
    receipted: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    updates: UpdatesFetched | None = None
    updates_error: FieldtuiError | None = None

    @property
    def missed(self) -> int:
        """How many bundles were not receipted (refused, or not delivered)."""
        return len(self.refused) + len(self.failed)

    def missed_line(self) -> str:
        """How many bundles were not receipted, as the error of the run says it."""
        return ngettext("{n} bundle was not receipted", "{n} bundles were not receipted",
                        self.missed).format(n=self.missed)

    def report_lines(self) -> list[tuple[str, bool]]:
        """What the sync came to, as `fieldtui sync` prints it and the app shows it: (line,
        whether it is a problem, printed on stderr). Reasons come from a collector or a
        stick: each is one escaped line. A refusal of the study's updates is a line here
        only when bundles were missed too (else it is the run's one error)."""
        lines = [(ngettext("Receipted: {n} bundle at {target}.",
                           "Receipted: {n} bundles at {target}.", len(self.receipted)).format(
            n=len(self.receipted), target=self.target), False)]
        if self.waiting:
            lines.append((_("Written to the folder, waiting for 'fieldtui collector ingest': "
                            "{n}.").format(n=len(self.waiting)), False))
        lines += [(one_line(_("Refused {bundle}: {reason}").format(bundle=sha[:12],
                                                                  reason=reason)), True)
                  for sha, reason in sorted(self.refused.items())]
        lines += [(one_line(_("Not delivered {bundle}: {reason}").format(bundle=sha[:12],
                                                                        reason=reason)), True)
                  for sha, reason in sorted(self.failed.items())]
        if self.updates is not None:
            if self.updates.last_seq == 0 and self.updates.gap is None:  # not "through 0"
                # a folder holds only what the last ingest of it wrote, not all published
                lines.append((_("Updates: none published by the study yet.")
                              if is_url(self.target) else
                              _("Updates: none in this folder yet; the study's updates are "
                                "written to it by 'fieldtui collector ingest'."), False))
            else:
                lines.append((_("Updates: {n} applied; this device holds the study's "
                                "updates through {last}.").format(
                    n=self.updates.applied, last=self.updates.last_seq), False))
            if self.updates.gap is not None:
                lines.append((_("fieldtui: warning: update {missing} is missing (the "
                                "collector offered {offered} next); the updates after it "
                                "wait — tell your supervisor").format(
                    missing=self.updates.gap[0], offered=self.updates.gap[1]), True))
        if self.updates_error is not None and self.missed:
            lines.append((one_line(_("Updates refused: {problem}").format(
                problem=self.updates_error.line())), True))
        # the address too (`--to`, or an older kit's): every line one escaped line
        return [(one_line(line), problem) for line, problem in lines]


def resolve_target(device: UnlockedDevice, target: str | None) -> str:
    """The collector URL or folder to sync with: `target`, else the kit's collector URL."""
    chosen = target or device.kit.collector_url
    if not chosen:
        raise FieldtuiError(_("the study kit names no collector address"),
                            _("give one with 'fieldtui sync --to URL' or "
                              "'--to FOLDER'"))
    return chosen


def is_url(target: str) -> bool:
    """True for an http(s) address, False for a folder."""
    return target.startswith(("http://", "https://"))


def sync(device: UnlockedDevice, target: str | None = None,
         progress: Progress | None = None, *, shelf: Shelf | None = None) -> SyncResult:
    """Send every pending bundle to `target` and finish those that come back receipted."""
    shelf = shelf if shelf is not None else DeviceShelf(device)
    chosen = resolve_target(device, target)
    key = collector_key(device.kit.collector_public)
    home = Path(device.home)
    result = SyncResult(target=chosen)
    lock = StoreLock(DeviceHome(home).seal_lock)
    try:
        with lock.held():
            result.receipted.extend(finish_recorded(home, shelf, key))
            items = [(sha, path) for sha, path in pending_bundles(home) if path.exists()]
            total, done = len(items), 0

            def on_outcome(outcome: Delivery) -> None:
                nonlocal done
                _apply(home, shelf, key, chosen, outcome, result)
                done += 1
                if progress is not None:
                    progress(done, total)

            if progress is not None:
                progress(0, total)
            if is_url(chosen):
                try:
                    asyncio.run(exchange_http(chosen, items, on_outcome))
                except CollectorLost as lost:
                    raise _stopped(lost, chosen, items, result) from None
            else:
                exchange_folder(Path(chosen), items, on_outcome)
            try:
                result.updates = fetch_and_apply(device, chosen)
            except FieldtuiError as exc:  # refused: nothing applied, the bundles still count
                result.updates_error = exc
    finally:
        lock.close()
    return result


def _stopped(lost: CollectorLost, target: str, items: list[tuple[str, Path]],
             result: SyncResult) -> FieldtuiError:
    receipted = len({sha for sha, _ in items} & set(result.receipted))
    return FieldtuiError(
        ngettext("the collector at {target} stopped answering ({why}); "
                 "{receipted} of {total} bundle was receipted, {waiting} "
                 "still waits safely in the outbox, sealed",
                 "the collector at {target} stopped answering ({why}); "
                 "{receipted} of {total} bundles were receipted, {waiting} "
                 "still wait safely in the outbox, sealed",
                 len(items)).format(target=target, why=lost.why, receipted=receipted, total=len(items), waiting=len(items) - receipted),
        _("they are sent at the next 'fieldtui sync': check the collector "
          "and the network, then run it again"))


def _apply(home: Path, shelf: Shelf, key: Ed25519PublicKey, target: str, outcome: Delivery,
           result: SyncResult) -> None:
    sha = outcome.sha256
    if outcome.receipt is not None:
        try:
            accept_receipt(home, shelf, key, sha, outcome.receipt)
        except ReceiptError as exc:
            if is_url(target):
                result.failed[sha] = exc.line()
            else:
                # an answer on a stick can be damaged; drop it (the bundle stays there), so
                # the next ingest answers afresh instead of this failing on every sync
                drop_receipt(Path(target), sha)
                result.failed[sha] = (_("{what}; the receipt was removed from the "
                                        "folder — run 'fieldtui collector ingest' "
                                        "on it again").format(what=exc.what))
            return
        result.receipted.append(sha)
        if not is_url(target):
            clean_up(Path(target), sha)
    elif outcome.refused:
        result.refused[sha] = outcome.refused
    elif outcome.failed:
        result.failed[sha] = outcome.failed
    else:
        result.waiting.append(sha)
