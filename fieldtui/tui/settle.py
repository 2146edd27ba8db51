"""Keep keys in order when a key changes what has focus.

A priority binding runs on the app's queue while keys typed just before it may still wait
in the focused widget's own queue (over SSH keys often arrive in one burst). Draining that
queue first means the text typed before Ctrl+N is in the field when it is saved, and the
keys typed after it reach the next field, not the old one.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
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


async def hand_on(app: App[Any], event: events.Key) -> None:
    """Give a key that reached a widget after the focus had left it to what has the focus
    now (or the screen), as the app would, and wait until it has been handled there and
    by the bindings it bubbles up to: the next key handed on acts after it, in order.

    A dialog the key before opened is the key's once it has mounted and taken its focus
    (given before then, to the bare dialog, the key was lost: Ctrl+R then `Bus` gave
    `us`); and the dialog's priority keys act on it as on a key typed there (the `y`
    typed behind the `e` that asks "End the meeting?")."""
    await _ready(app)
    if await app._check_bindings(event.key, priority=True):
        return
    target: Widget = app.focused or app.screen
    key = events.Key(event.key, event.character)
    key._set_forwarded()  # as the app's: once bubbled up to it, its bindings, not sent round again
    target.post_message(key)
    for node in (target, *target.ancestors):
        await _handled(node)


async def handled(node: DOMNode) -> None:
    """Wait until `node` (a widget, a screen or the app) has handled every message already
    sent to it; never from inside `node`'s own handler (it would wait on itself)."""
    await _handled(node)


async def _handled(node: DOMNode) -> None:
    """Wait until `node` has handled every message already sent to it."""
    if not node.is_running:
        return
    done = asyncio.Event()
    node.call_later(done.set)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), DRAIN_TIMEOUT)


async def _ready(app: App[Any]) -> None:
    """Wait until the app and the screen on top have done what was asked of them before
    this key: a closed dialog's answer run (a skip reason: the next item shown, its entry
    focused; the app runs it for a dialog a priority key opened); a screen just pushed
    mounted and focused (on mount, or Textual's auto focus as it resumes)."""
    await _handled(app)
    screen = app.screen
    if not screen.is_mounted:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(screen._mounted_event.wait(), DRAIN_TIMEOUT)
    await _handled(screen)
