"""Theme coding from the review screen (`t` on a session): the session's texts (open
answers, notes, meeting quotes) with the codes they carry; `t` (or Enter) codes the text
under the cursor with codes of the codebook (Space ticks several, Enter saves: it replaces
this supervisor's codes for that text, none ticked records "no code applies"); `s` settles
a code two coders disagree on (applies or not, with a reason): the footer offers it only on
a text marked ≠, and follows the cursor. A text marked ! changed since it was coded (a
correction of the session changed its words): the earlier codes are shown, not applied;
`t` offers them ticked, and saving records them for the words as they are now. A row marked
× is an answer coded before a correction cleared it (now empty, skipped or declined): listed
after the texts with the words and codes it had, those codes count nowhere, and it has
nothing left to code. Stored as the CLI stores
them (`themes code`, `themes settle`: supervise/themes.py), so kappa, disagreements and the
feedback summary see them. On a read-only dataset (screens/review_read_only.py) the texts and
their codes are shown; `t` and `s` are not offered (footer, F1) and, like Enter, refused in
one line if pressed (screens/read_only_keys.py).

Device text is shown as it is: Text cells and Statics with markup off, escapes shown
(`supervise.theme_coding` escapes with `one_line`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec, rollback
from fieldtui.supervise.theme_coding import (
    UnitCodes,
    code_choices,
    codes_cell,
    describe,
    kind_word,
    session_codes,
)
from fieldtui.supervise.themes import code_unit, settle
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.screens.dataset_failure import tell_failure
from fieldtui.tui.screens.detail_pane import DetailPane, DetailText, detail_binding
from fieldtui.tui.screens.read_only_keys import offered, refused_key
from fieldtui.tui.screens.review_messages import CodingFailed, CodingSaved, ThemesRead
from fieldtui.tui.screens.review_read_only import marked, refuse
from fieldtui.tui.screens.theme_dialogs import CodeDialog, SettleDialog
from fieldtui.tui.widgets.row_table import RowTable

# (label, width): with a cell's padding, 78 columns at 80
COLUMNS = ((N_("Kind"), 6), (N_("Text"), 42), (N_("Codes"), 21), ("≠", 1))


def _plain(text: str) -> Text:
    return Text(one_line(text), no_wrap=True, overflow="ellipsis")


class ThemeCodingScreen(DetailPane):
    """One session's texts and their themes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        detail_binding("themes.detail"),
        Binding("t", "code", N_("Code"), id="themes.code"),
        Binding("s", "settle", N_("Settle"), id="themes.settle"),
        Binding("escape", "app.pop_screen", N_("Back"), id="themes.back"),
    ]
    CSS_PATH = "screens.tcss"
    WRITES = frozenset({"code", "settle"})  # not offered on a read-only dataset

    def __init__(self, path: DatasetSpec, by: str, session_id: str, *,
                 read_only: bool = False) -> None:
        super().__init__()
        self.path, self.by, self.session_id = path, by, session_id
        self.read_only = read_only
        self.items: list[UnitCodes] = []
        self.choices: list[tuple[str, str]] = []
        self.read = False  # the texts are read (before that, none listed means nothing)

    def compose(self) -> ComposeResult:
        """Title, the texts, the one under the cursor in full."""
        yield Static(marked(_("Reading the texts…"), self.read_only), id="themes-title",
                     classes="screen-title")
        table: DataTable[Text] = RowTable(id="themes-units", cursor_type="row")
        for label, width in COLUMNS:
            table.add_column(_(label) if label != "≠" else label, width=width)
        yield table
        # The detail scrolls (Tab moves into it): a long open answer was cut at 10 rows,
        # coded without being read whole.
        yield DetailText(id="themes-detail-box", text_id="themes-detail")
        yield Footer()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed dataset read or write: one line, not a traceback."""
        tell_failure(self, event)

    def on_mount(self) -> None:
        """Read in a thread."""
        self.load()

    @work(thread=True, exclusive=True, group="themes-load", exit_on_error=False)
    def load(self) -> None:
        """The session's texts with their codes, and the codebook."""
        conn = open_dataset(self.path, read_only=self.read_only)
        try:
            items, choices = session_codes(conn, self.session_id), code_choices(conn)
        finally:
            conn.close()
        self.post_message(ThemesRead(items, choices))

    def on_themes_read(self, message: ThemesRead) -> None:
        """Show what the worker read, keeping the cursor where it was."""
        self.items, self.choices, self.read = message.items, message.choices, True
        table = self.query_one("#themes-units", DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.items:
            # `!` changed since coded (a correction changed the words) before `≠`: the
            # codes shown were given to words it no longer has
            # `×` cleared by a correction (the answer is now empty, skipped or declined):
            # the codes shown were given to words it no longer has, nothing to code
            mark = "×" if item.cleared else "!" if item.changed or item.settled_before else (
                "≠" if item.disputed else "")
            shown = codes_cell(item)
            text = (_("(cleared) was: {text}").format(text=item.unit.text) if item.cleared
                    else item.unit.text)
            table.add_row(_plain(kind_word(item.unit.kind)), _plain(text),
                          _plain(shown), _plain(mark),
                          key=item.unit.unit)
        disputed = sum(1 for i in self.items if i.disputed)
        changed = sum(1 for i in self.items if i.changed or i.settled_before)
        cleared = sum(1 for i in self.items if i.cleared)
        texts = len(self.items) - cleared
        if self.read_only:  # no one codes here: "coding as" would not be true
            title = marked(ngettext("Themes · session {sid} · {n} text · {d} with a "
                                    "disagreement",
                                    "Themes · session {sid} · {n} texts · {d} with a "
                                    "disagreement", texts).format(sid=self.session_id[:8],
                                                                  n=texts, d=disputed), True)
        else:
            title = ngettext("Themes · session {sid} · {n} text · {d} with a disagreement · "
                             "coding as {by}",
                             "Themes · session {sid} · {n} texts · {d} with a disagreement · "
                             "coding as {by}", texts).format(sid=self.session_id[:8], n=texts,
                                                             d=disputed, by=one_line(self.by))
        if changed:
            title += " · " + _("{c} changed since coded (!)").format(c=changed)
        if cleared:
            title += " · " + _("{c} cleared by a correction (×)").format(c=cleared)
        self.query_one("#themes-title", Static).update(title)
        table.focus()
        self.refresh_bindings()  # `t` and `s` depend on what was read
        if self.items:
            table.move_cursor(row=max(0, min(row, len(self.items) - 1)))
            self._detail()
        else:
            self.query_one(DetailText).show(
                _("This session has no open answer, note or quote to code."))

    def _current(self) -> UnitCodes | None:
        row = self.query_one("#themes-units", DataTable).cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    def _detail(self) -> None:
        item = self._current()
        if item is not None:
            self.query_one(DetailText).show("\n".join(describe(item)))

    @on(DataTable.RowHighlighted, "#themes-units")
    def _highlighted(self) -> None:
        self._detail()
        self.refresh_bindings()  # `s` is offered on a disputed text only

    @on(DataTable.RowSelected, "#themes-units")
    def _selected(self) -> None:
        self.action_code()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`s` is offered only on a text with a disagreement (elsewhere it could not act:
        hidden, as home hides Discard off a draft); `t` is dimmed while no text is listed
        and hidden on a text a correction cleared (nothing left to code: `on_key` says so).
        Neither is offered on a read-only dataset (`on_key` says why not)."""
        if not offered(action, self.WRITES, self.read_only):
            return False
        if action == "settle":
            item = self._current()
            return item is not None and bool(item.disputed)
        if action == "code":
            item = self._current()
            return None if item is None else not item.cleared
        return True

    def on_key(self, event: events.Key) -> None:
        """`t` pressed on a cleared text (not offered there) or on a session with no text
        to code (dimmed, which no colour shows under NO_COLOR): say why nothing opens; `t`
        or `s` on a read-only dataset: say why not."""
        item = self._current()
        if event.key == "t" and item is not None and item.cleared:
            event.stop()
            self._nothing_to_code()
        elif event.key == "t" and self.read and not self.items:
            event.stop()
            say_once(self, _("This session has no open answer, note or quote to code."))
        elif self.read_only:
            refused_key(self, event, self.WRITES, lambda: refuse(self))

    def _nothing_to_code(self) -> None:
        say_once(self, _("This answer was cleared by the correction: nothing to code."),
                 severity="warning")

    def action_code(self) -> None:
        """Pick the codes of the text under the cursor."""
        item = self._current()
        if item is None:
            return
        if item.cleared:  # Enter on it (`t` is not offered there)
            self._nothing_to_code()
            return
        if self.read_only:
            refuse(self)
            return

        def chosen(codes: list[str] | None) -> None:
            if codes is not None:
                self.save(item.unit.unit, codes)

        self.app.push_screen(CodeDialog(item.unit.text, self.choices, item.mine(self.by)),
                             chosen)

    def action_settle(self) -> None:
        """Decide a code the coders disagree on."""
        item = self._current()
        if item is None or not item.disputed:
            return
        if self.read_only:
            refuse(self)
            return

        def decided(choice: tuple[str, bool, str] | None) -> None:
            if choice is not None:
                self.decide(item.unit.unit, *choice)

        self.app.push_screen(SettleDialog(item.disputed), decided)

    @work(thread=True, group="themes-save", exit_on_error=False)
    def save(self, unit: str, codes: list[str]) -> None:
        """Record this supervisor's codes for `unit` (as `themes code` does)."""
        self._write(lambda conn: code_unit(conn, unit, self.by, codes))

    @work(thread=True, group="themes-save", exit_on_error=False)
    def decide(self, unit: str, code: str, applies: bool, reason: str) -> None:
        """Record the decision (as `themes settle` does)."""
        self._write(lambda conn: settle(conn, unit, code, applies, reason, self.by))

    def _write(self, change: Callable[[Dataset], None]) -> None:
        conn = open_dataset(self.path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            change(conn)
            conn.execute("COMMIT")
        except FieldtuiError as exc:
            rollback(conn)
            self.post_message(CodingFailed(exc.line()))
            return
        except sqlite3.Error as exc:  # e.g. another supervisor holds the dataset
            self.post_message(CodingFailed(FieldtuiError(
                _("the dataset could not be written: {problem}").format(problem=exc), _("try again in a moment")).line()))
            return
        finally:
            conn.close()
        self.post_message(CodingSaved())

    def on_coding_saved(self, _message: CodingSaved) -> None:
        """Saved: read the texts again."""
        self.notify(_("Saved."))
        self.load()

    def on_coding_failed(self, message: CodingFailed) -> None:
        """Say in one line why nothing was recorded."""
        self.notify(message.line, severity="error", markup=False)
