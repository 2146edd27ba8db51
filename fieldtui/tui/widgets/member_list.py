"""A roster's member list in an interview or a poll: add, remove (the screen confirms) and
reorder.

The widget only shows the members and says what the interviewer asked for
(`MemberList.Asked`); the run screen changes the roster (through the questionnaire walk,
`screens.roster_flow`), saves it and draws the list again.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.visual import visualize
from textual.widget import Widget

from fieldtui.core.i18n import N_, _
from fieldtui.tui.settle import drain
from fieldtui.tui.widgets.in_order_keys import InOrderKeys
from fieldtui.tui.widgets.short_text import short_prompt
from fieldtui.tui.widgets.steady_text import lay_out_again

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


TOLD_FOR = 3.0  # seconds the line saying which keys work stays up


class MemberList(InOrderKeys, Widget, can_focus=True):
    """Members in order, a cursor (▸) on one; keys a, d, Shift+↑/↓ act on it.

    Keys act in the order typed, even in a burst: a, d and the moves are priority
    bindings, run as the app takes the key, and each waits until the screen has acted on
    it (added the member and moved on to its first item, asked y/n) before the app takes
    the next key, which so reaches what the screen shows then (the first item's entry, the
    dialog); the cursor keys run in this widget's queue (`InOrderKeys`), so a move or a
    removal typed after them acts on the member they moved to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "ask('add')", N_("Add"), id="members.add", priority=True,
                tooltip=N_("Add a member at the end of the list")),
        Binding("d", "ask('remove')", N_("Remove"), id="members.remove", priority=True,
                tooltip=N_("Remove this member (asks first)")),
        Binding("shift+up,minus", "ask('up')", N_("Up"), key_display="⇧↑", priority=True,
                tooltip=N_("Move this member up"), id="members.move_up"),
        Binding("shift+down,plus", "ask('down')", N_("Down"), key_display="⇧↓", priority=True,
                tooltip=N_("Move this member down"), id="members.move_down"),
        Binding("up", "cursor(-1)", N_("Cursor up"), show=False, id="members.up"),
        Binding("down", "cursor(1)", N_("Cursor down"), show=False, id="members.down"),
    ]

    class Asked(Message):
        """The interviewer asks to add a member, or to remove or move the one under the
        cursor (`path` "" when the list is empty; `cursor` its place in the list)."""

        def __init__(self, action: str, path: str, cursor: int = 0) -> None:
            super().__init__()
            self.action = action
            self.path = path
            self.cursor = cursor

    def __init__(self, members: list[tuple[str, str]], *, open_ended: bool,
                 sized_by: str = "", cursor: int = 0, people: bool = True) -> None:
        super().__init__(classes="answer-entry")
        self.people = people  # named members ("No members yet"), else entries
        self._told_at = -TOLD_FOR  # when a key that is none here was last answered
        self.members = members  # (path, name as shown)
        self.open_ended = open_ended
        self.sized_by = sized_by
        self.cursor = max(0, min(cursor, len(members) - 1))
        self.border_title = _("Members") if people else _("Entries")

    def fill(self, members: list[tuple[str, str]], *, open_ended: bool, sized_by: str = "",
             cursor: int = 0, people: bool = True) -> None:
        """Show another list (another roster, or the same one changed) in this widget: the
        screen is laid out again only when its rows may take another height."""
        same_rows = (len(members) == len(self.members) and sized_by == self.sized_by
                     and open_ended == self.open_ended and bool(members))
        self.members = members
        self.open_ended = open_ended
        self.sized_by = sized_by
        self.cursor = max(0, min(cursor, len(members) - 1))
        self.people = people
        self.border_title = _("Members") if people else _("Entries")
        if same_rows:
            self.refresh()
        else:
            lay_out_again(self)

    @property
    def current(self) -> str:
        """The path of the member under the cursor ("" when there is none)."""
        return self.members[self.cursor][0] if self.members else ""

    def render(self) -> Text:
        """One line a member, numbered, the cursor marked ▸ (no colour needed)."""
        return self._text(self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The rows of the list at the width the layout gives it (read from the text made
        for that width: `render` asks the screen for the widget's size, which in the middle
        of a layout makes the screen arrange every widget once more)."""
        if not width:
            return 0
        rules = cast("RulesMap", self.styles)  # what Textual's own measure passes
        return visualize(self, self._text(width)).get_height(rules, width)

    def _text(self, cells: int) -> Text:
        text = Text()
        width = max(cells - 6, 10)
        if not self.members:
            # whole sentences to translate: Chinese puts no space after "。" (a space
            # joined two translated halves: "还没有条目。 按 a…")
            if self.open_ended:
                none = (_("No members yet. Press a to add the first one.") if self.people
                        else _("No entries yet. Press a to add the first one."))
            else:
                none = _("No members yet.") if self.people else _("No entries yet.")
            text.append(none, style="italic")
        for n, (_path, name) in enumerate(self.members):
            here = n == self.cursor
            if n:
                text.append("\n")
            text.append(f"{'▸' if here else ' '}{n + 1:>2}. {short_prompt(name, width)}",
                        style="bold" if here else "")
        if not self.open_ended and self.sized_by:
            for line in self.sized_by.splitlines():
                text.append("\n" + short_prompt(line, max(cells, 10)), style="italic")
        return text

    async def _on_key(self, event: events.Key) -> None:
        """A letter (or digit) that is no key here says, in one line, which keys are;
        the others act in the order typed (`InOrderKeys`)."""
        character = event.character
        # the cheap tests first: `active_bindings` walks the focus chain's bindings, and
        # most keys here (cursor keys, Enter, Tab) are not printable
        if character and event.is_printable and not character.isspace():
            bound = self.screen.active_bindings.get(event.key)
            if bound is None or not bound.enabled:
                event.stop()
                event.prevent_default()
                self.tell_keys(character)
                return
        await super()._on_key(event)

    def tell_keys(self, character: str) -> None:
        """Say which keys work on this list (a burst of stray letters says it once)."""
        self.app.bell()
        now = time.monotonic()
        if now - self._told_at < TOLD_FOR:
            return
        self._told_at = now
        keys = ("a d ⇧↑ ⇧↓ Enter" if self.open_ended  # the footer's names of the keys
                else "⇧↑ ⇧↓ Enter" if self.members else "Enter")
        # one line in the notice at 80 columns
        self.notify(_("{key} is no key here: {keys}").format(key=character, keys=keys),
                    severity="warning", timeout=TOLD_FOR, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Add and remove only on an open-ended roster (a count sizes the others)."""
        if action == "ask" and parameters and parameters[0] in ("add", "remove"):
            return self.open_ended
        return True

    async def action_ask(self, action: str) -> None:
        """Tell the screen what the interviewer asked for, once the keys typed before have
        moved the cursor, and wait until it has acted on it."""
        await drain(self)
        last = len(self.members) - 1
        if ((action != "add" and not self.members) or (action == "up" and self.cursor == 0)
                or (action == "down" and self.cursor == last)):
            self.app.bell()  # nothing to remove, or already at that end of the list
            return
        self.screen.post_message(self.Asked(action, self.current, self.cursor))
        await drain(self.screen)

    def action_cursor(self, step: int) -> None:
        """Move the cursor."""
        if self.members:
            self.cursor = max(0, min(len(self.members) - 1, self.cursor + step))
            self.refresh()
