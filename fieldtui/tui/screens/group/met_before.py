"""A group that met before (`m` on the group prepare screen): its earlier group code, and
the replies published to the concerns raised in its meetings (sync/replies.py, keyed by
the group code as an interview's are by the respondent code). The replies are read in a
worker and shown in a dialog as plain Text (never markup), to tell the group what
happened before the meeting starts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from fieldtui.core.i18n import N_, _
from fieldtui.sync.replies import Reply
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.screens.session_saver import SessionSaver

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike


class RepliesShown(Message):
    """(From the worker) the replies found for a group code; the prepare screen takes the
    code as the meeting's."""

    def __init__(self, code: str, replies: list[Reply]) -> None:
        super().__init__()
        self.code = code
        self.replies = replies


class GroupRepliesDialog(OnceDialog[None]):
    """The replies to a group's earlier concerns; Escape or Enter closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="group_replies.close"),
        Binding("enter", "close", N_("Close"), show=False, id="group_replies.enter"),
    ]

    def __init__(self, code: str, replies: list[Reply]) -> None:
        super().__init__()
        self.code, self.replies = code, replies

    def compose(self) -> ComposeResult:
        """The replies, in a box that scrolls."""
        from fieldtui.tui.screens.returning import replies_text

        with Vertical(classes="dialog", id="group-replies-box"):
            yield Static(_("The group met before"), classes="dialog-title")
            with VerticalScroll(id="group-replies-scroll"):
                yield Static(replies_text(self.code, self.replies, group=True),
                             id="group-replies", markup=False)
            yield Static(_("Escape or Enter closes"), classes="dim")
        yield Footer()

    def action_close(self) -> None:
        """Back to the roster."""
        self.dismiss(None)


class GroupCodeKeys(Screen[None]):
    """The group code on the prepare screen: shown beside the title, saved with the first
    consent (as the session's `respondent`), `m` for a group that met before."""

    code: str
    session: SessionSaver | None
    device: DeviceLike

    def show_code(self, code: str, *, met_before: bool = False) -> None:
        """Use `code` as the group code (saved at once if the session exists)."""
        self.code = code
        self.query_one("#group-code", Static).update(
            _("Group {code}{seen} · m: met before").format(
                code=code, seen=_(" (seen before)") if met_before else ""))
        self.save_code()

    def save_code(self) -> None:
        """Save the group code once a session exists."""
        if self.session is not None and self.session.queued and self.code:
            self.session.call("set_field", "respondent", self.code)

    def action_met_before(self) -> None:
        """m: the group met before: its earlier code, and the replies to its concerns."""
        ask_group_code(self, self.device)

    @on(RepliesShown)
    def _replies_shown(self, message: RepliesShown) -> None:
        self.show_code(message.code, met_before=True)
        self.app.push_screen(GroupRepliesDialog(message.code, message.replies))


def ask_group_code(screen: Screen[Any], device: DeviceLike) -> None:
    """Ask for the group's earlier code; then read its replies off the UI thread and post
    RepliesShown to `screen` (which shows them)."""
    from fieldtui.tui.screens.returning import EarlierCodeDialog

    def read(code: str) -> None:
        from fieldtui.sync.replies import replies_for

        found = replies_for(device.home, device.identity, device.kit.study_id, code)
        screen.post_message(RepliesShown(code, found))

    def chosen(code: str | None) -> None:
        if code:
            screen.run_worker(lambda: read(code), thread=True, exclusive=True,
                              group="group-replies")

    screen.app.push_screen(EarlierCodeDialog(_("The group's earlier code")), chosen)
