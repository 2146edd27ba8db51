"""A study and one device whose bundles sit in a collector store moved to PostgreSQL
(`collector migrate`), for the tests of `merge --from postgresql://…`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fieldtui.store.study import Study, create_study
from tests.support.cli_main import completed
from tests.support.dataset_factory import Device, Store
from tests.support.paths import FIXTURES

PASS = b"correct horse battery staple"


@dataclass
class PgStoreWorld:
    """The study, its device, the folder store the bundles went through, and the merge
    command (into `db`) that reads the PostgreSQL store at `url`."""

    study: Study
    device: Device
    store: Store
    url: str
    db: Path
    merge: list[str]


def pg_store_world(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
                   capsys: pytest.CaptureFixture[str], bundles: int) -> PgStoreWorld:
    """`bundles` bundles of one device (respondents R-0, R-1, …) stored, then moved to
    the PostgreSQL store at `pg_url`; the supervisor's passphrase in a private file."""
    from fieldtui.sync.collector.keys import init_store

    study = create_study(tmp_path / "study", name="Bins", passphrase=PASS,
                         plans=[FIXTURES / "minimal_interview.toml"])
    secret = tmp_path / "pass"
    secret.write_bytes(PASS + b"\n")
    secret.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(secret))
    monkeypatch.setenv("USER", "sup-test")
    store = Store(tmp_path / "collector")
    device = Device("Ana", study_id=study.study_id)
    store.enroll(device)
    for n in range(bundles):
        store.put(device.bundle([device.doc(respondent=f"R-{n}")], study.recipients))
    init_store(store.root)
    moved: Any = completed(["collector", "migrate", "--from", str(store.root), "--to", pg_url],
                           capsys)
    assert moved.returncode == 0, moved.stderr
    db = tmp_path / "data.sqlite"
    return PgStoreWorld(study, device, store, pg_url, db,
                        ["merge", "--from", pg_url, "--into", str(db), "--study",
                         str(tmp_path / "study")])
