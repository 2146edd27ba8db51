"""Pseudonymous respondent codes such as "R-7KQ3-M2": random, short, and self-checking.

A code carries no personal data. Its alphabet drops look-alike characters (0/O, 1/I/L), and
its last character is a check so a mistyped code is caught rather than filed under another
respondent.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _

# 31 symbols: a prime count lets a weighted check catch every single-character slip and
# every swap of two characters (the weights differ, and no product vanishes mod a prime).
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX = "R"
BODY_LENGTH = 5
_VALUE = {ch: n for n, ch in enumerate(ALPHABET)}


def check_char(body: str) -> str:
    """The check character for a code body written in ALPHABET."""
    total = sum((position + 1) * _VALUE[ch] for position, ch in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def new_code(randbelow: Callable[[int], int] = secrets.randbelow) -> str:
    """A fresh code, e.g. "R-7KQ3-M2" (about 28 million possibilities)."""
    body = "".join(ALPHABET[randbelow(len(ALPHABET))] for _ in range(BODY_LENGTH))
    return _format(body + check_char(body))


def normalise_code(text: str) -> str:
    """The canonical form of a typed code; raises FieldtuiError when it is not a valid code."""
    compact = "".join(text.split()).replace("-", "").upper()
    # The prefix is optional when typed, and R is also a body character: only a code one
    # prefix longer than a bare code has its prefix to drop.
    if compact.startswith(PREFIX) and len(compact) == len(PREFIX) + BODY_LENGTH + 1:
        compact = compact[len(PREFIX):]
    if len(compact) != BODY_LENGTH + 1:
        raise FieldtuiError(
            _("respondent code '{code}' has the wrong length").format(code=text.strip()[:20]),
            _("a code looks like R-7KQ3-M2: R, then six letters or digits"),
        )
    bad = sorted({ch for ch in compact if ch not in _VALUE})
    if bad:
        raise FieldtuiError(
            _("respondent code '{code}' contains {characters}").format(
                code=text.strip()[:20], characters=", ".join(repr(c) for c in bad)),
            _("codes never use 0, 1, I, L or O; check the code as written"),
        )
    body, check = compact[:-1], compact[-1]
    if check_char(body) != check:
        raise FieldtuiError(
            _("respondent code '{code}' fails its check character").format(
                code=text.strip()[:20]),
            _("a character is mistyped; read the code again"),
        )
    return _format(compact)


def is_valid_code(text: str) -> bool:
    """True when `text` is a well-formed code whose check character matches."""
    try:
        normalise_code(text)
    except FieldtuiError:
        return False
    return True


def _format(compact: str) -> str:
    return f"{PREFIX}-{compact[:4]}-{compact[4:]}"
