"""Cells for files a spreadsheet may open: no formula and no control character from a device.

OWASP's advice against CSV injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab
or a carriage return is prefixed with `'`, so a spreadsheet shows it as text, unless it is
a plain number. In a report's cell (`text_cell`) every unprintable character is escaped
as `\\x1b`, `\\n` by `core.errors.one_line`; the cells of exported data files
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


def no_formula(text: str) -> str:
    """`text` prefixed with `'` when a spreadsheet would read it as a formula."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def text_cell(text: str) -> str:
    """A text cell: no formula, every control character escaped (one line)."""
    return one_line(no_formula(text))


def json_text(value: Any) -> str:
    """`value` as JSON with every unprintable character as a `\\u` escape: exact JSON
    (it decodes to the same value) with no control character in it."""
    text = json.dumps(value, ensure_ascii=False)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _u_escape(ch) for ch in text)


def _u_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
