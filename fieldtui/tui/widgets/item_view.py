"""How an item reads on screen: what it is, the prompt, probes and the hint."""

from __future__ import annotations

from rich.text import Text

from fieldtui.core.plan.model import Item

KIND_WORDS = {"open": "open answer", "choice": "one choice", "multi": "several choices",
              "scale": "scale", "number": "number", "note": "interviewer note"}


def item_text(item: Item, number: int, total: int) -> Text:
    """The header line, the prompt in bold, then probes and the interviewer's hint."""
    text = Text()
    tags = [f"Q {number}/{total}", KIND_WORDS.get(item.kind, item.kind)]
    if item.key:
        tags.append("◆ key point")
    if item.required:
        tags.append("required")
    text.append(" · ".join(tags) + "\n", style="dim")
    text.append(item.prompt + "\n", style="bold")
    if item.probes:
        text.append("Probes:\n", style="italic")
        for probe in item.probes:
            text.append(f" → {probe}\n")
    if item.hint:
        text.append(f"Hint (not read aloud): {item.hint}\n", style="italic")
    text.rstrip()  # no empty last row: at 80x24 every row of the item pane counts
    return text
