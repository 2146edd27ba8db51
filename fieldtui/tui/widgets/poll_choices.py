"""A poll item's options, each with the key that chooses it; ticks for multi items.

Going back to an item shows its saved answer: the ticks of a multi item, and a ▶ before
the option chosen for a choice or scale item.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.message import Message
from textual.widgets import Input, Static

from fieldtui.core.plan.model import Item
from fieldtui.core.plan.options import cleared_message, toggle_option
from fieldtui.tui.widgets.in_order_keys import (
    HandsOnKeys,
    InOrderKeys,
    SubmitsInOrder,
    run_screen_binding,
)
from fieldtui.tui.widgets.talk_bars import fit_cells

POSITION_KEYS = "1234567890"
SAVED_MARK = "▶"


@dataclass(frozen=True)
class Choice:
    """One option: the key pressed, the value saved, the text shown."""

    key: str
    value: Any
    text: str


def _keys(count: int) -> list[str]:
    # Up to ten options take one key each (1-9, then 0); more are typed as numbers.
    return list(POSITION_KEYS[:count]) if count <= len(POSITION_KEYS) else [
        str(n) for n in range(1, count + 1)]


def choices_for(item: Item, options: tuple[str, ...] | None = None,
                pipe: Callable[[str], str] | None = None) -> list[Choice]:
    """The options of a closed item with their keys; a scale of whole numbers uses its values.

    `options`: the option values offered (the runtime's, after choice_filter and in the
    respondent's random order; None: the plan's); each shows its label, piped by `pipe`.
    """
    if item.kind in ("choice", "multi"):
        shown = item.options if options is None else options
        return [Choice(key, option, (pipe or str)(item.label_of(option)))
                for key, option in zip(_keys(len(shown)), shown, strict=True)]
    if item.kind == "scale" and item.scale is not None:
        points = item.scale.points
        by_value = points[0] >= 0 and (points[-1] <= 9 or len(points) > len(POSITION_KEYS))
        keys = [str(p) for p in points] if by_value else _keys(len(points))
        # When the key is the value itself, showing the value again only adds noise.
        return [Choice(key, p, (item.scale.label(p) if by_value else f"{p} {item.scale.label(p)}")
                       if item.scale.labels else str(p))
                for key, p in zip(keys, points, strict=True)]
    return []


def typed(choices: list[Choice]) -> bool:
    """True when some key is longer than one character: the number is typed, then Enter."""
    return any(len(c.key) > 1 for c in choices)


class PollChoices(Static):
    """The option lines; keeps the ticks of a multi item."""

    DEFAULT_CSS = """
    PollChoices {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.choices: list[Choice] = []
        self.multi = False
        self.exclusive: tuple[str, ...] = ()
        self.ticked: set[str] = set()
        self.saved_key: str | None = None

    def show_choices(self, choices: list[Choice], *, multi: bool,
                     exclusive: tuple[str, ...] = (), saved: Any = None) -> None:
        """Show an item's options with its saved answer (None: nothing saved) marked;
        `exclusive` rule out the others."""
        self.choices = choices
        self.multi = multi
        self.exclusive = exclusive
        chosen = saved if isinstance(saved, list) else [saved]
        keys = [c.key for c in choices if saved is not None and c.value in chosen]
        self.ticked = set(keys) if multi else set()
        self.saved_key = keys[0] if keys and not multi else None
        self._draw()

    def key_range(self) -> str:
        """The keys that choose an option, e.g. "1–5"."""
        return f"{self.choices[0].key}–{self.choices[-1].key}" if self.choices else ""

    def by_key(self, key: str) -> Choice | None:
        """The option chosen by this key, if any."""
        return next((c for c in self.choices if c.key == key), None)

    def toggle(self, key: str) -> str:
        """Tick or untick an option of a multi item; says what an exclusive option cleared."""
        by_value = {c.value: c.key for c in self.choices}
        value = next(c.value for c in self.choices if c.key == key)
        rule = Item("", "multi", "", options=tuple(by_value), exclusive=self.exclusive,
                    labels=tuple(c.text for c in self.choices))
        picked, cleared = toggle_option(rule, self.ticked_values(), value)
        self.ticked = {by_value[v] for v in picked}
        self._draw()
        return cleared_message(rule, value, cleared)

    def ticked_values(self) -> list[Any]:
        """The ticked options' values, in the plan's order."""
        return [c.value for c in self.choices if c.key in self.ticked]

    def _draw(self) -> None:
        width = max((len(c.key) for c in self.choices), default=1)
        cells = []
        for choice in self.choices:
            box = ("[x] " if choice.key in self.ticked else "[ ] ") if self.multi else ""
            text = "" if choice.text == choice.key else choice.text
            mark = SAVED_MARK if choice.key == self.saved_key else " "
            cells.append(f"{mark} {choice.key:>{width}}  {box}{text}".rstrip())
        if len(cells) > len(POSITION_KEYS):
            # A long list goes into two columns so that it fits an 80x24 terminal.
            half = -(-len(cells) // 2)
            left, right = cells[:half], cells[half:]
            cells = [fit_cells(a, 38) + b for a, b in zip(left, [*right, ""], strict=False)]
        self.update("\n".join(cells))


_NUMERIC = re.compile(r"[0-9.,\-]")


class NumberInput(HandsOnKeys, InOrderKeys, SubmitsInOrder, Input):
    """A number entry that leaves letters to the screen's keys (s: no answer, b: back); a
    letter that is no key there is not typed either, and the screen is told so. Its own
    keys (Backspace, Enter, the arrows) act in the order typed, even in a burst; after
    Enter the screen takes the value before this field takes another key, so the keys
    typed after Enter reach what the screen shows next (see `_on_key`)."""

    class NotNumber(Message):
        """`character` was typed, is no number and no key of the screen: not kept."""

        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Only digits, the decimal mark and the minus sign are typed into the field."""
        if character is not None and not _NUMERIC.fullmatch(character):
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if await self.handed_on(event):  # typed while this field had the focus, which has moved on
            return
        if event.character is not None and event.is_printable and not _NUMERIC.fullmatch(
                event.character):
            event.prevent_default()  # skip Input's own handler; the key goes to the bindings
            bound = self.screen.active_bindings.get(event.key)
            if bound is None or not bound.enabled:
                self.post_message(self.NotNumber(event.character))
            else:  # now, not once bubbled up: the digits typed next come after
                await run_screen_binding(self, event)
