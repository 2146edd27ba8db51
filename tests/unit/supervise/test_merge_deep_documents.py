"""A session nested close to Python's recursion limit parses at merge (a shallow stack) and
then breaks every later reader deeper in the stack (review, export: 980 levels parsed at
merge, failed 30 frames deeper). A payload nested deeper than MAX_DEPTH is refused whole at
merge; real sessions are a few levels deep."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.bundle.payload import MAX_DEPTH
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import MergeReport, merge_folder
from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import FIXTURES


def _merge(store: Store, db: Path) -> MergeReport:
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    try:
        return merge_folder(conn, store.root, study_opener(store.identity,
                                                           read_devices(store.root)),
                            order=seal_order)
    finally:
        conn.close()


def _nested(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_a_session_nested_past_the_bound_is_refused_whole_and_the_rest_merge(
        tmp_path: Path) -> None:
    store = Store(tmp_path / "collector")
    dev = Device("Ana")
    store.enroll(dev)
    store.put(dev.bundle([dev.doc(), dict(dev.doc(), extra=_nested(900))], store.recipients))
    store.put(dev.bundle([dict(dev.doc(), extra=_nested(MAX_DEPTH - 3))], store.recipients))
    db = tmp_path / "d.sqlite"
    report = _merge(store, db)
    assert len(report.merged) == 1 and report.sessions_added == 1, report.refused
    assert len(report.refused) == 1 and f"deeper than {MAX_DEPTH}" in report.refused[0][1]
    conn = open_dataset(db)
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    conn.close()
