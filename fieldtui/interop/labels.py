"""Labels cut to a format's limits (the codebook always lists them in full)."""

from __future__ import annotations

from dataclasses import dataclass

ELLIPSIS = "…"


@dataclass(frozen=True)
class Limits:
    """How long a format lets labels and text cells be (chars or UTF-8 bytes)."""

    variable_label: int
    value_label: int
    text_cell: int
    in_bytes: bool


# Stata 14+ (dta 118, what Stata 14 and later read; 119 is for more than 32,767
# variables and Stata 14 cannot open it): 80-character variable labels, 32,000-character value labels,
# strL text. SPSS .sav: 256-byte variable labels, 120-byte value labels, 32,767-byte strings.
STATA = Limits(variable_label=80, value_label=32_000, text_cell=2_000_000_000, in_bytes=False)
SPSS = Limits(variable_label=256, value_label=120, text_cell=32_767, in_bytes=True)


def cut(text: str, limit: int, in_bytes: bool) -> str:
    """`text` shortened to `limit` characters (or UTF-8 bytes), marked with … when cut."""
    size = len(text.encode("utf-8")) if in_bytes else len(text)
    if size <= limit:
        return text
    room = limit - (len(ELLIPSIS.encode("utf-8")) if in_bytes else 1)
    if not in_bytes:
        return text[:room] + ELLIPSIS
    shortened = text.encode("utf-8")[:room].decode("utf-8", "ignore")
    return shortened + ELLIPSIS


def _size(text: str, in_bytes: bool) -> int:
    return len(text.encode("utf-8")) if in_bytes else len(text)


def cut_keeping(text: str, keep: str, limit: int, in_bytes: bool) -> str:
    """`text` cut to `limit` like `cut`, but shortened before its ending `keep` (what tells
    an indicator from its siblings: ": Radio"), which stays whole if it takes at most two
    thirds of the limit."""
    if _size(text, in_bytes) <= limit or not keep or not text.endswith(keep):
        return cut(text, limit, in_bytes)
    tail = cut(keep, min(_size(keep, in_bytes), limit * 2 // 3), in_bytes)
    return cut(text[: len(text) - len(keep)], limit - _size(tail, in_bytes), in_bytes) + tail
