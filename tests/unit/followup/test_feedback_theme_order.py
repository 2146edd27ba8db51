"""The attacker's check on the order of the feedback summary's themes: 'most frequent
first' was the themes' true counts, so two themes both shown as 'fewer than 5' came in the
order of their exact numbers (alphabetical only on a tie). Two summaries one conversation
apart then told which small theme that one more person's words were coded with, the very
thing suppression hides. The order now follows what is shown: small themes together, by
code."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldtui.supervise import themes as th
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.feedback import build_feedback
from tests.support.dataset_factory import load_documents, record_plans
from tests.support.feedback_world import _meeting
from tests.support.paths import FIXTURES


def _dataset(folder: Path, alpha: int, zeta: int) -> sqlite3.Connection:
    """Eight meetings; the first `alpha` answers coded 'alpha', the next `zeta` 'zeta'."""
    folder.mkdir()
    plan = folder / "group_park.toml"
    plan.write_text((FIXTURES / "group_park.toml").read_text("utf-8"), encoding="utf-8")
    conn = open_dataset(folder / "d.sqlite", create=True)
    record_plans(conn, plan)
    load_documents(conn, [_meeting(n) for n in range(8)])
    th.set_code(conn, "alpha", "Longer opening hours")
    th.set_code(conn, "zeta", "More benches")
    answers = [u for u in th.units(conn) if u.kind == "answer"]
    for n, unit in enumerate(answers[:alpha + zeta]):
        th.code_unit(conn, unit.unit, "ann", ["alpha" if n < alpha else "zeta"])
    return conn


def _themes(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("What we heard ("))
    return lines[start:lines.index("", start)]


def test_small_themes_come_in_the_same_order_whatever_their_true_counts(
        tmp_path: Path) -> None:
    one = _themes(build_feedback(_dataset(tmp_path / "a", 1, 2), "group-park-mini"))
    other = _themes(build_feedback(_dataset(tmp_path / "b", 2, 1), "group-park-mini"))
    assert len(one) == 3 and all("fewer than 5" in line for line in one[1:]), one
    assert one == other, (one, other)
