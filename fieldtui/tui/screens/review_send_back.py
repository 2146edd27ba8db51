"""Send a session back to its device for correction from the review screen (`b`): what
should be corrected, then the return recorded as `review --return` records it
(`supervise.returns.return_session`). Publishing it to the device stays a command
(`review DATASET --publish STUDYDIR`), which needs the supervisor's passphrase."""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_conn import DatasetSpec
from fieldtui.supervise.returns import MAX_COMMENT, return_session


class SentBack(Message):
    """(From the send-back worker) the return is recorded."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class SendBackFailed(Message):
    """(From the send-back worker) nothing was recorded: the one error line."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line


class SendBackDialog(ModalScreen[str | None]):
    """What should be corrected; Enter sends the session back, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="review.send_back.cancel"),
    ]
    CSS_PATH = "screens.tcss"

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        """The question, one input line, a line for what is missing."""
        with Vertical(id="send-back-box"):
            yield Static(_("Send session {session} back to its device for correction?")
                         .format(session=self.session_id[:8]), markup=False)
            yield Static(_("What should be corrected? (Enter sends it back, Esc cancels)"))
            yield Input(placeholder=_("comment for the interviewer"), id="send-back-comment",
                        max_length=MAX_COMMENT)
            yield Static("", id="send-back-problem", markup=False)
        yield Footer()

    @on(Input.Submitted, "#send-back-comment")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())
        else:
            self.query_one("#send-back-problem", Static).update(
                _("Write what should be corrected first."))

    def action_cancel(self) -> None:
        """Leave without sending anything back."""
        self.dismiss(None)


def record_send_back(screen: Widget, path: DatasetSpec, session_id: str, comment: str,
                     by: str) -> None:
    """(In a worker thread) record the return; post SentBack or SendBackFailed."""
    try:
        _record(path, session_id, comment, by)
    except FieldtuiError as exc:
        screen.post_message(SendBackFailed(exc.line()))
        return
    except sqlite3.OperationalError as exc:  # a merge holds the dataset (or the disk failed)
        screen.post_message(SendBackFailed(FieldtuiError(
            _("the dataset is busy or could not be written ({problem}); nothing was sent "
              "back").format(problem=exc),
            _("try again when the merge or other command writing it is done")).line()))
        return
    screen.post_message(SentBack(session_id))


def _record(path: DatasetSpec, session_id: str, comment: str, by: str) -> None:
    conn = open_dataset(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            return_session(conn, session_id, comment, {}, by)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
