"""Supervisor review: sessions by interviewer with their flags, a session's detail,
conflicts to resolve (keep one revision, with a reason recorded), and `t` the theme coding
of the session under the cursor (screens/theme_coding.py).

Text from devices arrives escaped (`supervise.review_data`); it is shown with markup off
(`Static(markup=False)`, `Text` cells), so `[bold]` from a device is shown, not applied.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import Worker

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _, pgettext
from fieldtui.supervise.conflicts import Choice, Conflict, resolve_conflict
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec, dataset_name
from fieldtui.supervise.flags import flag_word
from fieldtui.supervise.review_data import (
    ReviewData,
    SessionLine,
    conflict_diff,
    load_review,
    session_detail,
    session_word,
)
from fieldtui.tui.screens.dataset_failure import tell_failure
from fieldtui.tui.screens.review_messages import (
    ConflictDiffRead,
    ConflictResolved,
    DetailRead,
    ResolveFailed,
    ReviewLoaded,
)

# (label, width): with a cell's padding on both sides, 78 columns, one to spare for the
# scroll bar of a long list at 80 columns. Labels are translated when shown; a wide
# (Chinese) label counts two columns and fits the same width.
COLUMNS = ((N_("Interviewer"), 11), (N_("Device"), 6), (N_("Date"), 10), ("Min", 3),
           (N_("Flags"), 15), (N_("Plan"), 10), (N_("Method"), 9))


def column_label(label: str) -> str:
    """A column's heading in the interface language ("Min": minutes, a short word)."""
    return pgettext("review column: minutes", "Min") if label == "Min" else _(label)


def _plain(text: str) -> Text:
    """A table cell that shows `text` as it is: escaped, never read as markup."""
    return Text(one_line(text), no_wrap=True, overflow="ellipsis")  # cut with … to fit


def _shown_name(spec: DatasetSpec) -> str:
    """The dataset file's name, or `host:port/dbname` of a database."""
    return Path(spec).name if isinstance(spec, Path) else dataset_name(spec)


def _connect(path: DatasetSpec) -> Dataset:
    # Each worker thread opens its own connection: sqlite3 objects stay in their thread.
    return open_dataset(path)


class ReasonDialog(ModalScreen[str | None]):
    """Ask why a revision is kept; Enter records it, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="review.reason.cancel"),
    ]
    CSS_PATH = "screens.tcss"

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        """The question and one input line."""
        with Vertical(id="reason-box"):
            yield Static(one_line(self.what), markup=False)
            yield Static(_("Why is this the revision to keep? (Enter records, Esc cancels)"))
            yield Input(placeholder=_("reason"), id="reason")
        yield Footer()

    @on(Input.Submitted, "#reason")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Leave without resolving."""
        self.dismiss(None)


class ConflictsScreen(Screen[None]):
    """Open conflicts: what differs, and keys to keep one revision."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "keep('kept')", N_("Keep current"), id="review.conflicts.keep_current"),
        Binding("i", "keep('incoming')", N_("Keep incoming"), id="review.conflicts.keep_incoming"),
        Binding("escape", "app.pop_screen", N_("Back"), id="review.conflicts.back"),
    ]
    CSS_PATH = "screens.tcss"

    def __init__(self, path: DatasetSpec, by: str, conflicts: list[Conflict]) -> None:
        super().__init__()
        self.path, self.by, self.conflicts = path, by, conflicts

    def compose(self) -> ComposeResult:
        """Title, the list of open conflicts, the difference of the one under the cursor."""
        yield Static(_("Conflicts to resolve: {n}").format(n=len(self.conflicts)),
                     classes="screen-title",
                     id="conflicts-title")
        table: DataTable[Text] = DataTable(id="conflicts", cursor_type="row")
        table.add_columns("#", _("Session"), _("Found"), _("Incoming bundle"))
        for c in self.conflicts:
            table.add_row(_plain(str(c.id)), _plain(c.session_id[:12]),
                          _plain(c.detected_at[:16]), _plain(c.incoming_bundle[:16]),
                          key=str(c.id))
        yield table
        yield Static(_("No open conflicts.") if not self.conflicts else "", id="conflict-diff",
                     markup=False)
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
        conn = _connect(self.path)
        try:
            lines = conflict_diff(conn, conflict)
        finally:
            conn.close()
        self.post_message(ConflictDiffRead(conflict, "\n".join(lines)))

    def on_conflict_diff_read(self, message: ConflictDiffRead) -> None:
        """Show the difference, unless the cursor has moved to another conflict."""
        # An older read finishing last must not replace the conflict under the cursor.
        if self._current() in (None, message.conflict):
            self.query_one("#conflict-diff", Static).update(message.text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """k and i are dimmed once no conflict is left (the screen says so)."""
        if action == "keep":
            return True if self.conflicts else None
        return True

    def action_keep(self, choice: Choice) -> None:
        """Ask for a reason, then keep the chosen revision."""
        conflict = self._current()
        if conflict is None:
            self.notify(_("No conflict selected."))
            return
        question = (_("Keep the current revision of {session}?") if choice == "kept"
                    else _("Keep the incoming revision of {session}?"))

        def done(reason: str | None) -> None:
            if reason:
                self.resolve(conflict, choice, reason)

        self.app.push_screen(ReasonDialog(question.format(session=conflict.session_id)), done)

    @work(thread=True, exclusive=True, group="review-resolve", exit_on_error=False)
    def resolve(self, conflict: Conflict, choice: Choice, reason: str) -> None:
        """Record the choice in the dataset, then drop the conflict from the list."""
        conn = _connect(self.path)
        try:
            resolve_conflict(conn, conflict.id, choice, reason, self.by)
        except FieldtuiError as exc:
            self.post_message(ResolveFailed(exc.line()))
            return
        finally:
            conn.close()
        self.post_message(ConflictResolved(conflict))

    def on_resolve_failed(self, message: ResolveFailed) -> None:
        """Say in one line why the choice was not recorded."""
        self.notify(message.line, severity="error", markup=False)

    def on_conflict_resolved(self, message: ConflictResolved) -> None:
        """Drop the resolved conflict from the list and say the reason is recorded."""
        conflict = message.conflict
        self.conflicts = [c for c in self.conflicts if c.id != conflict.id]
        self.query_one("#conflicts", DataTable).remove_row(str(conflict.id))
        self.query_one("#conflicts-title", Static).update(
            _("Conflicts to resolve: {n}").format(n=len(self.conflicts)))
        if not self.conflicts:
            self.query_one("#conflict-diff", Static).update(_("No open conflicts."))
        self.refresh_bindings()
        self.notify(_("Conflict {id} resolved; the reason is recorded.").format(id=conflict.id))


class ReviewScreen(Screen[None]):
    """Sessions by interviewer with their flags; the detail of the one under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "toggle_flagged", N_("Flagged only"), id="review.flagged_only"),
        Binding("c", "conflicts", N_("Conflicts"), id="review.conflicts"),
        Binding("t", "themes", N_("Themes"), id="review.themes"),
        Binding("r", "reload", N_("Reload"), id="review.reload"),
        Binding("q", "app.quit", N_("Quit"), id="review.quit"),
    ]
    CSS_PATH = "screens.tcss"

    def __init__(self, path: DatasetSpec, by: str) -> None:
        super().__init__()
        self.path, self.by = path, by
        self.data = ReviewData([], [])
        self.flagged_only = False
        self.shown: list[SessionLine] = []

    def compose(self) -> ComposeResult:
        """Summary line, session table, detail panel, footer."""
        yield Static(_("Reading {name}…").format(name=_shown_name(self.path)), id="review-summary",
                     classes="screen-title")
        table: DataTable[Text] = DataTable(id="sessions", cursor_type="row",
                                           zebra_stripes=True)
        # Fixed widths, so that every column is on screen at 80 columns: a long name, list
        # of flags or plan id is cut with … (the detail panel shows them in full). The
        # device beside the name: two devices may be allowed under one name.
        for label, width in COLUMNS:
            table.add_column(column_label(label), width=width)
        yield table
        yield Static("", id="detail", markup=False)
        yield Footer()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed dataset read or write: one line, not a traceback."""
        tell_failure(self, event)

    def on_mount(self) -> None:
        """Load in a thread: flags on a large dataset take a moment."""
        self.action_reload()

    def action_reload(self) -> None:
        """Read the dataset again."""
        self.load()

    @work(thread=True, exclusive=True, group="review-load", exit_on_error=False)
    def load(self) -> None:
        """Sessions, flags and conflicts from the dataset."""
        conn = _connect(self.path)
        try:
            data = load_review(conn)
        finally:
            conn.close()
        self.post_message(ReviewLoaded(data))

    def on_review_loaded(self, message: ReviewLoaded) -> None:
        """Show what the load worker read."""
        self._show(message.data)

    def _show(self, data: ReviewData) -> None:
        self.data = data
        conflicts = len(data.conflicts)
        self.query_one("#review-summary", Static).update(
            _("{sessions} sessions · {flagged} flagged · {conflicts} open conflict(s)").format(
                sessions=len(data.sessions), flagged=data.flagged, conflicts=conflicts)
            + (_("  (c to resolve)") if conflicts else "")
            + (_("  · flagged only") if self.flagged_only else ""))
        table = self.query_one("#sessions", DataTable)
        # A reload (also the one on first showing) must not move the cursor off the session
        # the supervisor is on.
        row = table.cursor_row
        here = self.shown[row].session_id if 0 <= row < len(self.shown) else None
        self.shown = [s for s in data.sessions if s.flags or not self.flagged_only]
        table.clear()
        for s in self.shown:
            minutes = "" if s.minutes is None else f"{s.minutes:.0f}"
            codes = ", ".join(flag_word(c) for c in sorted({f.code for f in s.flags})) or "·"
            cells = (s.interviewer, s.device_id[:6], s.created[:10], minutes, codes,
                     s.plan_id, session_word(s.method))
            table.add_row(*(_plain(text) for text in cells), key=s.session_id)
        table.focus()
        ids = [s.session_id for s in self.shown]
        if here in ids:
            table.move_cursor(row=ids.index(here))
        if self.shown:
            self.show_detail(self.shown[max(0, min(table.cursor_row, len(self.shown) - 1))])
        else:
            self.query_one("#detail", Static).update(_("No sessions to show."))

    @on(DataTable.RowHighlighted, "#sessions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self.show_detail(self.shown[event.cursor_row])

    @work(thread=True, exclusive=True, group="review-detail", exit_on_error=False)
    def show_detail(self, line: SessionLine) -> None:
        """Show one session's detail and flags in full."""
        conn = _connect(self.path)
        try:
            lines = session_detail(conn, line)
        finally:
            conn.close()
        self.post_message(DetailRead(line, "\n".join(lines)))

    def on_detail_read(self, message: DetailRead) -> None:
        """Show a session's detail, unless the cursor has moved on meanwhile."""
        # Threads finish in any order: after a quick ↓↓ an older read must not win.
        row = self.query_one("#sessions", DataTable).cursor_row
        if 0 <= row < len(self.shown) and self.shown[row].session_id != message.line.session_id:
            return
        self.query_one("#detail", Static).update(message.text)

    def action_toggle_flagged(self) -> None:
        """Show only flagged sessions, or all of them."""
        self.flagged_only = not self.flagged_only
        self._show(self.data)

    def action_conflicts(self) -> None:
        """Open the conflicts to resolve."""
        self.app.push_screen(ConflictsScreen(self.path, self.by, self.data.conflicts))

    def action_themes(self) -> None:
        """Code the open answers, notes and quotes of the session under the cursor."""
        from fieldtui.tui.screens.theme_coding import ThemeCodingScreen

        row = self.query_one("#sessions", DataTable).cursor_row
        if 0 <= row < len(self.shown):
            self.app.push_screen(ThemeCodingScreen(self.path, self.by,
                                                   self.shown[row].session_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`t` is dimmed while no session is listed."""
        if action == "themes":
            return True if self.shown else None
        return True

    def on_screen_resume(self) -> None:
        """Back from conflicts: a kept incoming revision changes the sessions."""
        self.action_reload()
