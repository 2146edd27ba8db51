"""The run screen's answer entries: one of each kind, mounted once and refilled.

Next and Back used to remove the entry and mount a new one: a mount, a focus change and
a rebuilt footer for every move. Here each kind of entry (text, number, date/time,
options) is mounted the first time it is needed and then refilled with the item asked;
the others stay hidden, without the `answer-entry` class, so that only the entry on
screen is found, read and saved. A roster's member list is shown in the same box, and
kept and refilled the same way. A display item (text shown) has none: all are hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widget import Widget

from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Item
from fieldtui.tui.screens.roster_flow import RosterView
from fieldtui.tui.widgets.answer_entry import entry_class, make_entry
from fieldtui.tui.widgets.member_list import MemberList

SHOWN = "answer-entry"


class EntryPool:
    """The entries kept in `box`, by kind; at most one is shown at a time."""

    def __init__(self, screen: Widget, box: str) -> None:
        self.screen, self.selector = screen, box
        self.kept: dict[type[Widget], Widget] = {}
        self.shown: Widget | None = None  # the answer entry on screen (None: a member list)
        self.current: Widget | None = None  # what is on screen: the entry or a member list

    @property
    def box(self) -> Widget:
        """The container of the entries (queried: the pool exists before the screen's
        widgets do)."""
        return self.screen.query_one(self.selector)

    def on_screen(self) -> list[Widget]:
        """The answer entry on screen, if one is (no DOM query on every key typed)."""
        return [] if self.shown is None else [self.shown]

    async def show(self, item: Item, value: Any, *, options: tuple[str, ...] | None,
                   pipe: Callable[[str], str], whole: bool = False) -> Widget:
        """The entry for `item`, showing `value`, focused; the others hidden (`whole`: a
        number item that takes whole numbers only)."""
        kind = entry_class(item)
        kept = self.kept.get(kind)
        entry = make_entry(item, value, options=options, pipe=pipe, reuse=kept, whole=whole)
        entry.disabled = item.read_only
        if item.read_only:
            # not "Answer (typed text is saved as you go)" over a box that takes no typing
            # (a field walk typed into the household survey's interviewer code: nothing
            # happened and nothing said why); every entry's refill sets its own title again
            entry.border_title = _("Filled in beforehand: it cannot be changed")
        if entry is not kept:
            self.kept[kind] = entry
            await self.box.mount(entry)
        entry.display = True
        entry.add_class(SHOWN)
        self.shown = self.current = entry
        # Focus moves straight to it (no step through another widget: one footer change).
        self.focus(entry)
        await self._hide_all_but(entry)
        return entry

    async def hide(self, focus: Widget) -> None:
        """No entry: a display item, text shown with nothing to answer; `focus` (the
        item's text) takes the focus, so Enter moves on as on any item."""
        self.shown = self.current = None
        self.screen.app.set_focus(focus)
        await self._hide_all_but(focus)

    async def show_list(self, view: RosterView) -> MemberList:
        """A roster's member list (the one shown before, refilled), focused; the entries
        hidden."""
        kept = self.kept.get(MemberList)
        widget = view.member_list(kept if isinstance(kept, MemberList) else None)
        if widget is not kept:
            self.kept[MemberList] = widget
            await self.box.mount(widget)
        widget.display = True
        widget.add_class(SHOWN)
        self.shown, self.current = None, widget
        self.focus(widget)
        await self._hide_all_but(widget)
        return widget

    def focus(self, widget: Widget) -> None:
        """Focus `widget` unless a later draw took it off screen while this one awaited
        (moves in a quick burst): that draw focuses what it shows."""
        if widget.is_attached and self.current is widget:
            self.screen.app.set_focus(widget)

    async def _hide_all_but(self, shown: Widget) -> None:
        kept = set(self.kept.values())
        gone = [w for w in self.box.children if w is not shown and w not in kept]
        for widget in kept - {shown}:
            widget.display = False
            widget.remove_class(SHOWN)
        if gone:
            await self.box.remove_children(gone)
