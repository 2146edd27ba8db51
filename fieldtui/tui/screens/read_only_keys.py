"""The keys that would write, on a screen showing a dataset read-only (a folder this user
cannot write): not offered (`check_action` False, so neither the footer nor F1's list shows
them, and their binding does not run), and if pressed anyway answered in one line. A
screen's `on_key` sees a key before the bindings do, so it can answer a hidden one.

A screen names its writing actions (`WRITES`), returns `offered(...)` from `check_action`
for them and calls `refused_key(...)` from `on_key`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from textual import events
from textual.actions import parse
from textual.binding import Binding
from textual.screen import Screen


def offered(action: str, writes: Collection[str], read_only: bool) -> bool:
    """False for a writing action of a read-only screen: hidden, not run."""
    return not (read_only and action in writes)


def refused_key(screen: Screen[Any], event: events.Key, writes: Collection[str],
                say: Callable[[], None]) -> bool:
    """If `event` is a key the screen binds to one of its writing actions, stop it and
    `say` why not; True if so. Call it only while the screen is read-only."""
    for binding in Binding.make_bindings(type(screen).BINDINGS):
        if binding.key == event.key and parse(binding.action)[1] in writes:
            event.stop()
            event.prevent_default()
            say()
            return True
    return False
