"""Answer entries run their own key bindings as the keys arrive, in the order typed.

Textual inserts a printable key in the focused Input or TextArea at once, in the widget's
own queue, but runs the widget's bindings (Backspace, Delete, the arrows, Home, End…) only
when the key has bubbled up to the app. In a burst (a fast typist, keys over SSH) the
letters typed after a Backspace overtake it: `25:00`, five Backspaces and `09:05` end as an
empty entry (the digits are refused by the full entry, then the Backspaces clear it), and
a move waiting for the entry to take its keys (`settle.drain`) saw none of the Backspaces.
Running the bindings in the widget's queue keeps every key in order and inside the drain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widget import Widget
from textual.widgets import Input

from fieldtui.tui.settle import drain, hand_on

if TYPE_CHECKING:
    _Base = Widget
    _InputBase = Input
else:  # a plain mixin at run time: a Widget base would reset the entry's `can_focus`
    _Base = object
    _InputBase = object


async def run_screen_binding(node: Widget, event: events.Key) -> bool:
    """Run the screen's enabled binding for this key now, in the queue `node` handles it in,
    not once the key has bubbled up to the app (the keys typed after it, handled here too,
    would act first): True when it ran, and the key is then stopped. Not while a dialog
    the key before opened is on top: the key is the dialog's (the app gives it there)."""
    if node.screen is not node.app.screen:
        return False
    bound = node.screen.active_bindings.get(event.key)
    if bound is None or not bound.enabled or bound.binding.priority:
        return False  # a priority binding: the app ran it before the key got here
    if not await node.app.run_action(bound.binding.action, bound.node):
        return False
    event.stop()
    event.prevent_default()
    return True


async def hand_on_if_covered(screen: Widget, event: events.Key) -> bool:
    """A key that reached `screen` while a dialog (one the key before opened) is on top of
    it is the dialog's: handed on there, in order (`settle.hand_on`). True when it was."""
    if screen.app.screen is screen:
        return False
    event.stop()
    event.prevent_default()
    await hand_on(screen.app, event)
    return True


async def hand_on_if_left(widget: Widget, event: events.Key) -> bool:
    """The one rule for a key that reaches `widget` after the focus has left it (typed
    behind an Enter, Esc or Tab that moved on or closed its dialog): it is not the
    widget's any more, and goes where the focus is now, in order (`settle.hand_on`).
    True when the key was not the widget's (neither its own handler nor its bindings run
    it). A key bubbled up from the widget's own focused part (a dropdown's open list) is
    left to go on up to the app's bindings as before."""
    focused = widget.app.focused
    if focused is widget:
        return False
    event.prevent_default()  # not this widget's key: not its own handler either
    if focused is not None and widget in focused.ancestors:
        return True  # the open list's key, on its way up to the bindings
    event.stop()
    await hand_on(widget.app, event)
    return True


class HandsOnKeys(_Base):
    """Put first in an entry's bases: a key that reaches it after the focus has left it
    (typed behind an Enter or Esc that moved on or closed its dialog) goes where the focus
    is now, in order (`hand_on_if_left`); it notes the last key it took
    (`hand_to_focused`)."""

    last_key: events.Key | None = None

    async def handed_on(self, event: events.Key) -> bool:
        """True when the key was not this entry's any more and went on to the focus."""
        self.last_key = event
        return await hand_on_if_left(self, event)

    async def _on_key(self, event: events.Key) -> None:
        await self.handed_on(event)


def hand_to_focused(screen: Widget, event: events.Key) -> bool:
    """A key that reached the screen, not its focused entry, because it was typed before
    the entry got the focus (a dialog or an item just shown): True when it went to the
    entry, in the entry's queue after the keys handed to it before (not waited for: the
    entry's Enter waits for the screen)."""
    focused = screen.screen.focused
    if not isinstance(focused, HandsOnKeys) or focused.last_key is event:
        return False
    event.stop()
    focused.post_message(events.Key(event.key, event.character))
    return True


FOCUS_KEYS = {"tab": 1, "shift+tab": -1}


class FocusMovesInOrder(_Base):
    """Put first in a dialog field's bases (an Input, a tick box, a dropdown): Tab and
    Shift+Tab move the focus in the field's own queue, not once bubbled up to the app, and
    a key that reaches the field after the focus has left it is handed on to where the
    focus is now (`hand_on_if_left`, as for `HandsOnKeys`): the keys typed right behind a
    Tab reach the next field, in order. A key bubbled up from the field's own focused part
    (a dropdown's open list) goes on up to the app's bindings as before."""

    async def _on_key(self, event: events.Key) -> None:
        if await hand_on_if_left(self, event):
            return
        step = FOCUS_KEYS.get(event.key)
        if step is not None:
            event.stop()
            event.prevent_default()
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()


class InOrderKeys(_Base):
    """Put first in an entry's bases: its own (non-priority) bindings run in its queue."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue  # the app ran those before the key got here
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()  # the base class's own key handler: not again
                return


class SubmitsInOrder(_InputBase):
    """Put before Input in a one-line entry's bases (after InOrderKeys): Enter hands the
    value to the screen and waits until the screen has taken it (and, say, cleared the
    entry) before the entry takes another key, so the keys typed after Enter in a burst
    are the next value's, not added to this one's."""

    async def action_submit(self) -> None:
        """Enter: the screen takes the value before this entry takes another key."""
        checked = self.validate(self.value) if "submitted" in self.validate_on else None
        self.screen.post_message(self.Submitted(self, self.value, checked))
        await drain(self.screen)
