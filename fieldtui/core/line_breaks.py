"""Where a line of Chinese (or Japanese) text may break: one set of rules for every wrap.

Three wraps lay text out in terminal cells — plain text (`core.cell_wrap`: the outline,
the notice), the text report (`supervise.report_wrap`) and the screens (`tui.cjk_wrap`,
Rich's word splitting). Each breaks a run of Chinese characters between characters, since
Chinese puts no spaces between words, and each keeps the same marks in place:

- `CLOSING` never starts a line: it stays with the character before it (，。、）…, and
  the ASCII marks that close a phrase, so "age、" or "8 个。" stay whole);
- `OPENING` never ends a line: it goes with the character after it (（《「“);
- a number stays with the measure word after it ("8 个", "8个", "（8个）"): `NUMBER`;
- `CJK` is the characters a line may break between (ideographs and kana); other wide
  characters (Hangul, full-width Latin) are written with spaces between words.
"""

from __future__ import annotations

import re
import unicodedata

# Ideographs (CJK radicals, unified, extension A, compatibility) and kana.
CJK_RANGES = "\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WIDE_CLOSING = "，。、；：？！）》」』】〕〉"
CLOSING = WIDE_CLOSING + "”’…·%,.;:?!)]}"
OPENING = "（《「『【〔〈“‘([{"

NUMBER = r"\d[\d.,%]*"

_CJK = re.compile(f"[{CJK_RANGES}]")
_NUMBER = re.compile(NUMBER)


def is_number(word: str) -> bool:
    """Whether `word` is a number that keeps the measure word after it (after the opening
    marks it goes with: "（8")."""
    return _NUMBER.fullmatch(word.lstrip(OPENING)) is not None


def breaks_between(ch: str) -> bool:
    """Whether a line may break before or after `ch` with no space there."""
    return _CJK.match(ch) is not None


def cell(ch: str) -> int:
    """The width of one character in terminal cells: two for a wide (CJK) one, none for
    a combining mark."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cells(text: str) -> int:
    """The width of `text` in terminal cells."""
    return sum(map(cell, text))
