"""Supervisor review: sessions by interviewer with their flags, a session's detail,
`c` the conflicts to resolve (screens/review_conflicts.py), `t` the theme coding of the
session under the cursor (screens/theme_coding.py), `b` send it back for correction
(screens/review_send_back.py). On a dataset this user cannot write it opens read-only: it
browses all of that; `b` and the keys that decide are not offered (footer, F1) and, pressed
anyway, refused in one line (screens/review_read_only.py, screens/read_only_keys.py).

Text from devices arrives escaped (`supervise.review_data`); it is shown with markup off
(`Static(markup=False)`, `Text` cells), so `[bold]` from a device is shown, not applied.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import N_, _, ngettext, pgettext
from fieldtui.supervise.command_paths import dataset_arg
from fieldtui.supervise.dataset_conn import DatasetSpec, dataset_name
from fieldtui.supervise.flags import flag_words
from fieldtui.supervise.returns import poll_not_returned
from fieldtui.supervise.review_data import (
    ReviewData,
    SessionLine,
    load_review,
    session_detail,
)
from fieldtui.tui.column_fit import sized_columns
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.screens.dataset_failure import tell_failure
from fieldtui.tui.screens.detail_pane import DetailPane, DetailText, detail_binding
from fieldtui.tui.screens.held_keys import HeldKeys
from fieldtui.tui.screens.read_only_keys import offered, refused_key
from fieldtui.tui.screens.review_conflicts import ConflictsScreen, connect, plain_cell
from fieldtui.tui.screens.review_messages import (
    DetailRead,
    ReviewLoaded,
)
from fieldtui.tui.screens.review_read_only import marked, refuse
from fieldtui.tui.screens.review_send_back import (
    SendBackAsked,
    SendBackFailed,
    SentBack,
    read_waiting,
    record_send_back,
    send_back_dialog,
    sent_back_notice,
)
from fieldtui.tui.widgets.in_order_keys import run_screen_binding
from fieldtui.tui.widgets.row_table import RowTable

# Each column as wide as what it holds, within the screen's width (tui/column_fit.py: when
# they do not all fit, the widest give way, cut with …; the detail panel shows them in
# full): fixed widths left the Plan column room to spare beside "Demo Inter…" and
# "key-points, sh…". Labels are translated when shown; a wide (Chinese) label counts two
# columns. No method column: a plan has one method, so the plan's id says it (the detail
# line names it).
COLUMNS = (N_("Interviewer"), N_("Device"), N_("Date"), "Min", N_("Flags"), N_("Plan"))


def column_label(label: str) -> str:
    """A column's heading in the interface language ("Min": minutes, a short word)."""
    return pgettext("review column: minutes", "Min") if label == "Min" else _(label)


def _shown_name(spec: DatasetSpec) -> str:
    """The dataset file's name, or `host:port/dbname` of a database."""
    return Path(spec).name if isinstance(spec, Path) else dataset_name(spec)


# What t and b act on: the session under the cursor.
SESSION_KEYS = frozenset({"themes", "send_back"})


def whole_minutes(minutes: float) -> str:
    """The list's minutes: whole ones, and "<1" for a session under a minute (a 30 s
    session read "0" beside the detail's "0.5 min", as if it had lasted no time at all)."""
    return "<1" if 0 < minutes < 1 else f"{minutes:.0f}"


class ReviewScreen(DetailPane):
    """Sessions by interviewer with their flags; the detail of the one under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        detail_binding("review.detail"),
        # Short words: with Tab's "Detail" every key fits in 80 columns (en and zh);
        # help (F1) reads the longer tooltip (tests/tui/test_review_tab_said.py).
        Binding("f", "toggle_flagged", N_("Flagged"), id="review.flagged_only",
                tooltip=N_("Flagged only: show only the flagged sessions (press again: all)")),
        Binding("c", "conflicts", N_("Conflicts"), id="review.conflicts"),
        Binding("t", "themes", N_("Themes"), id="review.themes"),
        Binding("b", "send_back", N_("Send back"), id="review.send_back"),
        Binding("r", "reload", N_("Reload"), id="review.reload"),
        Binding("q", "app.quit", N_("Quit"), id="review.quit"),
    ]
    CSS_PATH = "screens.tcss"
    WRITES = frozenset({"send_back"})  # not offered on a read-only dataset

    def __init__(self, path: DatasetSpec, by: str, *, read_only: bool = False) -> None:
        super().__init__()
        self.path, self.by, self.read_only = path, by, read_only
        self.data = ReviewData([], [])
        self.flagged_only = False
        self.shown: list[SessionLine] = []
        self.held = HeldKeys()  # typed behind `b`, before its dialog opens

    def compose(self) -> ComposeResult:
        """Summary line, session table, detail panel, footer."""
        yield Static(marked(_("Reading {name}…").format(name=_shown_name(self.path)),
                            self.read_only), id="review-summary", classes="screen-title")
        table: DataTable[Text] = RowTable(id="sessions", cursor_type="row",
                                          zebra_stripes=True)
        # Columns are added with the rows, sized to them (`_fill`). The device beside the
        # name: two devices may be allowed under one name.
        yield table
        # The detail scrolls (Tab moves into it): a long return comment filled its 12 rows
        # and the flags under it were cut off, out of reach.
        yield DetailText(id="detail-box", text_id="detail")
        # Compact and without the palette hint (F1 names Ctrl+P), so every key fits in 80
        # columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed dataset read or write: one line, not a traceback. A failed read for
        `b` (a locked database) lets go the keys held for its dialog: held for good, every
        later key on this screen was swallowed."""
        if event.state == WorkerState.ERROR and event.worker.group == "review-send-back":
            self.held.drop()
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
        conn = connect(self.path, read_only=self.read_only)
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
        to_see = _("  (c to see them)") if self.read_only else _("  (c to resolve)")
        self.query_one("#review-summary", Static).update(marked(
            _("{sessions} · {flagged} flagged · {conflicts}").format(
                sessions=ngettext("{n} session", "{n} sessions", len(data.sessions)).format(
                    n=len(data.sessions)), flagged=data.flagged,
                conflicts=ngettext("{n} open conflict", "{n} open conflicts",
                                   conflicts).format(n=conflicts))
            + (to_see if conflicts else "")
            + (_("  · flagged only") if self.flagged_only else ""), self.read_only))
        table = self.query_one("#sessions", DataTable)
        # A reload (also the one on first showing) must not move the cursor off the session
        # the supervisor is on.
        row = table.cursor_row
        here = self.shown[row].session_id if 0 <= row < len(self.shown) else None
        self.shown = [s for s in data.sessions if s.flags or not self.flagged_only]
        self.refresh_bindings()  # t and b are offered only while a session is listed
        self._fill(table)
        ids = [s.session_id for s in self.shown]
        if here in ids:
            table.move_cursor(row=ids.index(here))
        if self.shown:
            self.show_detail(self.shown[max(0, min(table.cursor_row, len(self.shown) - 1))])
        else:
            self.query_one(DetailText).show(_("No sessions to show."))

    def _fill(self, table: DataTable[Text]) -> None:
        """The rows of the sessions shown, the columns sized to them."""
        rows = [(s.interviewer, s.device_id[:6], s.created[:10],
                 "" if s.minutes is None else whole_minutes(s.minutes),
                 flag_words(f.code for f in s.flags), s.plan_id) for s in self.shown]
        labels = [column_label(label) for label in COLUMNS]
        sized_columns(table, labels, rows, self.app.size.width)
        for s, cells in zip(self.shown, rows, strict=True):
            table.add_row(*(plain_cell(text) for text in cells), key=s.session_id)
        table.focus()

    def on_resize(self, event: events.Resize) -> None:
        """The columns sized again to the new width (the cursor kept on its session)."""
        table = self.query_one("#sessions", DataTable)
        row = table.cursor_row
        self._fill(table)
        if 0 <= row < len(self.shown):
            table.move_cursor(row=row)

    @on(DataTable.RowHighlighted, "#sessions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self.show_detail(self.shown[event.cursor_row])

    @work(thread=True, exclusive=True, group="review-detail", exit_on_error=False)
    def show_detail(self, line: SessionLine) -> None:
        """Show one session's detail and flags in full."""
        conn = connect(self.path, read_only=self.read_only)
        try:
            lines = session_detail(conn, line, dataset_arg(self.path), self.read_only)
        finally:
            conn.close()
        self.post_message(DetailRead(line, "\n".join(lines)))

    def on_detail_read(self, message: DetailRead) -> None:
        """Show a session's detail, unless the cursor has moved on meanwhile."""
        # Threads finish in any order: after a quick ↓↓ an older read must not win.
        row = self.query_one("#sessions", DataTable).cursor_row
        if 0 <= row < len(self.shown) and self.shown[row].session_id != message.line.session_id:
            return
        self.query_one(DetailText).show(message.text)

    def action_toggle_flagged(self) -> None:
        """Show only flagged sessions, or all of them."""
        self.flagged_only = not self.flagged_only
        self._show(self.data)

    def action_conflicts(self) -> None:
        """Open the conflicts to resolve."""
        self.app.push_screen(ConflictsScreen(self.path, self.by, self.data.conflicts,
                                             read_only=self.read_only))

    def action_themes(self) -> None:
        """Code the open answers, notes and quotes of the session under the cursor."""
        from fieldtui.tui.screens.theme_coding import ThemeCodingScreen

        row = self.query_one("#sessions", DataTable).cursor_row
        if 0 <= row < len(self.shown):
            self.app.push_screen(ThemeCodingScreen(self.path, self.by,
                                                   self.shown[row].session_id,
                                                   read_only=self.read_only))

    def action_send_back(self) -> None:
        """Ask what should be corrected, then send the session under the cursor back."""
        row = self.query_one("#sessions", DataTable).cursor_row
        if not 0 <= row < len(self.shown):
            return
        if self.read_only:
            refuse(self)
            return
        session_id = self.shown[row].session_id
        if self.shown[row].method == "poll":  # said now, not after the comment is typed
            say_once(self, poll_not_returned(session_id).line(), severity="error")
            return
        # first whether it is sent back already: then the dialog says so, with its comment
        self.held.hold()
        self.run_worker(partial(read_waiting, self, self.path, session_id), thread=True,
                        group="review-send-back", exit_on_error=False)

    async def on_send_back_asked(self, message: SendBackAsked) -> None:
        """Ask what should be corrected (what it says now, if sent back already); the keys
        typed behind `b` are the dialog's."""
        session_id = message.session_id

        def done(comment: str | None) -> None:
            self.held.done()
            if comment:
                self.run_worker(partial(record_send_back, self, self.path, session_id,
                                        comment, self.by),
                                thread=True, group="review-send-back", exit_on_error=False)

        await self.held.settle(self.app, self.focused)
        self.app.push_screen(send_back_dialog(session_id, message.earlier), done)
        await self.held.release(self.app)

    def on_sent_back(self, message: SentBack) -> None:
        """Say what was recorded and what publishes it; the detail shows the return."""
        self.notify(one_line(sent_back_notice(message)), markup=False, timeout=10)
        self.action_reload()

    def on_send_back_failed(self, message: SendBackFailed) -> None:
        """Say in one line why nothing was sent back."""
        self.held.drop()
        self.notify(message.line, severity="error", markup=False, timeout=10)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`t` and `b` are dimmed while no session is listed; `b` is not offered on a
        read-only dataset."""
        if not offered(action, self.WRITES, self.read_only):
            return False
        if action in ("themes", "send_back"):
            return True if self.shown else None
        return True

    async def on_key(self, event: events.Key) -> None:
        """`b` pressed on a read-only dataset (not offered there), or `t` or `b` while no
        session is listed (dimmed, which no colour shows under NO_COLOR): say why not.
        Keys typed behind `b` go to its dialog (`held_keys`)."""
        if self.held.take(event) or await self.held.hand_on_late(self, event):
            return
        if self.read_only and refused_key(self, event, self.WRITES, lambda: refuse(self)):
            return
        if not self.shown:
            refused_key(self, event, SESSION_KEYS, lambda: say_once(
                self, _("No session is listed: nothing to code or send back.")))
        elif event.key == "b":  # here, before the keys typed behind it reach the screen
            await run_screen_binding(self, event)

    def on_screen_resume(self) -> None:
        """Back from conflicts: a kept incoming revision changes the sessions."""
        self.action_reload()
