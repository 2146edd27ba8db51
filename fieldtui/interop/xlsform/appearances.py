"""ODK's `appearance` column: which words only change how a phone draws the widget (a terminal
asks the same question and records the same answer: ignored, and said once per form) and which
change what is asked or recorded (refused; --lenient asks the item plainly and says how)."""

from __future__ import annotations

import functools
import re

from fieldtui.core.i18n import N_, _, ngettext

# how a phone lays the widget out; the question and its answer are the same in a terminal
LOOKS = frozenset({
    "minimal", "quick", "autocomplete", "search", "horizontal", "horizontal-compact", "compact",
    "quickcompact", "columns", "columns-pack", "no-buttons", "likert", "list", "multiline",
    "numbers", "thousands-sep", "masked", "hidden-answer", "no-calendar", "field-list",
    "table-list",
})
_LOOKS = re.compile(r"(?:w\d{1,2}|columns-\d{1,2}|compact-\d{1,2})\Z")
# what each of the others changes, and what a terminal does instead (said in the problem)
CHANGES = {
    "month-year": N_("it asks only a month and year; a terminal asks a full date"),
    "year": N_("it asks only a year; a terminal asks a full date"),
    "counter": N_("it counts taps with + and - buttons; a terminal asks the number typed"),
    "label": N_("it shows the answers as a table heading, not a question; a terminal shows "
                "the label as a note"),
    "list-nolabel": N_("it shows the answers of a table without their words; a terminal "
                       "asks the question with its answers"),
    "image-map": N_("it picks answers on a picture; a terminal lists the answers"),
    "map": N_("it picks answers on a map; a terminal lists the answers"),
    "bearing": N_("it reads a compass; a terminal asks the number typed"),
    "signature": N_("it records a drawing; a terminal cannot"),
    "draw": N_("it records a drawing; a terminal cannot"),
    "annotate": N_("it records a drawing; a terminal cannot"),
    "maps": N_("it records a place on a map; a terminal cannot"),
    "placement-map": N_("it records a place on a map; a terminal cannot"),
    "printer": N_("it prints through another app; a terminal cannot"),
    "url": N_("it opens a web page; a terminal shows the text"),
}
for _calendar in ("ethiopian", "coptic", "islamic", "bikram-sambat", "myanmar", "persian"):
    CHANGES[_calendar] = N_("it asks the date in another calendar; a terminal asks a "
                            "Gregorian date")
_EXTERNAL = N_("it takes the answer or the choices from outside the form; a terminal asks "
               "the item plainly")
_UNKNOWN = N_("fieldtui does not know what it changes; a terminal asks the item plainly")


@functools.lru_cache(maxsize=256)  # a form repeats its few appearances
def read(cell: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(words only changing the look, (word, what it changes) for the others)."""
    text = " ".join(cell.split()).lower()
    if not text:
        return (), ()
    if "(" in text or text.startswith(("ex:", "printer:")):  # search('…'), an external app
        head = text.partition(":")[0]
        word = f"{head}:…" if head in ("ex", "printer") else text.partition("(")[0] + "(…)"
        return (), ((word, _EXTERNAL),)
    looks: list[str] = []
    changes: list[tuple[str, str]] = []
    for word in text.split():
        if word in LOOKS or _LOOKS.match(word):
            looks.append(word)
        else:
            changes.append((word, CHANGES.get(word, _UNKNOWN)))
    return tuple(looks), tuple(changes)


def said(rows: dict[str, list[int]], most: int = 5) -> str:
    """`minimal (rows 3, 6), likert (row 4)`: each ignored word and the rows it is on."""
    parts = []
    for word, numbers in rows.items():
        shown = ", ".join(str(n) for n in numbers[:most])
        if len(numbers) > most:
            shown = _("{rows} and {more} more").format(rows=shown, more=len(numbers) - most)
        rows_said = ngettext("row {rows}", "rows {rows}", len(numbers)).format(rows=shown)
        parts.append(f"{word} ({rows_said})")
    return ", ".join(parts)
