"""A study and a merge of a collector folder into a dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyrage import x25519

from fieldtui.store.study import Study, create_study
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import MergeReport, merge_folder
from fieldtui.supervise.study_link import record_study
from tests.support.dataset_factory import Store
from tests.support.paths import FIXTURES

PASS = b"correct horse battery staple"


@pytest.fixture
def study(tmp_path: Path) -> tuple[Study, x25519.Identity]:
    made = create_study(tmp_path / "study", name="Trust", passphrase=PASS,
                        plans=[FIXTURES / "poll_bins.toml", FIXTURES / "minimal_interview.toml"])
    return made, made.unlock(PASS).identity


def merge_bundles(study: Study, identity: x25519.Identity, store: Store, db: Path,
                  **options: bool) -> MergeReport:
    conn = open_dataset(db, create=True)
    try:
        record_study(conn, study)
        return merge_folder(conn, store.root,
                            study_opener(identity, read_devices(store.root), **options),
                            order=seal_order)
    finally:
        conn.close()


def return_in(db: Path | str, session_id: str, comment: str) -> None:
    """The supervisor returns a merged session for correction (no item comments)."""
    from fieldtui.supervise import returns

    conn = open_dataset(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        returns.return_session(conn, session_id, comment, {}, "Sam")
        conn.execute("COMMIT")
    finally:
        conn.close()
