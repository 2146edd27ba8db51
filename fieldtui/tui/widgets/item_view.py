"""How an item reads on screen: what it is, the prompt, probes and the hint."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from fieldtui.core.plan.model import Item

KIND_WORDS = {"open": "open answer", "choice": "one choice", "multi": "several choices",
              "scale": "scale", "number": "number", "note": "interviewer note",
              "date": "date", "time": "time of day"}


def _as_is(template: str) -> str:
    return template


def item_text(item: Item, number: int, total: int, *, caption: str = "",
              required: bool | None = None, pipe: Callable[[str], str] = _as_is) -> Text:
    """The header line, the prompt in bold, then probes and the interviewer's hint.

    `caption` names the roster member asked about ("Member 2 of 5: Ana"); `pipe` puts the
    current answers into `${id}` references (the runtime's piping); `required` is the
    item's required condition as evaluated (None: the plan's `required`).
    """
    text = Text()
    tags = [f"Q {number}/{total}", KIND_WORDS.get(item.kind, item.kind)]
    if item.key:
        tags.append("◆ key point")
    if item.required if required is None else required:
        tags.append("required")
    text.append(" · ".join(tags) + "\n", style="dim")
    if caption:
        text.append(caption + "\n", style="bold underline")
    text.append(pipe(item.prompt) + "\n", style="bold")
    if item.probes:
        text.append("Probes:\n", style="italic")
        for probe in item.probes:
            text.append(f" → {pipe(probe)}\n")
    if item.hint:
        text.append(f"Hint (not read aloud): {pipe(item.hint)}\n", style="italic")
    text.rstrip()  # no empty last row: at 80x24 every row of the item pane counts
    return text
