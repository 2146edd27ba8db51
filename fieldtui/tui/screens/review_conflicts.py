"""Conflicts to resolve, from the review screen (`c`): what differs between the kept and the
incoming revision, and keys to keep one, with a reason recorded (`reason_dialog`, a `LineDialog`).

On a read-only dataset (screens/review_read_only.py) the conflicts and what differs are shown,
and `k` and `i` are not offered (footer, F1) and, pressed anyway, refused in one line.

Text from devices arrives escaped (`supervise.review_data`); it is shown with markup off.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _
from fieldtui.supervise.conflicts import AlreadyResolved, Choice, Conflict, resolve_conflict
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.review_data import conflict_diff
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.screens.dataset_failure import tell_failure
from fieldtui.tui.screens.detail_pane import DetailPane, DetailText, detail_binding
from fieldtui.tui.screens.line_dialog import LineAsk, LineDialog
from fieldtui.tui.screens.read_only_keys import offered, refused_key
from fieldtui.tui.screens.review_messages import (
    ConflictDiffRead,
    ConflictResolved,
    ResolveFailed,
)
from fieldtui.tui.screens.review_read_only import marked, refuse
from fieldtui.tui.widgets.row_table import RowTable


def plain_cell(text: str) -> Text:
    """A table cell that shows `text` as it is: escaped, never read as markup."""
    return Text(one_line(text), no_wrap=True, overflow="ellipsis")  # cut with … to fit


def connect(path: DatasetSpec, *, read_only: bool = False) -> Dataset:
    """The dataset, for one worker thread (sqlite3 objects stay in their thread); opened
    read-only for a screen on a dataset this user cannot write."""
    return open_dataset(path, read_only=read_only)


def reason_dialog(what: str) -> LineDialog:
    """Ask why a revision is kept; Enter records it, Escape cancels."""
    return LineDialog(LineAsk(
        question=what,
        prompt=_("Why is this the revision to keep? (Enter records, Esc cancels)"),
        placeholder=_("reason"),
        missing=_("Type the reason first: it is recorded with the choice."),
        box_id="reason-box", input_id="reason", problem_id="reason-problem",
        cancel_id="review.reason.cancel"))


class ConflictsScreen(DetailPane):
    """Open conflicts: what differs, and keys to keep one revision."""

    BINDINGS: ClassVar[list[BindingType]] = [
        detail_binding("review.conflicts.detail"),
        Binding("k", "keep('kept')", N_("Keep current"), id="review.conflicts.keep_current"),
        Binding("i", "keep('incoming')", N_("Keep incoming"), id="review.conflicts.keep_incoming"),
        Binding("escape", "app.pop_screen", N_("Back"), id="review.conflicts.back"),
    ]
    CSS_PATH = "screens.tcss"
    WRITES = frozenset({"keep"})  # not offered on a read-only dataset

    def __init__(self, path: DatasetSpec, by: str, conflicts: list[Conflict], *,
                 read_only: bool = False) -> None:
        super().__init__()
        self.path, self.by, self.conflicts = path, by, conflicts
        self.read_only = read_only

    def _title(self) -> str:
        return marked(_("Conflicts to resolve: {n}").format(n=len(self.conflicts)),
                      self.read_only)

    def compose(self) -> ComposeResult:
        """Title, the list of open conflicts, the difference of the one under the cursor."""
        yield Static(self._title(), classes="screen-title", id="conflicts-title")
        table: DataTable[Text] = RowTable(id="conflicts", cursor_type="row")
        table.add_columns("#", _("Session"), _("Found"), _("Incoming bundle"))
        for c in self.conflicts:
            table.add_row(plain_cell(str(c.id)), plain_cell(c.session_id[:12]),
                          plain_cell(c.detected_at[:16]), plain_cell(c.incoming_bundle[:16]),
                          key=str(c.id))
        yield table
        # The difference scrolls (Tab moves into it): where many answers differ it was cut,
        # and a revision kept without every difference seen.
        yield DetailText(_("No open conflicts.") if not self.conflicts else "",
                         id="conflict-diff-box", text_id="conflict-diff")
        yield Footer()

    def _current(self) -> Conflict | None:
        table = self.query_one("#conflicts", DataTable)
        if not self.conflicts or table.cursor_row < 0:
            return None
        return self.conflicts[min(table.cursor_row, len(self.conflicts) - 1)]

    @on(DataTable.RowHighlighted, "#conflicts")
    def _highlighted(self) -> None:
        conflict = self._current()
        if conflict is not None:
            self.show_diff(conflict)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed dataset read or write: one line, not a traceback."""
        tell_failure(self, event)

    @work(thread=True, exclusive=True, group="review-diff", exit_on_error=False)
    def show_diff(self, conflict: Conflict) -> None:
        """Read both revisions and show what differs."""
        conn = connect(self.path, read_only=self.read_only)
        try:
            lines = conflict_diff(conn, conflict)
        finally:
            conn.close()
        self.post_message(ConflictDiffRead(conflict, "\n".join(lines)))

    def on_conflict_diff_read(self, message: ConflictDiffRead) -> None:
        """Show the difference, unless the cursor has moved to another conflict."""
        # An older read finishing last must not replace the conflict under the cursor.
        if self._current() in (None, message.conflict):
            self.query_one(DetailText).show(message.text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """k and i are dimmed once no conflict is left (the screen says so), and not
        offered on a read-only dataset."""
        if not offered(action, self.WRITES, self.read_only):
            return False
        if action == "keep":
            return True if self.conflicts else None
        return True

    def on_key(self, event: events.Key) -> None:
        """k or i pressed on a read-only dataset (not offered there), or once no conflict
        is left (dimmed, which no colour shows under NO_COLOR): say why nothing happens."""
        if self.read_only:
            refused_key(self, event, self.WRITES, lambda: refuse(self))
        elif not self.conflicts:
            refused_key(self, event, self.WRITES, lambda: say_once(
                self, _("No open conflict to keep a revision of: Escape goes back.")))

    def action_keep(self, choice: Choice) -> None:
        """Ask for a reason, then keep the chosen revision."""
        conflict = self._current()
        if conflict is None:
            say_once(self, _("No conflict selected."))
            return
        if self.read_only:
            refuse(self)
            return
        question = (_("Keep the current revision of {session}?") if choice == "kept"
                    else _("Keep the incoming revision of {session}?"))

        def done(reason: str | None) -> None:
            if reason:
                self.resolve(conflict, choice, reason)

        self.app.push_screen(reason_dialog(question.format(session=conflict.session_id)),
                             done)

    @work(thread=True, exclusive=True, group="review-resolve", exit_on_error=False)
    def resolve(self, conflict: Conflict, choice: Choice, reason: str) -> None:
        """Record the choice in the dataset, then drop the conflict from the list."""
        conn = connect(self.path)
        try:
            resolve_conflict(conn, conflict.id, choice, reason, self.by)
        except AlreadyResolved as exc:
            self.post_message(ResolveFailed(exc.line(), gone=conflict))
            return
        except FieldtuiError as exc:
            self.post_message(ResolveFailed(exc.line()))
            return
        finally:
            conn.close()
        self.post_message(ConflictResolved(conflict))

    def on_resolve_failed(self, message: ResolveFailed) -> None:
        """Say in one line why the choice was not recorded; a conflict another supervisor
        resolved meanwhile leaves the list (it is no longer open)."""
        if message.gone is not None:
            self._drop(message.gone)
        self.notify(message.line, severity="error", markup=False)

    def on_conflict_resolved(self, message: ConflictResolved) -> None:
        """Drop the resolved conflict from the list and say the reason is recorded."""
        self._drop(message.conflict)
        self.notify(_("Conflict {id} resolved; the reason is recorded.").format(
            id=message.conflict.id))

    def _drop(self, conflict: Conflict) -> None:
        if all(c.id != conflict.id for c in self.conflicts):
            return
        self.conflicts = [c for c in self.conflicts if c.id != conflict.id]
        self.query_one("#conflicts", DataTable).remove_row(str(conflict.id))
        self.query_one("#conflicts-title", Static).update(self._title())
        if not self.conflicts:
            self.query_one(DetailText).show(_("No open conflicts."))
        self.refresh_bindings()
