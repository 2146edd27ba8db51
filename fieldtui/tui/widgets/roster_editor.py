"""The roster table of a group meeting: who came, what they cover, informed, consent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _
from fieldtui.core.roster import Participant, attribute_label, participant_number
from fieldtui.tui.column_fit import sized_columns

LABEL_CELLS = 24  # the widest label shown on the roster (the whole one is kept)


@dataclass(frozen=True)
class RosterEntry:
    """One participant as the prepare screen edits it, with their consent so far."""

    id: str
    label: str
    attributes: dict[str, str] = field(default_factory=dict)
    informed: bool = False
    consent: bool | None = None
    consent_at: str = ""

    @property
    def participant(self) -> Participant:
        """The core's view of this entry (what the coverage check and the store take)."""
        return Participant(self.id, self.label, dict(self.attributes), self.informed)

    def consent_text(self) -> str:
        """Consent status in words (never colour alone)."""
        if self.consent is None:
            return _("not asked")
        time = self.consent_at[11:16]
        return (_("given {time}") if self.consent else _("DECLINED {time}")).format(time=time)


class RosterEditor(DataTable[Text]):
    """A table of the roster; the screen edits entries through its methods. Its columns
    share the table's width (tui/column_fit.py): when they do not all fit whole, the widest
    (a long label, an area, a plan's long coverage label as a heading) are cut with …,
    none pushed off screen."""

    DEFAULT_CSS = """
    RosterEditor {
        height: 1fr;
    }
    """

    def __init__(self, attributes: tuple[str, ...], *, id: str | None = None,
                 labels: dict[str, str] | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.attributes = attributes
        self.labels = labels or {}
        self.entries: list[RosterEntry] = []
        self._next = 1

    def headings(self) -> list[Text]:
        """The columns: the participant's id (its short number: P3, as the dialogs name
        them; never renumbered by a drop), label, consent, informed, one per attribute."""
        # Consent and the informed mark first: they decide whether the meeting can start.
        # Text: the plan's label as written ('side [/] of …' is no markup to read)
        labels = [attribute_label(name, self.labels) for name in self.attributes]
        return [Text("#"), Text(_("Label")), Text(_("Consent")), Text(_("Informed")),
                *(Text(one_line(label[:1].upper() + label[1:])) for label in labels)]

    def on_mount(self) -> None:
        """Lay out the columns (sized to their headings until someone is on the roster)."""
        self._refresh_rows(select=-1)

    def on_resize(self, event: Resize) -> None:
        """The table shrinks when the lines around it grow (a two-row status): its columns
        are fitted again (a scroll bar may now take two columns) and the highlighted
        participant, the one c, e and d act on, is scrolled back into view."""
        at = self.cursor_row
        self._refresh_rows(select=-1)
        if self.row_count:
            self.call_after_refresh(self.move_cursor, row=at)

    def new_id(self) -> str:
        """The next participant id; ids are never reused, so consent records stay unambiguous."""
        return f"P{self._next}"

    def add(self, entry: RosterEntry) -> None:
        """Append a participant."""
        self.reserve([entry.id])
        self.entries.append(entry)
        self._refresh_rows(select=len(self.entries) - 1)

    def reserve(self, ids: Iterable[str]) -> None:
        """Never give these ids again: a draft's participants and whoever its consent
        records name (someone who answered, then was dropped: a new participant given
        their id took their consent)."""
        for participant_id in ids:
            self._next = max(self._next, (participant_number(participant_id) or 0) + 1)

    def replace_entry(self, entry: RosterEntry) -> None:
        """Put an edited participant back in its place."""
        index = self._index(entry.id)
        self.entries[index] = entry
        self._refresh_rows(select=index)

    def drop(self, participant_id: str) -> None:
        """Take a participant off the roster."""
        index = self._index(participant_id)
        del self.entries[index]
        self._refresh_rows(select=min(index, len(self.entries) - 1))

    def set_consent(self, participant_id: str, given: bool, at: str) -> None:
        """Record a participant's answer to the consent text."""
        index = self._index(participant_id)
        self.entries[index] = replace(self.entries[index], consent=given, consent_at=at)
        self._refresh_rows(select=index)

    @property
    def selected(self) -> RosterEntry | None:
        """The participant under the cursor, if any."""
        if not self.entries:
            return None
        return self.entries[min(max(self.cursor_row, 0), len(self.entries) - 1)]

    def _index(self, participant_id: str) -> int:
        return next(i for i, e in enumerate(self.entries) if e.id == participant_id)

    def _refresh_rows(self, select: int) -> None:
        rows: list[list[str]] = []
        for entry in self.entries:
            # a label's first LABEL_CELLS cells at most, cut with …
            label = Text(one_line(entry.label))
            label.truncate(LABEL_CELLS, overflow="ellipsis")
            rows.append([entry.id, label.plain, entry.consent_text(),
                         _("yes") if entry.informed else _("no"),
                         *(entry.attributes.get(name) or "—" for name in self.attributes)])
        # Every column sized again, to its widest cell now, before the rows are drawn
        # (sized_columns clears the columns too): clear() kept each column as wide as the
        # widest cell it ever held (a long label dropped left the area cut, "South of t"),
        # and a column left at its heading's width until the table measured the new rows
        # drew "P" for P1 and "given 2" for "given 20:48" until the cursor moved.
        sized_columns(self, self.headings(), rows, self.app.size.width)
        for entry, cells in zip(self.entries, rows, strict=True):
            # Text cells: a label is shown as typed ('Bo [/]' is not markup to read), and
            # what its column has no room for is cut with …
            self.add_row(*(Text(one_line(cell), no_wrap=True, overflow="ellipsis")
                           for cell in cells),
                         key=entry.id)
        if self.entries and select >= 0:
            self.move_cursor(row=select)
