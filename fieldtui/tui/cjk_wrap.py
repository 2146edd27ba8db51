"""Chinese text on screen wraps between characters, not only at spaces.

Rich (and Textual's Content, which uses Rich's `divide_line`) wraps at the words
`rich._wrap.words` finds with its pattern: runs of non-space characters. Chinese has no spaces
between words, so a sentence with one space in it ("大约需要 10 分钟。调查是匿名的…") was
one "word" from the space on: it went whole to the next row, leaving the row before it
half empty, and was folded from there. Here each Chinese or Japanese character is a word
of its own (an opening bracket stays with the character after it, closing punctuation with
the one before, a number with the character after it: "8 个"), and a run of narrow
characters ends at full-width closing punctuation ("age、"), so a row fills up to its width
and never starts with "、"; text without such characters is split exactly as before.
The marks are those every wrap keeps in place (`core.line_breaks`). `base_app` installs
it for every app.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich import _wrap

from fieldtui.core.line_breaks import CJK_RANGES as _CJK
from fieldtui.core.line_breaks import CLOSING, NUMBER, OPENING, WIDE_CLOSING

_OPEN_CLASS = re.escape(OPENING)
_CLOSE = re.escape(CLOSING)
# Full-width closing punctuation ends a word of narrow characters: items listed with "、"
# ("household_size、age、clinic…", as a flag names them) break after each "、", not
# anywhere inside the list when it is folded as one long word.
_WIDE_CLOSE = WIDE_CLOSING

WORD = re.compile(
    # a number with the character after it, its measure word: "8 个", "10 分钟", "（8个"
    rf"\s*(?:[{_OPEN_CLASS}]*{NUMBER} ?[{_CJK}][{_CLOSE}]*"
    rf"|[{_OPEN_CLASS}]*[{_CJK}][{_CLOSE}]*"
    rf"|(?:(?![{_OPEN_CLASS}]*[{_CJK}])[^\s{_WIDE_CLOSE}])+[{_CLOSE}]*"
    rf"|[{_CLOSE}]+)\s*")


# A text holding none of these is split by Rich's own pattern: the one above costs a
# lookahead per character (Latin text wrapped 39 % slower through it).
_WIDE = re.compile(f"[{_CJK}{_WIDE_CLOSE}]")
_PLAIN = getattr(_wrap, "re_word", re.compile(r"\s*\S+\s*"))


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """Rich's `_wrap.words` (each word with the spaces after it, and where it stands),
    its words found by `WORD` where the text has a wide character, else by Rich's own."""
    pattern = WORD if _WIDE.search(text) else _PLAIN
    found = pattern.match(text, 0)
    while found is not None:
        start, end = found.span()
        yield start, end, found.group(0)
        found = pattern.match(text, end)


def install() -> None:
    """Make Rich's wrapping break between wide characters (once; harmless again)."""
    if hasattr(_wrap, "words"):
        _wrap.words = words
