"""One line that adds a roster row: `Ana, 35-59, Renter, North, informed`, then Enter."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from fieldtui.core.i18n import N_, _
from fieldtui.core.roster import line_order
from fieldtui.tui.settle import drain
from fieldtui.tui.widgets.in_order_keys import HandsOnKeys, InOrderKeys, SubmitsInOrder


class RosterLine(HandsOnKeys, InOrderKeys, SubmitsInOrder, Input):
    """A compact entry for one participant a line; Escape hands the keys back to the roster.
    Enter adds the line before the next key is typed: lines typed in a burst stay apart;
    the keys typed behind an Escape go on to the roster (`HandsOnKeys`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", N_("Roster"), id="roster_line.done"),
    ]

    class Done(Message):
        """The interviewer has finished typing rows."""

    def __init__(self, attributes: tuple[str, ...], *, id: str | None = None,
                 labels: dict[str, str] | None = None) -> None:
        order = line_order(attributes, labels)
        super().__init__(placeholder=_("l to add: {order} ⏎").format(order=order), compact=True,
                         id=id)

    async def action_done(self) -> None:
        """Back to the roster table, before this entry takes another key."""
        self.screen.post_message(self.Done())
        await drain(self.screen)
