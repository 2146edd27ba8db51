"""Date (YYYY-MM-DD) and time (HH:MM) entries: checked as typed, saved only when valid.

Like the number entry, a value that is not (yet) a real date or time is never saved: the
entry says why under itself and tells the screen (`AnswerInvalid`), so moving on is held
until it is fixed, cleared, or the item is skipped with a reason.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from textual.widgets import Input
from textual.widgets.input import Selection

from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Item
from fieldtui.tui.widgets.answer_messages import AnswerChanged, AnswerInvalid
from fieldtui.tui.widgets.in_order_keys import InOrderKeys
from fieldtui.tui.widgets.steady_input import SteadyInput

DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME_SHAPE = re.compile(r"(\d{1,2}):(\d{2})")


# The problems are said under the entry, after "✗ not saved: ", in a line that has 46
# columns at 80: short enough to be read whole there (the typed text is just above them).
def date_problem(text: str) -> str | None:
    """Why `text` is not a date as YYYY-MM-DD, or None when it is one."""
    if not DATE_SHAPE.fullmatch(text):
        return _("type YYYY-MM-DD, e.g. 2026-03-14")
    try:
        date.fromisoformat(text)
    except ValueError:
        return _("no such day: check month and day")
    return None


def time_text(text: str) -> str | None:
    """`text` as HH:MM when it is a time of day (9:05 gives 09:05), else None."""
    found = TIME_SHAPE.fullmatch(text)
    if found is None:
        return None
    hours, minutes = int(found.group(1)), int(found.group(2))
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def time_problem(text: str) -> str | None:
    """Why `text` is not a time as HH:MM, or None when it is one."""
    if TIME_SHAPE.fullmatch(text) is None:
        return _("type HH:MM, e.g. 14:30")
    if time_text(text) is None:
        return _("use hours 00-23, minutes 00-59")
    return None


class DayTimeEntry(InOrderKeys, SteadyInput):
    """A date or a time of day, as the item's kind says."""

    def __init__(self, item: Item, value: Any) -> None:
        self.is_date = item.kind == "date"
        super().__init__("" if value is None else str(value),
                         placeholder="YYYY-MM-DD" if self.is_date else "HH:MM",
                         max_length=10 if self.is_date else 5, classes="answer-entry")
        self.item = item
        self.border_title = (_("Date (YYYY-MM-DD)") if self.is_date
                             else _("Time (HH:MM, 24 hours)"))

    def refill(self, item: Item, value: Any) -> None:
        """Show another item's answer in this entry (the screen moved on), as a new one."""
        self.is_date = item.kind == "date"
        self.item = item
        self.placeholder = "YYYY-MM-DD" if self.is_date else "HH:MM"
        self.max_length = 10 if self.is_date else 5
        self.border_title = (_("Date (YYYY-MM-DD)") if self.is_date
                             else _("Time (HH:MM, 24 hours)"))
        self.border_subtitle = ""
        refill_input(self, "" if value is None else str(value))

    def problem(self, text: str) -> str | None:
        """Why the typed text cannot be saved, or None."""
        return date_problem(text) if self.is_date else time_problem(text)

    def stored(self, text: str) -> str:
        """The text saved for a valid entry (a time always as HH:MM)."""
        return text if self.is_date else (time_text(text) or text)

    def current_value(self) -> tuple[bool, Any]:
        """(True, the value or None when empty), or (False, None) while not valid."""
        text = self.value.strip()
        if not text:
            return True, None
        if self.problem(text) is not None:
            return False, None
        return True, self.stored(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Save a valid date or time; say what is wrong otherwise."""
        event.stop()
        text = event.value.strip()
        problem = self.problem(text) if text else None
        self.border_subtitle = _("✗ not saved: {problem}").format(problem=problem) \
            if problem else ""
        if problem:
            self.post_message(AnswerInvalid(self.item.id, origin=self))
        else:
            self.post_message(AnswerChanged(self.item.id, self.stored(text) if text else None,
                                            debounce=True,
                                            origin=self))


def refill_input(entry: Input, text: str) -> None:
    """A reused Input as a new one looks once focused: the text, all of it selected (typing
    replaces it), nothing held from the last item."""
    entry.value = text
    entry.validate(text)  # its checks may differ from the last item's (the same text too)
    entry.cursor_position = len(text)
    if entry.select_on_focus:
        entry.selection = Selection(0, len(text))
