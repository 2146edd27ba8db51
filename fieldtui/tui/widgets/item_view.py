"""How an item reads on screen: what it is, the prompt, probes and the hint."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Item

KIND_WORDS = {"open": N_("open answer"), "choice": N_("one choice"),
              "multi": N_("several choices"), "scale": N_("scale"), "number": N_("number"),
              "note": N_("interviewer note"), "date": N_("date"), "time": N_("time of day"),
              "display": N_("text only, nothing to answer")}


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
    kind = _(KIND_WORDS[item.kind]) if item.kind in KIND_WORDS else item.kind
    # a display item is not a question: no number (`number` is not read)
    tags = [kind] if item.shown_only else [
        _("Q {number}/{total}").format(number=number, total=total), kind]
    if item.key:
        tags.append(_("◆ key point"))
    if item.required if required is None else required:
        tags.append(_("required"))
    text.append(" · ".join(tags) + "\n", style="dim")
    if caption:
        text.append(caption + "\n", style="bold underline")
    text.append(pipe(item.prompt) + "\n", style="bold")
    if item.probes:
        text.append(_("Probes:") + "\n", style="italic")
        for probe in item.probes:
            text.append(f" → {pipe(probe)}\n")
    if item.hint:
        text.append(_("Hint (not read aloud): {hint}").format(hint=pipe(item.hint)) + "\n",
                    style="italic")
    text.rstrip()  # no empty last row: at 80x24 every row of the item pane counts
    return text
