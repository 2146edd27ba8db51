"""A respondent (or a group) seen before: type their earlier code, see the replies to their
concerns.

`EarlierCodeDialog` reads a code (core.respondent.normalise_code: a mistyped one is caught
by its check character). `replies_text` lays out the replies that `reply` updates brought
(sync.replies) for that code; they came from the supervisor but are shown as plain Text,
never as markup, escapes shown (`one_line`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Input, Static

from fieldtui.core.concern import reply_status_word
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _
from fieldtui.core.respondent import normalise_code
from fieldtui.sync.replies import Reply
from fieldtui.tui.screens.once_dialog import OnceDialog


class RepliesRead(Message):
    """(From a worker) the replies found for a respondent code."""

    def __init__(self, code: str, replies: list[Reply]) -> None:
        super().__init__()
        self.code = code
        self.replies = replies


def replies_text(code: str, replies: list[Reply], *, group: bool = False) -> Text:
    """What to tell a returning respondent (or group) about their earlier concerns."""
    text = Text(overflow="fold")
    if not replies:
        text.append(_("No replies yet to concerns raised by group {code}.").format(code=code)
                    if group else _("No replies yet to concerns raised by {code}.").format(code=code))
        return text
    text.append(_("Replies to group {code}'s earlier concerns (tell them what happened):")
                .format(code=code) + "\n" if group else
                _("Replies to {code}'s earlier concerns (tell them what happened):")
                .format(code=code) + "\n",
                style="bold")
    for reply in replies:  # the status in the words of the summary (a code as it is)
        text.append(one_line(_(" • “{concern}” — {status}: {reply}").format(
            concern=reply.concern, status=reply_status_word(reply.status),
            reply=reply.reply)) + "\n")
    return text


class EarlierCodeDialog(OnceDialog[str | None]):
    """The code a returning respondent was given before (on their consent form)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="earlier_code.cancel"),
    ]

    def __init__(self, title: str = N_("Their earlier respondent code")) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        """One line for the code."""
        with Vertical(classes="dialog", id="earlier-code-box"):
            yield Static(_(self.title_text), classes="dialog-title")
            yield Input(placeholder=_("e.g. R-7KQ3-M2, then Enter"), id="earlier-code",
                        max_length=20)
            yield Static("", id="earlier-code-problem", markup=False)
            yield Static(_("Enter uses it · Escape cancels"), classes="dim")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Use the code when it is a valid one."""
        event.stop()
        try:
            code = normalise_code(event.value)
        except FieldtuiError as exc:
            self.query_one("#earlier-code-problem", Static).update(f"{exc.what} — {exc.todo}")
            return
        self.dismiss(code)

    def action_cancel(self) -> None:
        """Keep the code drawn."""
        self.dismiss(None)
