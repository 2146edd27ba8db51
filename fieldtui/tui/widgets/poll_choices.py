"""A poll item's options, each with the key that chooses it; ticks for multi items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.widgets import Input, Static

from fieldtui.core.plan import Item

POSITION_KEYS = "1234567890"


@dataclass(frozen=True)
class Choice:
    """One option: the key pressed, the value saved, the text shown."""

    key: str
    value: Any
    text: str


def choices_for(item: Item) -> list[Choice]:
    """The options of a closed item with their keys (1-9 then 0; a 0-9 scale uses its values)."""
    if item.kind in ("choice", "multi"):
        return [Choice(POSITION_KEYS[i], option, option)
                for i, option in enumerate(item.options[: len(POSITION_KEYS)])]
    if item.kind == "scale" and item.scale is not None:
        points = item.scale.points
        by_value = points[0] >= 0 and points[-1] <= 9
        # When the key is the value itself, showing the value again only adds noise.
        return [Choice(str(p) if by_value else POSITION_KEYS[i], p,
                       (item.scale.label(p) if by_value else f"{p} {item.scale.label(p)}")
                       if item.scale.labels else str(p))
                for i, p in enumerate(points[: len(POSITION_KEYS)])]
    return []


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
        self.ticked: set[str] = set()

    def show_choices(self, choices: list[Choice], *, multi: bool) -> None:
        """Show a new item's options with nothing ticked."""
        self.choices = choices
        self.multi = multi
        self.ticked = set()
        self._draw()

    def by_key(self, key: str) -> Choice | None:
        """The option chosen by this key, if any."""
        return next((c for c in self.choices if c.key == key), None)

    def toggle(self, key: str) -> None:
        """Tick or untick an option of a multi item."""
        self.ticked ^= {key}
        self._draw()

    def ticked_values(self) -> list[Any]:
        """The ticked options' values, in the plan's order."""
        return [c.value for c in self.choices if c.key in self.ticked]

    def _draw(self) -> None:
        lines = []
        for choice in self.choices:
            box = ("[x] " if choice.key in self.ticked else "[ ] ") if self.multi else ""
            lines.append(f"  {choice.key}  {box}{choice.text}")
        self.update("\n".join(lines))


_NUMERIC = re.compile(r"[0-9.,\-]")


class NumberInput(Input):
    """A number entry that leaves letters to the screen's keys (s: no answer, b: back)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Only digits, the decimal mark and the minus sign are typed into the field."""
        if character is not None and not _NUMERIC.fullmatch(character):
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.character is not None and event.is_printable and not _NUMERIC.fullmatch(
                event.character):
            event.prevent_default()  # skip Input's own handler; the key goes to the bindings
