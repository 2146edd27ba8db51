"""Wrapping to a width in terminal cells, for text that may be Chinese.

`textwrap` counts characters and breaks only at spaces (and hyphens): a Chinese line,
each character two cells wide and no spaces between words, came out twice as wide as
asked and was cut or wrapped again by the screen. Here a wide (CJK) character counts two
cells and a line may break before or after it; closing punctuation (，。）…) stays on the
line of the character before it. Text of narrow characters only is wrapped by `textwrap`
exactly as before.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

# Never at the start of a line: kept with the character before it.
_CLOSING = set("，。、；：？！）》」』】〕〉”’…·,.;:?!)]}%")
_SPACE = re.compile(r"\s+")


def cells(text: str) -> int:
    """The width of `text` in terminal cells: a wide (CJK) character counts two."""
    return sum(_cell(ch) for ch in text)


def _cell(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _tokens(text: str) -> list[str]:
    """Spaces, words of narrow characters, and single wide characters (each with the
    closing punctuation after it): a line may break between any two tokens."""
    tokens: list[str] = []
    for part in re.split(r"(\s+)", text):
        if _SPACE.fullmatch(part):
            tokens.append(" ")
            continue
        word, wide = "", False  # the token being read; whether it is a wide character
        for ch in part:
            if word and (ch in _CLOSING or (not wide and not _wide(ch))):
                word += ch
                continue
            if word:
                tokens.append(word)
            word, wide = ch, _wide(ch)
        if word:
            tokens.append(word)
    return tokens


def _split_long(word: str, width: int) -> list[str]:
    """A token wider than a line, in pieces of at most `width` cells."""
    pieces = [""]
    for ch in word:
        if pieces[-1] and cells(pieces[-1]) + _cell(ch) > width:
            pieces.append("")
        pieces[-1] += ch
    return pieces


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells (at least one cell), runs of spaces
    collapsed; [] for blank text, as `textwrap.wrap`."""
    width = max(width, 1)
    if cells(text) == len(text):
        return textwrap.wrap(text, width)
    lines: list[str] = []
    line = ""
    for token in _tokens(" ".join(text.split())):
        if token == " ":
            line += " " if line else ""
            continue
        if line and cells(line + token) > width:
            lines.append(line.rstrip())
            line = ""
        if cells(token) > width:
            *whole, token = _split_long(token, width)
            lines.extend(whole)
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fill_cells(text: str, width: int, indent: str = "") -> str:
    """`wrap_cells` joined into one text, each line after `indent`."""
    return "\n".join(indent + line for line in wrap_cells(text, width - cells(indent)))
