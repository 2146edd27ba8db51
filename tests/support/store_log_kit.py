"""A collector store for merge tests: its index.log records, a bundle stored as the collector
stores one (log line first, then the file), and a merge of the store into a dataset."""

from __future__ import annotations

from typing import Any

from fieldtui.bundle import read_envelope
from fieldtui.core.canonical import sha256_hex
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import MergeReport, merge_folder
from tests.support.dataset_factory import Store, record_plans
from tests.support.paths import FIXTURES


def log_line(data: bytes, *, cancel: bool = False) -> bytes:
    """The collector's index.log record for these bytes (sync/collector/index.py)."""
    env = read_envelope(data)
    record = f"{sha256_hex(data)} {env.device_id} {env.seq} {env.bundle_id}\n".encode()
    return b"- " + record if cancel else record


def log_stored_line(store: Store, data: bytes, *, cancel: bool = False) -> None:
    with open(store.root / "index.log", "ab") as handle:
        handle.write(log_line(data, cancel=cancel))


def stored(store: Store, data: bytes) -> str:
    """As the collector stores a bundle: its log line first, then its file."""
    log_stored_line(store, data)
    return store.put(data).name


def merged(store: Store, db: Any) -> MergeReport:
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    try:
        return merge_folder(conn, store.root, study_opener(store.identity,
                                                           read_devices(store.root)),
                            order=seal_order)
    finally:
        conn.close()
