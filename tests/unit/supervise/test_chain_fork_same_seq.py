"""Two bundles of one device with the same seq are a fork (the collector refuses the
second as a replay; a stick, or two collectors, bring both to a merge). The chain check
read the device's bundles by seq and compared each with the one row before it: with two
rows at seq 2, the second was compared with the first (skipped: not seq + 1), so a second
seq 2 naming any `previous` was never said, and which of the two was looked at hung on
the order they were merged in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.dataset_factory import Device, Store
from tests.support.store_log_kit import merged


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "collector")


def _two_at_seq_2(store: Store, previous_of_second: str | None) -> tuple[Device, bytes]:
    """seq 1 and 2 in the store; returns the device and a second seq 2 (not stored)."""
    dev = Device()
    store.enroll(dev)
    store.put(dev.bundle([dev.doc()], store.recipients))
    after_first = dev.previous
    store.put(dev.bundle([dev.doc()], store.recipients))
    dev.seq, dev.previous = 1, previous_of_second or after_first
    return dev, dev.bundle([dev.doc()], store.recipients)


def test_a_second_seq_that_names_another_previous_is_a_break(
        store: Store, tmp_path: Path) -> None:
    dev, other = _two_at_seq_2(store, "0" * 64)
    db = tmp_path / "d.sqlite"
    assert merged(store, db).chain_breaks == {}
    store.put(other)
    later = merged(store, db)
    assert len(later.merged) == 1
    assert later.chain_breaks == {dev.device_id: [2]}


def test_two_bundles_at_one_seq_are_a_fork_even_when_both_follow_the_one_before(
        store: Store, tmp_path: Path) -> None:
    dev, other = _two_at_seq_2(store, None)
    store.put(other)
    report = merged(store, tmp_path / "d.sqlite")
    assert len(report.merged) == 3
    assert report.chain_breaks == {dev.device_id: [2]} and report.gaps == {}
