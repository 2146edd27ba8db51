"""Keep Python's cyclic collector off what a screen holds for as long as it is open.

The interview screen over a large plan holds a great many objects for its whole life (the
plan, its compiled logic, the walk, the widgets). The collector walks every tracked object
on each collection of its oldest generation, and one falls due after so many allocations:
while someone typed, about one key in 150 waited 50–140 ms for it
(`bench/bench_logic_keys.py`). `gc.freeze()` sets what exists now aside from the
collector (garbage already unreachable is collected first, so none of it is kept);
`release` hands it back when the screen goes, so what it held is collected as before.
"""

from __future__ import annotations

import gc


def hold() -> None:
    """What exists now is long-lived: set it aside from the collector's walks."""
    gc.collect()
    gc.freeze()


def release() -> None:
    """The objects set aside are collected as usual again."""
    gc.unfreeze()
