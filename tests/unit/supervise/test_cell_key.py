"""The cell key method: noise that repeats, averages to zero and stays within D."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from fieldtui.supervise.cell_key import KEY_SPACE, cell_key
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
from fieldtui.supervise.ptable import PTable
from fieldtui.supervise.release_tables import publish, tabulate
from tests.support.paths import PLANS
from tests.support.poll_world import poll_dataset, poll_docs, poll_plan


@pytest.mark.parametrize("d,v", [(2, 1.0), (3, 2.0), (1, 0.5)])
def test_noise_has_mean_zero_and_never_exceeds_d(d: int, v: float) -> None:
    table = PTable(d, v)
    rng = random.Random(4)
    for count in (0, 1, 2, 3, 7, 40):
        changes = [table.change(count, rng.random()) for _ in range(20_000)]
        assert max(abs(c) for c in changes) <= d
        assert min(count + c for c in changes) >= 0
        assert abs(sum(changes) / len(changes)) < 0.03
        if count >= d:
            variance = sum(c * c for c in changes) / len(changes)
            assert abs(variance - v) < 0.08
    assert table.change(0, 0.999) == 0  # a zero stays zero


def test_parameters_outside_the_table_are_refused() -> None:
    with pytest.raises(ValueError):
        PTable(2, 3.0)
    with pytest.raises(ValueError):
        PTable(0, 1.0)


def test_the_same_respondents_give_the_same_noise() -> None:
    plan = poll_plan()
    rng = random.Random(2)
    records = [(rng.randrange(KEY_SPACE), doc) for doc in poll_docs(plan, 60, 3)]
    first = publish(tabulate(records, plan, ["age_band"]), PTable(), 5)
    rng.shuffle(records)
    assert publish(tabulate(records, plan, ["age_band"]), PTable(), 5) == first
    assert cell_key([3, KEY_SPACE - 1]) == 2 / KEY_SPACE


def test_a_schema_1_dataset_opens_and_gets_record_keys(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    plan = poll_plan()
    conn = poll_dataset(path, (PLANS / "poll-bins.toml").read_text(), poll_docs(plan, 8, 1))
    conn.execute("ALTER TABLE sessions DROP COLUMN record_key")
    conn.execute("DROP TABLE releases")
    conn.execute("DROP TABLE release_members")
    conn.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    conn.close()
    conn = open_dataset(path)
    keys = [r[0] for r in conn.execute("SELECT record_key FROM sessions")]
    assert len(set(keys)) == 8 and all(0 <= k < KEY_SPACE for k in keys)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] \
        == str(SCHEMA_VERSION)
    assert conn.execute("SELECT COUNT(*) FROM releases").fetchone()[0] == 0
    conn.close()
    assert isinstance(sqlite3.connect(path).execute("SELECT 1").fetchone(), tuple)


def test_a_later_release_shows_again_and_never_falls_far_below_an_earlier_one() -> None:
    """Independent noise moves a cell down by up to 2D between nested releases, and as
    no count can shrink, that pins their difference; a later release that includes an
    earlier one shows its shown cells again, at most 2D - protection lower, within D."""
    plan = poll_plan()
    table, rng, drops = PTable(2, 1.0), random.Random(6), 0
    for round_ in range(12):
        records = [(rng.randrange(KEY_SPACE), doc) for doc in poll_docs(plan, 46, round_)]
        old_tab = tabulate(records[:40], plan, ["age_band"])
        new_tab = tabulate(records, plan, ["age_band"])
        old = publish(old_tab, table, 5)
        free = publish(new_tab, table, 5)
        new = publish(new_tab, table, 5, [old], protection=2)
        for cell, shown in old.items():
            if shown is None:
                continue
            drops += free[cell] is None or free[cell] < shown - 2  # type: ignore[operator]
            after = new[cell]
            assert after is not None and after >= shown - 2, (cell, shown, after)
            assert abs(after - new_tab.counts[cell]) <= 2
        assert all(new[c] == free[c] for c in new if c not in old or old[c] is None)
    assert drops  # without the earlier release, some cells fell further or were hidden
