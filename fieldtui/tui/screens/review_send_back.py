"""Send a session back to its device for correction from the review screen (`b`): what
should be corrected (`send_back_dialog`, a `LineDialog`), then the return recorded as `review --return` records it
(`supervise.returns.return_session`). Publishing it to the device stays a command
(`review DATASET --publish STUDYDIR --collector-store COLLECTOR`), which needs the
supervisor's passphrase."""

from __future__ import annotations

import sqlite3

from textual.message import Message
from textual.widget import Widget

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise.command_paths import CommandPaths, command_paths
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_conn import DatasetSpec, rollback
from fieldtui.supervise.returns import MAX_COMMENT, return_session
from fieldtui.tui.screens.line_dialog import LineAsk, LineDialog


class SentBack(Message):
    """(From the send-back worker) the return is recorded; `paths`: the dataset and study
    folder for the command that publishes it."""

    def __init__(self, session_id: str, paths: CommandPaths | None = None) -> None:
        super().__init__()
        self.session_id = session_id
        self.paths = paths or CommandPaths()


class SendBackFailed(Message):
    """(From the send-back worker) nothing was recorded: the one error line."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line


def send_back_dialog(session_id: str) -> LineDialog:
    """What should be corrected; Enter sends the session back, Escape cancels."""
    return LineDialog(LineAsk(
        question=_("Send session {session} back to its device for correction?")
        .format(session=session_id[:8]),
        prompt=_("What should be corrected? (Enter sends it back, Esc cancels)"),
        placeholder=_("comment for the interviewer"),
        missing=_("Write what should be corrected first."),
        box_id="send-back-box", input_id="send-back-comment", problem_id="send-back-problem",
        cancel_id="review.send_back.cancel", max_length=MAX_COMMENT))


def record_send_back(screen: Widget, path: DatasetSpec, session_id: str, comment: str,
                     by: str) -> None:
    """(In a worker thread) record the return; post SentBack or SendBackFailed."""
    try:
        paths = _record(path, session_id, comment, by)
    except FieldtuiError as exc:
        screen.post_message(SendBackFailed(exc.line()))
        return
    except sqlite3.OperationalError as exc:  # a merge holds the dataset (or the disk failed)
        screen.post_message(SendBackFailed(FieldtuiError(
            _("the dataset is busy or could not be written ({problem}); nothing was sent "
              "back").format(problem=exc),
            _("try again when the merge or other command writing it is done")).line()))
        return
    screen.post_message(SentBack(session_id, paths))


def _record(path: DatasetSpec, session_id: str, comment: str, by: str) -> CommandPaths:
    conn = open_dataset(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            return_session(conn, session_id, comment, {}, by)
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
        return command_paths(conn, path)
    finally:
        conn.close()
