"""Cells for files a spreadsheet may open: no formula and no control character from a device.

OWASP's advice against CSV injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab
or a carriage return is prefixed with `'`, so a spreadsheet shows it as text, unless it is
a plain number; and so is a `=`, `+`, `-`, `@` after a `;` (`x;'=1`, in JSON `\\u003b`):
where the list separator is `;` (Excel in a French or German locale) a CSV's line is split
at every `;`, quoted or not, and what follows it is a cell of its own. In a report's cell
(`text_cell`) every unprintable character is escaped as `\\x1b`, `\\n` by
`core.errors.one_line`; the cells of exported data files
(`export_cells.data_cell`) escape only the characters that act, and keep the rest (a
Chinese text's U+3000). JSON text gets `\\u` escapes instead, so it stays exact JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fieldtui.core.errors import one_line

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_AFTER_SEMICOLON = re.compile(r";(?=[=+\-@\t\r])")


def no_formula(text: str) -> str:
    """`text` prefixed with `'` when a spreadsheet would read it as a formula, and each
    part after a `;` that would start one too."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        text = "'" + text
    if ";" in text:
        text = _AFTER_SEMICOLON.sub(";'", text)
    return text


def text_cell(text: str) -> str:
    """A text cell: no formula, every control character escaped (one line)."""
    return one_line(no_formula(text))


def json_text(value: Any) -> str:
    """`value` as JSON with every unprintable character as a `\\u` escape: exact JSON
    (it decodes to the same value) with no control character in it."""
    text = json.dumps(value, ensure_ascii=False)
    if ";" in text:  # only ever inside a string: the escape reads back as the same ";"
        text = _AFTER_SEMICOLON.sub(r"\\u003b", text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _u_escape(ch) for ch in text)


def _u_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
