"""Text cells of exported data files (csv, jsonl, parquet, dta, sav) and their labels.

The rules of `spreadsheet` hold (no formula, no control character), but only characters
that act are escaped: control characters (C0, C1, DEL), line and paragraph separators,
bidi overrides and isolates, lone surrogates (escaped as `core.errors.escaped` writes
them). `core.errors.one_line`, made for messages,
also escapes every other character Python calls unprintable, which in answers changed
data: the ideographic space of Chinese text (U+3000) became the six letters `\\u3000`, a
no-break space `\\xa0`, an emoji family's zero-width joiners `\\u200d`.
"""

from __future__ import annotations

import unicodedata

from fieldtui.core.errors import BIDI_CONTROLS, escaped
from fieldtui.supervise.spreadsheet import no_formula

_ACTING = {"Cc", "Zl", "Zp", "Cs"}


def _acts(ch: str) -> bool:
    return unicodedata.category(ch) in _ACTING or ord(ch) in BIDI_CONTROLS


def data_text(text: str) -> str:
    """`text` with each character that acts (a control, a separator, a bidi override)
    escaped as `\\n`, `\\x1b`, `\\u202e`; every other character kept as it is."""
    if text.isprintable():
        return text
    return "".join(escaped(ch) if _acts(ch) else ch for ch in text)


def data_cell(text: str) -> str:
    """A text cell of an exported file: no formula, nothing that acts."""
    return data_text(no_formula(text))
