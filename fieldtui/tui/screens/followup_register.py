"""The follow-up register on screen (`fieldtui followups DATASET --screen`).

Every concern (supervise.followups.register: by category, similar texts together; the ≈
column numbers the group within its category), overdue promises marked `LATE`; the
detail panel shows the highlighted one in full. `s` lists the statuses (the current one
marked and highlighted): Enter sets the one highlighted, Escape leaves it as it was (a
stray `s` changed the status at once, recorded as the user's, and took three more to
undo); `o` sets the owner, `r` the reply; each change is saved when given. A reply reaches the device only with `followups --publish`: the
detail says whether it was sent (and when) or not yet, and how to send it. Text from
devices is shown as it is (Text cells, markup off).

On a dataset this user cannot write it opens read-only: the title says so, and `s`, `o`
and `r` are not offered (footer, F1) and, pressed anyway, refused in one line
(screens/read_only_keys.py); nothing is written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Static

from fieldtui.core.concern import category_word, urgency_word
from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _
from fieldtui.supervise.command_paths import CommandPaths, command_paths
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.followups import (
    STATUSES,
    Entry,
    concern_counts,
    late_word,
    promise_words,
    raised_by,
    register,
    set_followup,
    status_word,
)
from fieldtui.tui.column_fit import sized_columns
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.screens.correction_choices import ChoiceDialog
from fieldtui.tui.screens.detail_pane import DetailPane, DetailText, detail_binding
from fieldtui.tui.screens.line_dialog import LineAsk, LineDialog
from fieldtui.tui.screens.read_only_keys import offered, refused_key
from fieldtui.tui.screens.review_read_only import marked, refuse
from fieldtui.tui.widgets.row_table import RowTable

# Each column as wide as what it holds (tui/column_fit.py), the concern text taking what is
# left of the screen's width; a text still too long is cut with … (the detail panel has
# the category and the concern in full). Labels are translated when shown (a wide
# character counts two columns).
COLUMNS = (N_("id"), N_("category"), "≈", N_("urg."), N_("status"), N_("due"), N_("concern"))


def _plain(text: str) -> Text:
    return Text(one_line(text), no_wrap=True, overflow="ellipsis")


def detail_text(entry: Entry, paths: CommandPaths | None = None) -> str:
    """The highlighted concern in full (escaped; shown with markup off); a command it
    suggests names the dataset and the study folder in `paths`."""
    lines = [_("{id} · {plan} · raised by {who} · {due}").format(
                 id=entry.id, plan=entry.plan_id, who=raised_by(entry),
                 due=promise_words(entry)),
             _("category {category} · urgency {urgency}").format(
                 category=category_word(entry.category), urgency=urgency_word(entry.urgency)),
             entry.description,
             _("owner: {owner} · reply: {reply}").format(owner=entry.owner or "-",
                                                          reply=entry.reply or "-")]
    delivery = delivery_text(entry, paths)
    if delivery:
        lines.append(delivery)
    return "\n".join(one_line(line) for line in lines)


def delivery_text(entry: Entry, paths: CommandPaths | None = None) -> str:
    """Whether the reply reached the device: a recorded reply goes out only with
    `followups --publish`; a concern with no respondent or group code (a poll's) only in
    the feedback summary (a poll's only when its category reaches min_cell there). Empty with no reply. The command names the dataset and study
    folder in `paths` (their placeholders when not known)."""
    if not entry.reply:
        return ""
    paths = paths or CommandPaths()
    publish = paths.publish_replies()
    if entry.method == "poll":  # listed only when min_cell raised it (feedback.py)
        return paths.with_note(_("reply goes out only in the feedback summary, if its "
                                 "category was raised in at least min_cell conversations "
                                 "of the release: {command}")
                               .format(command=paths.publish_summary(entry.plan_id)))
    if not entry.respondent:
        return paths.with_note(_("reply goes out only in the feedback summary: {command}")
                               .format(command=paths.publish_summary(entry.plan_id)))
    if entry.sent:
        return _("reply sent {when}").format(when=shown_time(entry.published_at))
    if entry.published_at:
        return paths.with_note(_("changed since sent {when}: not sent yet — publish with "
                                 "{command}").format(when=shown_time(entry.published_at),
                                                     command=publish))
    return paths.with_note(_("reply not sent yet — publish with {command}")
                           .format(command=publish))


def shown_time(stored: str) -> str:
    """A stored UTC time as `2026-12-03 02:10 UTC` (as stored if it is not one)."""
    try:
        moment = datetime.fromisoformat(stored)
    except ValueError:
        return stored[:40]
    if moment.tzinfo is None:
        return stored[:40]
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def text_prompt(question: str, value: str, max_length: int) -> LineDialog:
    """One line of text (an owner, a reply), starting with the text kept so far; Enter
    keeps it (an empty line clears it), Escape cancels."""
    return LineDialog(LineAsk(
        question=question, prompt=_("Enter keeps it · Escape cancels"), placeholder="",
        missing="", box_id="followup-prompt", input_id="followup-text",
        problem_id="followup-problem", cancel_id="followup_prompt.cancel",
        max_length=max_length, value=value, may_be_empty=True))


class FollowupRegisterScreen(DetailPane):
    """The concerns raised in the field, their owners, statuses and replies."""

    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        detail_binding("followups.detail"),
        Binding("s", "status", N_("Status"), id="followups.status"),
        Binding("o", "owner", N_("Owner"), id="followups.owner"),
        Binding("r", "reply", N_("Reply"), id="followups.reply"),
        Binding("q", "app.quit", N_("Quit"), id="followups.quit"),
    ]
    WRITES = frozenset({"status", "owner", "reply"})  # not offered on a read-only dataset

    def __init__(self, path: DatasetSpec, by: str, plan_id: str | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__()
        self.path, self.by, self.plan_id, self.read_only = path, by, plan_id, read_only
        self.entries: list[Entry] = []
        self.paths = CommandPaths()  # the dataset and study folder, for a suggested command
        self.today = datetime.now(UTC).date()

    def compose(self) -> ComposeResult:
        """Summary, table, detail, footer."""
        yield Static("", id="followup-summary", classes="screen-title", markup=False)
        table: DataTable[Text] = RowTable(id="followup-table", cursor_type="row",
                                          zebra_stripes=True)
        yield table
        # The detail scrolls (Tab moves into it): a long reply filled its 10 rows and what
        # follows it (how the reply reaches the person) was cut off, out of reach.
        yield DetailText(id="followup-detail-box", text_id="followup-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Read the register."""
        self.reload()

    def _connect(self) -> Dataset:
        return open_dataset(self.path, read_only=self.read_only)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Status, owner and reply are not offered on a read-only dataset."""
        return offered(action, self.WRITES, self.read_only)

    def on_key(self, event: events.Key) -> None:
        """`s`, `o` or `r` pressed on a read-only dataset (not offered there): say why not."""
        if self.read_only:
            refused_key(self, event, self.WRITES, self._refuse)

    def _refuse(self) -> None:
        refuse(self, _("copy it somewhere writable to change a concern"))

    def reload(self, keep: str | None = None) -> None:
        """Read the register again and show it (keeping the cursor on `keep`)."""
        conn = self._connect()
        try:
            self.entries = register(conn, self.plan_id)
            self.paths = command_paths(conn, self.path)
        finally:
            conn.close()
        late = sum(e.overdue(self.today) for e in self.entries)
        summary = " · ".join(concern_counts(len(self.entries), late))
        if self.plan_id:
            summary += " · " + _("plan {plan}").format(plan=self.plan_id)
        self.query_one("#followup-summary", Static).update(marked(one_line(summary),
                                                                  self.read_only))
        self._fill(keep)

    def _fill(self, keep: str | None = None) -> None:
        """The table of `entries`, its columns sized to them (the concern takes what is
        left); the cursor on `keep`."""
        table = self.query_one("#followup-table", DataTable)
        rows = [self._cells(e) for e in self.entries]
        labels = [_(label) if label != "≈" else label for label in COLUMNS]
        sized_columns(table, labels, rows, self.app.size.width)
        for e, cells in zip(self.entries, rows, strict=True):
            table.add_row(*(_plain(t) for t in cells), key=e.id)
        table.focus()
        ids = [e.id for e in self.entries]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        self._detail()

    def _cells(self, e: Entry) -> tuple[str, ...]:
        late_mark = late_word() + " " if e.overdue(self.today) else ""
        due = f"{late_mark}{e.due}" if e.promise else "·"
        return (e.id, category_word(e.category), str(e.group + 1), urgency_word(e.urgency),
                status_word(e.status), due, e.description)

    def on_resize(self, event: events.Resize) -> None:
        """The columns sized again to the new width."""
        entry = self.current()
        self._fill(entry.id if entry else None)

    def current(self) -> Entry | None:
        """The highlighted concern."""
        row = self.query_one("#followup-table", DataTable).cursor_row
        return self.entries[row] if 0 <= row < len(self.entries) else None

    @on(DataTable.RowHighlighted, "#followup-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        entry = self.current()
        self.query_one(DetailText).show(
            detail_text(entry, self.paths) if entry else _("No concerns raised yet."))

    def _change(self, **fields: str | None) -> None:
        entry = self.current()
        if entry is None:
            return
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            set_followup(conn, entry.id, status=fields.get("status"),
                         owner=fields.get("owner"), reply=fields.get("reply"), by=self.by)
            conn.execute("COMMIT")
        except FieldtuiError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self.notify(exc.line(), severity="error", markup=False)
            return
        finally:
            conn.close()
        self.reload(keep=entry.id)
        if fields.get("reply") is not None:
            now = self.current()
            if now is not None and now.id == entry.id and delivery_text(now):
                self.notify(one_line(delivery_text(now, self.paths)), title=_("Reply recorded"),
                            markup=False)

    def _to_change(self) -> Entry | None:
        """The highlighted concern, to change; None on a read-only dataset (said why)."""
        if self.read_only:
            self._refuse()
            return None
        entry = self.current()
        if entry is None:  # the key would do nothing at all: say why
            say_once(self, _("No concern is listed: nothing to change."))
        return entry

    def action_status(self) -> None:
        """Pick the status from the list (Escape, or Enter on the current one, changes
        nothing)."""
        entry = self._to_change()
        if entry is None:
            return

        def picked(status: str | None) -> None:
            if status is not None and status != entry.status:
                self._change(status=status)

        self.app.push_screen(ChoiceDialog(
            _("Status of concern {id}").format(id=entry.id),
            [(status, status_word(status)) for status in STATUSES], entry.status,
            hint=_("↑↓ choose · Enter sets the status · Escape leaves it as it was")), picked)

    def action_owner(self) -> None:
        """Who follows it up."""
        entry = self._to_change()
        if entry is not None:
            self.app.push_screen(text_prompt(_("Owner (who follows it up)"), entry.owner, 80),
                                 lambda text: None if text is None else self._change(owner=text))

    def action_reply(self) -> None:
        """What was done, in words the person understands (it goes back to the device)."""
        entry = self._to_change()
        if entry is not None:
            self.app.push_screen(text_prompt(_("Reply (what was done)"), entry.reply, 1000),
                                 lambda text: None if text is None else self._change(reply=text))
