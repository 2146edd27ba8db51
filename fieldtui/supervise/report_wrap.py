"""The text report's long lines wrapped to its width in terminal cells, never cut.

`wrap_cells(text, width, indent)` breaks at spaces (a `Row`, a table's line, is never
wrapped), keeps a command in single quotes
('fieldtui release create …') on one line when it fits one, and breaks a run of wide
characters (Chinese, which has no spaces between words) between characters; a Chinese
character takes two cells, a closing mark (。，）) never starts a line and an opening one
(（“) never ends one (`core.line_breaks`, the rules every wrap shares). Lines after the
first start with `indent`.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

from fieldtui.core.cell_wrap import units
from fieldtui.core.line_breaks import breaks_between, is_number

# A command quoted in a sentence is one token (the quote opens a word); any other word is
# one token. An apostrophe inside or after a word (council's, Residents') opens nothing.
_TOKEN = re.compile(r"(?<!\S)'[^'\n]*'\S*|\S+")


class Row(str):
    """A line laid out in columns (a table's row, its heading or its total): never
    wrapped, since its spaces are its layout (wrapped, a crossed table's columns fell
    apart)."""

    __slots__ = ()


def wrap_cells(text: str, width: int, indent: str = "") -> list[str]:
    """`text` (its leading spaces kept) in lines of at most `width` cells where it can be:
    only a word wider than a line by itself (a long URL) still runs past."""
    lead = text[:len(text) - len(text.lstrip(" "))]
    lines: list[str] = []
    line, empty = lead, True
    for token in _tokens(text, width - cell_len(indent)):
        sep = "" if empty else " "
        if cell_len(line + sep + token) <= width:
            line, empty = line + sep + token, False
        elif _breakable(token):
            # between the pieces the rules allow (core.line_breaks): never before a
            # closing mark, after an opening one, or between a number and its measure word
            for unit in units(sep + token):
                if line.strip() and cell_len(line + unit) > width:
                    lines.append(line.rstrip())
                    line, empty = indent, True
                if empty and unit == " ":
                    continue
                line, empty = line + unit, False
        elif empty:  # wider than a line by itself
            line, empty = line + token, False
        else:
            lines.append(line)
            line, empty = indent + token, False
    lines.append(line)
    return lines


def _tokens(text: str, room: int) -> list[str]:
    """The words of `text`; a quoted command too wide for a line of `room` cells comes
    apart into its words."""
    found: list[str] = []
    for token in _TOKEN.findall(text):
        for word in token.split() if cell_len(token) > room else [token]:
            if found and is_number(found[-1]) and breaks_between(word[:1]):
                found[-1] += " " + word  # a number with its measure word: "8 个"
            else:
                found.append(word)
    return found


def _breakable(token: str) -> bool:
    """A token broken between characters where the line ends: one with wide characters
    (a Chinese sentence has no spaces to break at)."""
    return any(cell_len(char) == 2 for char in token)
