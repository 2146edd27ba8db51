"""Keep keys in order when a key changes what has focus.

A priority binding runs on the app's queue while keys typed just before it may still wait
in the focused widget's own queue (over SSH keys often arrive in one burst). Draining that
queue first means the text typed before Ctrl+N is in the field when it is saved, and the
keys typed after it reach the next field, not the old one.
"""

from __future__ import annotations

import asyncio
import contextlib

from textual.widget import Widget

DRAIN_TIMEOUT = 1.0


async def drain(widget: Widget | None) -> None:
    """Wait until `widget` has handled every event already sent to it."""
    if widget is None or not widget.is_attached or not widget.is_running:
        return
    done = asyncio.Event()
    widget.call_later(done.set)
    # A widget being removed may never answer: nothing more will reach it anyway.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), DRAIN_TIMEOUT)
