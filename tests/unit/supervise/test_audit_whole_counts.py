"""The posterior rule within groups counts whole respondents: a group's difference that a
point of the model puts at 3.2 is at least 4 respondents, and 4 of 7 added in the North
giving one answer is more than the 3.5 allowed: only the whole program decides it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from fieldtui.supervise.attacker import Key
from fieldtui.supervise.audit_posteriors import row_posteriors
from fieldtui.supervise.audit_result import AuditResult
from fieldtui.supervise.published import Published
from fieldtui.supervise.release_tables import Tabulation


def _release(tag: str, n: int, region: dict[str, int], q: dict[str, int],
             cross: dict[tuple[str, str], int]) -> Published:
    counts: dict[Key, int] = {("1", "region", r): v for r, v in region.items()}
    counts |= {("1", "q", c): v for c, v in q.items()}
    counts |= {("x", "region", r, "q", c): v for (r, c), v in cross.items()}
    truth = Tabulation(n, {"region": ["N", "S"], "q": ["a", "b"]}, [("region", "q")], {},
                       counts)
    return Published(tag, frozenset(), truth, {}, n, 5, 2, 3, None)


class _FractionalLow:
    """An attacker whose joint lowest point puts every difference at 3.2: the exact
    whole-number low is then 4."""

    def __init__(self) -> None:
        self.asked: list[Mapping[Key, float]] = []
        self.index: dict[Key, int] = {}

    def extreme(self, objective: Mapping[Key, float], **_: Any) -> float:
        return 0.0

    def at_last_point(self, objective: Mapping[Key, float]) -> float:
        return 3.2

    def interval_low(self, objective: Mapping[Key, float]) -> float:
        self.asked.append(objective)
        return math.ceil(3.2 - 1e-6)


class _BlockPoints:
    """Block points (audit_blocks.py) that put every difference at 3.2, each of a later
    release's cells at 3.2 and an earlier one's at 0."""

    def __init__(self, index: dict[Key, int]) -> None:
        self.index = index
        self.truth = np.zeros(0)

    def fits(self, point: np.ndarray) -> bool:
        return True

    def of(self, objective: Mapping[Key, float]) -> int:
        for key in objective:
            self.index.setdefault(key, len(self.index))
        return 0

    def best(self, block: int, base: np.ndarray, objective: Mapping[Key, float], *,
             largest: bool) -> np.ndarray:
        point = np.zeros(len(self.index))
        for key, col in self.index.items():
            point[col] = 3.2 if key[0] == "r2" else 0.0
        return point


class _Lazy:
    def __init__(self) -> None:
        self.attacker = _FractionalLow()
        self.programs = 0

    def get(self) -> _FractionalLow:
        return self.attacker


def test_a_group_whose_low_is_fractional_is_checked_in_whole_respondents() -> None:
    old = _release("r1", 20, {"N": 10, "S": 10}, {"a": 8, "b": 12},
                   {("N", "a"): 3, ("N", "b"): 7, ("S", "a"): 5, ("S", "b"): 5})
    # 7 added, all in the North; 5 of them answered a: allowed 7 × max(0.5, 8/17) = 3.5.
    new = _release("r2", 27, {"N": 17, "S": 10}, {"a": 13, "b": 14},
                   {("N", "a"): 8, ("N", "b"): 9, ("S", "a"): 5, ("S", "b"): 5})
    result = AuditResult()
    lazy = _Lazy()
    points = _BlockPoints(lazy.attacker.index)
    row_posteriors(lazy, result, old, new, lambda cell, far: (0, 0),  # type: ignore[arg-type]
                   lambda: points)  # type: ignore[arg-type,return-value]
    north = [f for f in result.findings if "region = 'N'" in f.what]
    assert len(north) == 1 and north[0].posterior == 4 / 7
    assert north[0].more == 1  # 2 × 4 − 7: one more respondent dilutes 4 to 0.5
