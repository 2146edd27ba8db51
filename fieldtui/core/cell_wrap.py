"""Wrapping to a width in terminal cells, for text that may be Chinese.

`textwrap` counts characters and breaks only at spaces (and hyphens): a Chinese line,
each character two cells wide and no spaces between words, came out twice as wide as
asked and was cut or wrapped again by the screen. Here a wide (CJK) character counts two
cells and a line may break before or after a Chinese character, by the rules every wrap
shares (`core.line_breaks`: closing marks stay with the character before, opening ones
with the character after, a number with its measure word). Text of narrow characters
only is wrapped by `textwrap` exactly as before.
"""

from __future__ import annotations

import textwrap

from fieldtui.core.line_breaks import (
    CLOSING,
    OPENING,
    WIDE_CLOSING,
    breaks_between,
    cell,
    cells,
    is_number,
)

__all__ = ["cells", "fill_cells", "units", "wrap_cells"]

_WIDE_OPENING = frozenset(ch for ch in OPENING if cell(ch) == 2)


def units(text: str) -> list[str]:
    """The pieces a line of `text` may break between: each space (" "), runs of other
    characters, and single Chinese characters (each with the closing marks after it and
    the opening marks before it), a number with the measure word after it ("8个", "8 个")
    as one."""
    tokens: list[str] = []
    for i, part in enumerate(text.split(" ")):
        if i:
            tokens.append(" ")
        word, run = "", False  # the token being read; whether more letters go on it
        for ch in part:
            if word and (ch in CLOSING or not word.strip(OPENING)
                         or (run and not breaks_between(ch) and ch not in _WIDE_OPENING)):
                word += ch  # a closing mark, what follows an opening one, a run's letter
                run = not breaks_between(ch) and ch not in WIDE_CLOSING and (
                    run or ch not in CLOSING)  # "age、" ends its run
                continue
            if word:
                tokens.append(word)
            word, run = ch, not breaks_between(ch) and ch not in OPENING
        if word:
            tokens.append(word)
    return _measures_kept(tokens)


def _measures_kept(tokens: list[str]) -> list[str]:
    """A number and the Chinese character after it ("8个", or with a space: "8 个") as
    one token, as the screens keep them (`tui.cjk_wrap`)."""
    kept: list[str] = []
    for token in tokens:
        if (len(kept) >= 2 and kept[-1] == " " and is_number(kept[-2])
                and breaks_between(token[:1])):
            kept[-2:] = [kept[-2] + " " + token]
        elif kept and is_number(kept[-1]) and breaks_between(token[:1]):
            kept[-1] += token
        else:
            kept.append(token)
    return kept


def _split_long(word: str, width: int) -> list[str]:
    """A token wider than a line, in pieces of at most `width` cells."""
    pieces = [""]
    for ch in word:
        if pieces[-1] and cells(pieces[-1]) + cell(ch) > width:
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
    for token in units(" ".join(text.split())):
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
