"""Home follows a `fieldtui seal` or `fieldtui sync` run in another terminal.

Its counts and drafts are read again when the app regains focus (where the terminal reports
it) and every WATCH_SECONDS while Home is the screen shown, but only when what they are
read from changed since the last read (`store.home_stamp`: a stat of each file, nothing
decrypted). Never while a dialog is open over Home or a read, a discard or a draft being
opened is under way. With nothing changed nothing is read again: the cursor stays put.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import WorkerState

from fieldtui.store.home_stamp import Stamp

if TYPE_CHECKING:
    from textual.screen import Screen

WATCH_SECONDS = 20.0  # how often Home looks, while it is shown
GROUP = "home-watch"  # the looking worker's own group
LONG_LIVED = frozenset({"writer", GROUP})  # workers that do not make Home busy


class StoreChanged(Message):
    """(From the looking worker) what the counts are read from is not as last read."""

    def __init__(self, stamp: Stamp) -> None:
        super().__init__()
        self.stamp = stamp


def may_look(screen: Screen[Any]) -> bool:
    """True while `screen` is the one shown (no dialog over it) and no worker is busy (a
    read of the sessions, a discard, a draft being opened)."""
    if not screen.is_active:
        return False
    return not any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
                   and worker.group not in LONG_LIVED for worker in screen.app.workers)
