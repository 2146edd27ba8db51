"""The attacker's check on the feedback summary's plurals: the noun agrees with the count as
shown, never the true count. A cell of 1 and a cell of 4 read alike ("fewer than 5
conversations"); had the noun followed the true count, "conversation" would mark the cell of
one person."""

from __future__ import annotations

from typing import Any

from fieldtui.core.i18n import ngettext
from fieldtui.supervise.feedback import _Protect


class _Table:
    """Adds nothing: what is left to tell cells apart is the wording alone."""

    def perturb(self, count: int, cell_key: float) -> int:
        return count


def _said(true: int) -> str:
    sessions = {f"s{n}" for n in range(true)}
    protect = _Protect({s: n for n, s in enumerate(sessions)}, 5, _Table())  # type: ignore[arg-type]
    count, agrees = protect.counted(sessions)
    return ngettext("{theme} ({count} conversation)", "{theme} ({count} conversations)",
                    agrees).format(theme="Parking", count=count)


def test_small_cells_read_alike_whatever_their_true_count() -> None:
    said: set[Any] = {_said(true) for true in (1, 2, 3, 4)}
    assert said == {"Parking (fewer than 5 conversations)"}
    assert _said(7) == "Parking (about 7 conversations)"
