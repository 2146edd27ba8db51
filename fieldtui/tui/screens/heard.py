"""What we heard, what we did (`w` on home): the feedback summaries the supervisors
published to every device (`report feedback --publish`), to read out to the people and
communities who took part, and the replies to concerns raised on this device.

Both came in signed `reply` updates (sync/replies.py) but are text a supervisor typed over
what devices sent: shown as plain Text, never as markup, escapes shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from fieldtui.core.concern import reply_status_word
from fieldtui.core.errors import one_line
from fieldtui.core.i18n import N_, _
from fieldtui.sync.replies import Reply, Summary, all_replies, summaries
from fieldtui.tui.widgets.hanging_lines import HangingLines

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike

class HeardRead(Message):
    """(From the worker) the summaries and replies found in the update log."""

    def __init__(self, found: list[Summary], replies: list[tuple[str, Reply]]) -> None:
        super().__init__()
        self.found = found
        self.replies = replies


def heard_text(found: list[Summary], replies: list[tuple[str, Reply]]) -> Text:
    """Everything the screen shows, as plain Text (no markup read)."""
    text = Text(overflow="fold")
    if not found:
        text.append(_("No summary has been published yet. Your supervisor publishes one "
                      "with 'fieldtui report feedback --publish'; it arrives at a sync.")
                    + "\n\n")
    for summary in found:
        release = (_(" · release {name}").format(name=one_line(summary.release))
                   if summary.release else "")
        text.append(one_line(summary.title), style="bold")
        text.append(_("  (published {when}{release})").format(
            when=one_line(summary.published[:10]), release=release) + "\n", style="dim")
        for line in summary.text.splitlines():
            text.append(one_line(line) + "\n")
        text.append("\n")
    text.append(_("Replies to concerns raised on this device"), style="bold")
    text.append("\n")
    if not replies:
        text.append(_("  None yet.") + "\n")
    for code, reply in replies:
        status = reply_status_word(reply.status)
        text.append(one_line(_(" • {code}: “{concern}” — {status}: {reply}").format(
            code=code, concern=reply.concern, status=status, reply=reply.reply)) + "\n")
    return text


class HeardScreen(Screen[None]):
    """The published summaries and the replies, to read out."""

    TITLE = N_("What we heard")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", N_("Back"), id="heard.back"),
    ]
    CSS_PATH = "screens.tcss"

    def __init__(self, device: DeviceLike) -> None:
        super().__init__()
        self.device = device

    def compose(self) -> ComposeResult:
        """Title and the text in a box that scrolls."""
        yield Static(_("What we heard, what we did"), classes="screen-title")
        with VerticalScroll(id="heard-scroll"):
            yield Static(_("Reading the updates…"), id="heard-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Read in a thread: the updates are decrypted."""
        self.query_one("#heard-scroll", VerticalScroll).focus()
        self.read()

    @work(thread=True, exclusive=True, group="heard-read")
    def read(self) -> None:
        """The summaries and replies the update log holds."""
        device = self.device
        study = device.kit.study_id
        self.post_message(HeardRead(summaries(device.home, device.identity, study),
                                    all_replies(device.home, device.identity, study)))

    def on_heard_read(self, message: HeardRead) -> None:
        """Show what was read."""
        # a wrapped reply goes on under its text, not under its bullet
        self.query_one("#heard-text", Static).update(HangingLines.of(heard_text(
            message.found, message.replies)))
