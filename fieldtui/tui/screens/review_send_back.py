"""Send a session back to its device for correction from the review screen (`b`): what
should be corrected (`send_back_dialog`, a `LineDialog`), then the return recorded as `review --return` records it
(`supervise.returns.return_session`). Publishing it to the device stays a command
(`review DATASET --publish STUDYDIR --collector-store STORE`), which needs the
supervisor's passphrase.

A session already sent back and still waiting for its correction keeps one comment: `b`
again says so and starts the line with that comment, to change (its item comments, from
`review --return --item`, are kept); the notice says it is replaced and that the device
shows the new one only once published (the earlier one until then, if it went out). The
same comment again writes nothing."""

from __future__ import annotations

import sqlite3

from textual.message import Message
from textual.widget import Widget

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise.command_paths import CommandPaths, command_paths
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec, rollback
from fieldtui.supervise.returns import MAX_COMMENT, Return, get_return, return_session
from fieldtui.tui.screens.line_dialog import LineAsk, LineDialog


class SentBack(Message):
    """(From the send-back worker) the return is recorded; `paths`: the dataset and study
    folder for the command that publishes it; `earlier`: the return it replaced, still
    waiting for its correction (None: none); `changed` False: the same comment, nothing
    written."""

    def __init__(self, session_id: str, paths: CommandPaths | None = None,
                 earlier: Return | None = None, changed: bool = True) -> None:
        super().__init__()
        self.session_id = session_id
        self.paths = paths or CommandPaths()
        self.earlier = earlier
        self.changed = changed


class SendBackAsked(Message):
    """(From the worker reading the session's return) ask what should be corrected;
    `earlier`: the return still waiting for its correction, or None."""

    def __init__(self, session_id: str, earlier: Return | None) -> None:
        super().__init__()
        self.session_id = session_id
        self.earlier = earlier


class SendBackFailed(Message):
    """(From the send-back worker) nothing was recorded: the one error line."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line


def send_back_dialog(session_id: str, earlier: Return | None = None) -> LineDialog:
    """What should be corrected; Enter sends the session back, Escape cancels. A session
    already sent back: the line starts with its comment, which Enter replaces."""
    question = (_("Session {session} is already sent back for correction: change what it "
                  "says?") if earlier else
                _("Send session {session} back to its device for correction?"))
    return LineDialog(LineAsk(
        question=question.format(session=session_id[:8]),
        value=earlier.comment[:MAX_COMMENT] if earlier else "",
        prompt=_("What should be corrected? (Enter sends it back, Esc cancels)"),
        placeholder=_("comment for the interviewer"),
        missing=_("Write what should be corrected first."),
        box_id="send-back-box", input_id="send-back-comment", problem_id="send-back-problem",
        cancel_id="review.send_back.cancel", max_length=MAX_COMMENT))


def sent_back_notice(message: SentBack) -> str:
    """What the notice after `b` says: sent back, or the comment replaced (and what the
    device shows meanwhile), or nothing changed."""
    session, command = message.session_id[:8], message.paths.publish_returns()
    earlier = message.earlier
    if earlier is None:
        said = _("Session {session} is sent back for correction; this takes it to the "
                 "device: {command}")
    elif not message.changed:
        said = _("Session {session} is already sent back with this comment: nothing changed.")
    elif earlier.published_status == "returned":
        said = _("Session {session}: the comment it was sent back with is replaced; the "
                 "device shows the earlier one until this takes the new one there: {command}")
    else:
        said = _("Session {session}: the comment it was sent back with is replaced (the "
                 "earlier one had not gone to the device); this takes it there: {command}")
    said = said.format(session=session, command=command)
    return said if earlier is not None and not message.changed else message.paths.with_note(said)


def read_waiting(screen: Widget, path: DatasetSpec, session_id: str) -> None:
    """(In a worker thread) post SendBackAsked with the session's return still waiting for
    its correction, if any; SendBackFailed if the dataset cannot be read."""
    try:
        conn = open_dataset(path, read_only=True)
        try:
            earlier = _waiting(conn, session_id)
        finally:
            conn.close()
    except FieldtuiError as exc:
        screen.post_message(SendBackFailed(exc.line()))
        return
    screen.post_message(SendBackAsked(session_id, earlier))


def _waiting(conn: Dataset, session_id: str) -> Return | None:
    if conn.execute("SELECT 1 FROM returns WHERE session_id=?", (session_id,)).fetchone():
        ret = get_return(conn, session_id)
        if ret.status == "returned":
            return ret
    return None


def record_send_back(screen: Widget, path: DatasetSpec, session_id: str, comment: str,
                     by: str) -> None:
    """(In a worker thread) record the return; post SentBack or SendBackFailed."""
    try:
        paths, earlier, changed = _record(path, session_id, comment, by)
    except FieldtuiError as exc:
        screen.post_message(SendBackFailed(exc.line()))
        return
    except sqlite3.OperationalError as exc:  # a merge holds the dataset (or the disk failed)
        screen.post_message(SendBackFailed(FieldtuiError(
            _("the dataset is busy or could not be written ({problem}); nothing was sent "
              "back").format(problem=exc),
            _("try again when the merge or other command writing it is done")).line()))
        return
    screen.post_message(SentBack(session_id, paths, earlier, changed))


def _record(path: DatasetSpec, session_id: str, comment: str,
            by: str) -> tuple[CommandPaths, Return | None, bool]:
    conn = open_dataset(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            earlier = _waiting(conn, session_id)
            changed = earlier is None or earlier.comment != comment
            if changed:  # a comment replaced keeps the item comments sent with it
                return_session(conn, session_id, comment, earlier.items if earlier else {},
                               by)
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
        return command_paths(conn, path), earlier, changed
    finally:
        conn.close()
