"""Record keys and cell keys of the cell key method.

Every respondent gets a random record key at merge (a whole number below 2**32, stored
in the dataset and never exported). A cell's key is the sum of its respondents' record
keys modulo 2**32, divided by 2**32: a number in [0, 1) that is the same whenever the
same respondents make up the cell, and that looks uniform to anyone without the keys.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

KEY_SPACE = 2 ** 32


def new_record_key() -> int:
    """A fresh random record key."""
    return secrets.randbelow(KEY_SPACE)


def cell_key(record_keys: Iterable[int]) -> float:
    """The cell key of a cell made of these records."""
    return (sum(record_keys) % KEY_SPACE) / KEY_SPACE


def cell_key_of_sum(key_sum: int) -> float:
    """The cell key from a running sum of record keys."""
    return (key_sum % KEY_SPACE) / KEY_SPACE
