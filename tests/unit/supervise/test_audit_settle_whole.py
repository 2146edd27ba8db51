"""A hard cell is settled by points only when its range in whole respondents is wide
enough: points of the linear program can be fractional, and a count seen at 0.5 and at
3.5 can only be 1, 2 or 3 (two apart), not three apart."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from fieldtui.supervise.attacker import Key
from fieldtui.supervise.audit_settle import Settle


@dataclass
class _Cell:
    objective: dict[Key, float]
    true: int = 2
    down: int = 0
    up: int = 0
    protection: int = 3


@dataclass
class _Model:
    index: dict[Key, int] = field(default_factory=lambda: {("1", "q", "a"): 0})


class _Program:
    def __init__(self) -> None:
        self.snapshots: list[object] = []
        self.model = _Model()

    def get(self) -> _Model:
        return self.model


def _settle() -> tuple[Settle[_Cell], list[float]]:
    narrowest: list[float] = []
    cell = _Cell({("1", "q", "a"): 1.0})
    return Settle(_Program(), [], [cell], narrowest.append), narrowest  # type: ignore[arg-type]


def test_fractional_points_three_apart_do_not_settle_a_cell_two_whole_counts_wide() -> None:
    settle, narrowest = _settle()
    settle.take(np.array([3.5]))
    settle.take(np.array([0.5]))
    assert 0 in settle.pending  # left for the exact check, which rounds inwards
    assert narrowest == []


def test_whole_points_three_apart_settle_it() -> None:
    settle, narrowest = _settle()
    settle.take(np.array([4.0]))
    settle.take(np.array([1.0]))
    assert 0 not in settle.pending
    assert narrowest == [3.0]
