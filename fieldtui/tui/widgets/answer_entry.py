"""Answer entries that fit an item's kind: text, number keys for options, a checked number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.validation import Function, Validator
from textual.widget import Widget
from textual.widgets import Input, TextArea

from fieldtui.core.blank_edges import without_blank_edges
from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Item
from fieldtui.core.plan.number_answers import NumberRule, number_range
from fieldtui.core.plan.options import cleared_message, toggle_option
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.widgets.answer_messages import AnswerChanged, AnswerInvalid
from fieldtui.tui.widgets.date_entry import DayTimeEntry, refill_input
from fieldtui.tui.widgets.in_order_keys import InOrderKeys
from fieldtui.tui.widgets.steady_input import SteadyInput

__all__ = ["AnswerChanged", "AnswerInvalid", "ChoiceEntry", "DayTimeEntry", "NumberEntry",
           "OpenEntry", "choices_of", "make_entry"]


class OpenEntry(InOrderKeys, TextArea):
    """Free text for open items and interviewer notes, saved as it is typed."""

    def __init__(self, item: Item, value: Any) -> None:
        super().__init__(str(value or ""), soft_wrap=True, classes="answer-entry")
        self.item = item
        self.border_title = _("Answer (typed text is saved as you go)")

    def on_mount(self) -> None:
        """Resuming: the cursor goes after what was typed before, so typing continues it."""
        self.move_cursor(self.document.end)

    def refill(self, item: Item, value: Any) -> None:
        """Show another item's answer in this entry (the screen moved on), as a new one."""
        self.item = item
        # its own title again (a read-only item before it had the pool's)
        self.border_title = _("Answer (typed text is saved as you go)")
        self.load_text(str(value or ""))  # a new document: no undo back into the last item
        self.move_cursor(self.document.end)

    def current_value(self) -> tuple[bool, Any]:
        """The text as it is now, less the blank lines before and after it (an Enter
        pressed first or last is no part of the answer; the box still shows it). The
        screen saves only a value unlike the one it saved: an Enter after the answer
        saves nothing again."""
        return True, without_blank_edges(self.text)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Each change is an answer; the screen debounces the save."""
        event.stop()
        self.post_message(AnswerChanged(self.item.id, self.current_value()[1], debounce=True,
                                        origin=self))


class NumberEntry(InOrderKeys, SteadyInput):
    """A number, checked against the item's range before it is saved."""

    def __init__(self, item: Item, value: Any, *, whole: bool = False) -> None:
        self.rule = NumberRule(*number_range(item), whole=whole)
        super().__init__("" if value is None else _plain(value), type="number",
                         validators=[_checked(self.rule)],
                         placeholder=self.rule.wanted(item.unit), classes="answer-entry")
        self.item = item
        self.border_title = number_title(item)

    def refill(self, item: Item, value: Any, *, whole: bool = False) -> None:
        """Show another item's answer in this entry (the screen moved on), as a new one;
        `whole`: the item takes whole numbers only (core/plan/whole_numbers.py)."""
        self.rule = NumberRule(*number_range(item), whole=whole)
        self.item = item
        self.validators = [_checked(self.rule)]
        self.placeholder = self.rule.wanted(item.unit)
        self.border_title = number_title(item)
        self.border_subtitle = ""
        refill_input(self, "" if value is None else _plain(value))

    def current_value(self) -> tuple[bool, Any]:
        """(True, number or None when empty), or (False, None) while out of range."""
        if not self.value:
            return True, None
        value = self.rule.read(self.value).value
        return value is not None, value

    def restricted(self) -> None:
        """A key that would not leave a number (a letter, a second decimal mark) is not
        typed: say so under the entry, where the range check speaks; the text stays."""
        self.app.bell()
        self.border_subtitle = _("✗ only a number goes here")

    def on_input_changed(self, event: Input.Changed) -> None:
        """Save only numbers in range; say why otherwise."""
        event.stop()
        result = event.validation_result
        if event.value and result is not None and result.is_valid:
            value = self.rule.read(event.value).value
            self.border_subtitle = ""
            self.post_message(AnswerChanged(self.item.id, value, debounce=True,
                                            origin=self))
        elif event.value:
            self.border_subtitle = _("✗ not saved: {problem}").format(problem=self.placeholder)
            self.post_message(AnswerInvalid(self.item.id, origin=self))
        else:
            self.border_subtitle = ""
            self.post_message(AnswerChanged(self.item.id, None, debounce=True,
                                            origin=self))


class ChoiceEntry(InOrderKeys, Widget, can_focus=True):
    """Options picked with number keys: one for choice and scale, several for multi."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer: the box's title says to press the number, and the interview's
        # footer has no room for it beside Why at 80 columns. Help (F1) lists it.
        Binding("1", "pick('1')", N_("Choose"), key_display="1-9", id="answer.choose",
                show=False),
        Binding("backspace,delete", "clear", N_("Clear"), id="answer.clear", show=False),
        # Beyond nine options: move with the arrows, pick with Space.
        Binding("up", "move(-1)", N_("Up"), id="answer.up", show=False),
        Binding("down", "move(1)", N_("Down"), id="answer.down", show=False),
        Binding("space", "pick_cursor", N_("Pick"), id="answer.pick_cursor", show=False),
    ]

    def __init__(self, item: Item, value: Any, *,
                 choices: list[tuple[str, str, Any]] | None = None) -> None:
        super().__init__(classes="answer-entry")
        self.picked: list[Any] = []
        self.chosen = False
        self.refill(item, value, choices=choices)

    def refill(self, item: Item, value: Any, *,
               choices: list[tuple[str, str, Any]] | None = None) -> None:
        """Show an item's options and answer (another item's, when the screen moved on)."""
        self.item = item
        # Set once the interviewer picks or clears here: the value shown is theirs, even
        # when it is the very option a default proposed (the screen saves it then).
        self.chosen = False
        self.multi = item.kind == "multi"
        self.choices = choices_of(item) if choices is None else choices
        if self.multi:
            self.picked = list(value or [])
        else:
            self.picked = [] if value is None else [value]
        # On the answer (the first one picked): Space there keeps it, arrows start from it.
        self.cursor = next((index for index, (_k, _l, option) in enumerate(self.choices)
                            if option in self.picked), 0)
        self.border_title = (_("Press the numbers of every answer that applies") if self.multi
                             else _("Press the number of the answer"))
        if self.is_mounted:
            self.refresh(layout=True)  # as many lines as options

    def current_value(self) -> tuple[bool, Any]:
        """The options picked so far."""
        return True, self.value

    def render(self) -> Text:
        """One line an option, marked ● / ○ (or ☑ / ☐), so no colour is needed."""
        text = Text()
        for index, (key, label, value) in enumerate(self.choices):
            chosen = value in self.picked
            mark = ("☑" if chosen else "☐") if self.multi else ("●" if chosen else "○")
            if index:
                text.append("\n")
            here = "▸" if self.has_focus and index == self.cursor else " "
            text.append(f"{here}{key} {mark} {label}", style="bold" if chosen else "")
        return text

    def on_key(self, event: events.Key) -> None:
        """Number keys pick; everything else goes on to the screen's bindings."""
        if event.character and event.character.isdigit():
            event.stop()
            event.prevent_default()
            self.action_pick(event.character)

    def action_pick(self, key: str) -> None:
        """Pick (or for multi, toggle) the option with this number."""
        for index, (option_key, _label, _value) in enumerate(self.choices):
            if option_key == key:
                self._pick_index(index)
                return
        self.app.bell()
        keys = [k for k, _label, _value in self.choices if k.strip()]
        say_once(self, _("No option {key}: press {first}–{last}.").format(
            key=key, first=keys[0], last=keys[-1]), severity="warning")

    def _pick_index(self, index: int) -> None:
        value = self.choices[index][2]
        self.cursor = index
        if self.multi:
            self.picked, cleared = toggle_option(self.item, self.picked, value)
            if cleared:
                # the plan's labels as written ('Bus [/] tram' is no markup)
                self.notify(cleared_message(self.item, value, cleared), markup=False)
        else:
            self.picked = [value]
        self.chosen = True
        self.refresh(layout=True)
        self.post_message(AnswerChanged(self.item.id, self.value, debounce=False,
                                        origin=self))

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()

    def action_move(self, step: int) -> None:
        """Move the cursor (for lists longer than the number keys)."""
        self.cursor = max(0, min(len(self.choices) - 1, self.cursor + step))
        self.refresh()

    def action_pick_cursor(self) -> None:
        """Pick the option under the cursor."""
        self._pick_index(self.cursor)

    def action_clear(self) -> None:
        """Take the answer back."""
        self.picked = []
        self.chosen = True
        self.refresh()
        self.post_message(AnswerChanged(self.item.id, self.value, debounce=False,
                                        origin=self))

    @property
    def value(self) -> Any:
        """The stored value: an option text, a scale point, a list, or None."""
        if self.multi:
            return [v for _k, _l, v in self.choices if v in self.picked]
        return self.picked[0] if self.picked else None


def choices_of(item: Item, options: tuple[str, ...] | None = None,
               pipe: Callable[[str], str] | None = None) -> list[tuple[str, str, Any]]:
    """(key, label, stored value) for every option or scale point.

    `options` are the option values to offer (the runtime's, after choice_filter and in the
    respondent's random order; None: the plan's); each shows its label (piped by `pipe`)
    and stores its value.
    """
    if item.scale is not None:
        return [(str(p), item.scale.label(p) if item.scale.labels else str(p), p)
                for p in item.scale.points]
    shown = item.options if options is None else options
    return [(str(n) if n <= 9 else " ",
             (pipe or _as_is)(item.label_of(option)), option)
            for n, option in enumerate(shown, start=1)]


def _as_is(text: str) -> str:
    return text


def entry_class(item: Item) -> type[Widget]:
    """The kind of entry that asks this item."""
    if item.kind in ("choice", "multi"):
        return ChoiceEntry
    if item.kind == "scale" and item.scale is not None and all(
            0 <= p <= 9 for p in item.scale.points):
        return ChoiceEntry
    if item.kind in ("number", "scale"):
        return NumberEntry
    if item.kind in ("date", "time"):
        return DayTimeEntry
    return OpenEntry


def make_entry(item: Item, value: Any, *, options: tuple[str, ...] | None = None,
               pipe: Callable[[str], str] | None = None, reuse: Widget | None = None,
               whole: bool = False) -> Widget:
    """The entry for this item's kind, showing the value saved so far (`options` and `pipe`:
    see `choices_of`; `whole`: a number item that takes whole numbers only).

    `reuse`: the entry on screen; when it is of the same kind it is refilled and returned
    instead of a new one (a move costs no remove and mount, and the focus stays put)."""
    kind = entry_class(item)
    choices = choices_of(item, options, pipe) if item.kind in ("choice", "multi") else None
    if type(reuse) is kind:
        if isinstance(reuse, ChoiceEntry):
            reuse.refill(item, value, choices=choices)
        elif isinstance(reuse, NumberEntry):
            reuse.refill(item, value, whole=whole)
        elif isinstance(reuse, (OpenEntry, DayTimeEntry)):
            reuse.refill(item, value)
        return reuse
    if kind is ChoiceEntry:
        return ChoiceEntry(item, value, choices=choices)
    if kind is NumberEntry:
        return NumberEntry(item, value, whole=whole)
    if kind is DayTimeEntry:
        return DayTimeEntry(item, value)
    return OpenEntry(item, value)


def _plain(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _checked(rule: NumberRule) -> Validator:
    """The entry's check: the item's number rule (core/plan/number_answers.py)."""
    return Function(lambda text: rule.read(text).value is not None)


def number_title(item: Item) -> Text:
    """A number entry's border title, the plan's unit as written ('rooms [/]' is no markup
    to read: a border title takes markup, and it ended the app)."""
    # TRANSLATORS: a bracket after a word of the interface: "Number (years)", "数字（年）".
    return Text(_("Number") + (_(" ({text})").format(text=item.unit) if item.unit else ""))
