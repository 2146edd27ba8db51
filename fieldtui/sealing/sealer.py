"""Sealing on the device: complete sessions become bundles in outbox/, one per session.

One session per bundle, because a receipt then frees exactly one session's plaintext, a
bundle that is too large or refused holds back only its own session, and a sync cut short
resumes session by session. The cost, about 1.3 KB and one request per session, is small
at fieldwork rates.

Order, so that a kill at any instant loses nothing and never seals a session twice:
bundle written to outbox/ -> seal.json (seq, previous, pending) -> session marked sealed.
A bundle in outbox/ that seal.json does not name was never recorded: it is removed and the
session sealed again. A pending session still marked complete is marked sealed.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fieldtui.bundle.envelope import MAX_BUNDLE_BYTES
from fieldtui.bundle.seal import seal
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, ngettext
from fieldtui.sealing.assigned import held_assignments, quota_attributes
from fieldtui.sealing.shelf import DeviceShelf, Shelf
from fieldtui.sealing.state import load_state, save_state
from fieldtui.store.assignment_tally import record as record_tally
from fieldtui.store.device import UnlockedDevice
from fieldtui.store.durable import private_dir, write_new
from fieldtui.store.home import DeviceHome
from fieldtui.store.lock import StoreLock

Progress = Callable[[int, int], None]


@dataclass
class SealResult:
    """What a seal run did: bundles written (sha256 -> session id) and sessions held back."""

    sealed: dict[str, str] = field(default_factory=dict)
    too_large: list[str] = field(default_factory=list)

    def summary(self, outbox: Path) -> str:
        """The line `fieldtui seal` and the app show after sealing some sessions."""
        return ngettext("Sealed {n} session into a bundle in {outbox}.",
                        "Sealed {n} sessions into bundles in {outbox}.",
                        len(self.sealed)).format(n=len(self.sealed), outbox=outbox)


def seal_all(device: UnlockedDevice, progress: Progress | None = None, *,
             shelf: Shelf | None = None, max_size: int = MAX_BUNDLE_BYTES) -> SealResult:
    """Seal every complete session of the device into its own bundle in outbox/."""
    shelf = shelf if shelf is not None else DeviceShelf(device)
    home = Path(device.home)
    layout = DeviceHome(home)
    private_dir(layout.outbox)
    lock = StoreLock(layout.seal_lock)
    try:
        with lock.held():
            return _seal_locked(device, shelf, layout, progress, max_size)
    finally:
        lock.close()


def _seal_locked(device: UnlockedDevice, shelf: Shelf, layout: DeviceHome,
                 progress: Progress | None, max_size: int) -> SealResult:
    home = layout.root
    state = load_state(home)
    _tidy_outbox(layout, set(state.pending))
    pending = state.sealed_sessions()
    todo = [sid for sid in shelf.complete() if sid not in pending]
    for sid in shelf.complete():
        if sid in pending:
            shelf.set_status(sid, "sealed")  # an earlier run stopped just before this
    result = SealResult()
    assigned = _assigned(device) if todo else {}
    for done, sid in enumerate(todo, start=1):
        document = shelf.document(sid)
        attrs = assigned.get(str((document.get("plan") or {}).get("id")))
        if attrs is not None:  # before the bundle exists: its plaintext goes at the receipt
            record_tally(home, str(device.identity.to_public()), document, attrs)
        data = seal(sessions=[document], signing_key=device.signing_key,
                    study_id=device.kit.study_id, interviewer=device.interviewer,
                    recipients=list(device.kit.recipients), seq=state.seq + 1,
                    previous=state.previous)
        if len(data) > max_size:
            result.too_large.append(sid)
        else:
            sha = hashlib.sha256(data).hexdigest()
            write_new(layout.bundle(sha), data)
            state.seq += 1
            state.previous = sha
            state.pending[sha] = {"seq": state.seq, "sessions": [sid]}
            save_state(home, state)
            shelf.set_status(sid, "sealed")
            result.sealed[sha] = sid
        if progress is not None:
            progress(done, len(todo))
    if result.too_large:
        raise TooLarge(result, max_size)
    return result


def _assigned(device: UnlockedDevice) -> dict[str, set[str]]:
    """Plan id -> quota attributes of this device's assignments ({} when it has none, or
    they cannot be read: sealing never waits on them)."""
    identity = getattr(device, "identity", None)
    if identity is None:
        return {}
    try:
        return quota_attributes(held_assignments(device.home, identity, device.kit.study_id,
                                                 device.device_id))
    except (FieldtuiError, OSError):
        return {}


class TooLarge(FieldtuiError):
    """Some sessions make bundles above the size cap; the others were sealed."""

    def __init__(self, result: SealResult, max_size: int) -> None:
        names = ", ".join(sid[:8] for sid in result.too_large)
        super().__init__(
            ngettext("{too_large} session would make a bundle larger than "
                     "{max_size} MiB ({names}); {sealed} sealed",
                     "{too_large} sessions would make a bundle larger than "
                     "{max_size} MiB ({names}); {sealed} sealed",
                     len(result.too_large)).format(too_large=len(result.too_large), max_size=max_size // (1024 * 1024), names=names, sealed=len(result.sealed)),
            _("shorten their notes or ask your supervisor; those sessions "
              "stay unsealed"),
        )
        self.result = result


def _tidy_outbox(layout: DeviceHome, pending: set[str]) -> None:
    # a bundle written just before a kill, never recorded in seal.json, was never sent
    for path in layout.bundles():
        if path.stem not in pending:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
