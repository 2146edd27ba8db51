"""A session resumed after a restart of the machine: its events' `mono` start again from
about 0, so durations and item times read across the boots were negative or huge."""

from __future__ import annotations

from typing import Any

from fieldtui.supervise.flags import item_times
from fieldtui.supervise.session_rows import session_duration


def _event(n: int, mono: float, at: str, type: str, item: str) -> dict[str, Any]:
    return {"n": n, "mono": mono, "at": f"2026-11-20T{at}.000+00:00", "type": type,
            "item_id": item}


DOC = {"events": [
    _event(0, 5000.0, "10:00:00", "nav", "q1"),
    _event(1, 5020.0, "10:00:20", "answer", "q1"),
    _event(2, 5030.0, "10:00:30", "nav", "q2"),
    # the machine restarted; the session resumed five minutes later
    _event(3, 40.0, "10:05:30", "answer", "q2"),
    _event(4, 100.0, "10:06:30", "nav", "q3"),
    _event(5, 1e6, "10:07:00", "answer", "q3")]}  # ...and again, after a long uptime


def test_a_session_duration_across_reboots_counts_the_wall_time_between_them() -> None:
    assert session_duration(DOC) == 420.0  # 10:00:00 to 10:07:00


def test_item_times_across_a_reboot_are_never_negative_or_huge() -> None:
    assert item_times(DOC) == {"q1": 20.0, "q2": 300.0, "q3": 30.0}
