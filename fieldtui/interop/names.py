"""Variable names valid in Stata and SPSS, derived from item ids deterministically.

Lower case ASCII letters, digits and `_`, starting with a letter, at most 32 characters,
not a reserved word of either program, unique without regard to case. The same ids in
the same order always give the same names; a clash gets `_2`, `_3` ... within the limit.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 32
_RESERVED = {
    # SPSS
    "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
    # Stata
    "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
    "_n", "_pi", "_pred", "_rc", "_skip", "strl", "using",
}
_NOT_NAME = re.compile(r"[^a-z0-9_]+")


def base_name(text: str, room: int = 0, limit: int = MAX_NAME) -> str:
    """`text` as a valid name of at most `limit` - room characters (not yet unique)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = _NOT_NAME.sub("_", ascii_text.lower()).strip("_") or "v"
    if not name[0].isalpha():
        name = "v" + name
    name = name[: limit - room].rstrip("_") or "v"
    if name in _RESERVED or re.fullmatch(r"str\d+", name):
        name = ("v_" + name)[: limit - room]
    return name


# Plan and roster ids are up to 64 characters: a file name keeps all of them (cut to
# MAX_NAME, two plans that differ only after the 32nd character wrote the same file).
MAX_FILE_STEM = 150


def file_stem(plan_id: str, roster: str | None = None) -> str:
    """The name (without extension) of a plan's Stata/SPSS file, or of one of its rosters'."""
    stem = base_name(plan_id, limit=MAX_FILE_STEM)
    return stem if roster is None else f"{stem}_{base_name(roster, limit=MAX_FILE_STEM)}"


class Namer:
    """Hands out unique names in call order."""

    def __init__(self, taken: tuple[str, ...] = ()) -> None:
        self.taken = {t.lower() for t in taken}

    def name(self, text: str, suffix: str = "") -> str:
        """A unique name for `text`, ending in `suffix` (e.g. "_3" for an option)."""
        wanted = base_name(text, len(suffix)) + suffix
        n = 1
        name = wanted
        while name.lower() in self.taken:
            n += 1
            tail = f"_{n}"
            name = base_name(text, len(suffix) + len(tail)) + suffix + tail
        self.taken.add(name.lower())
        return name
