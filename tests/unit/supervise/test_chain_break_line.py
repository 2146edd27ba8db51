"""A device that breaks its hash chain at every bundle (a fork, or one that names any
`previous` it likes) had every such seq listed in one warning line of the merge: a line
as long as the device had bundles. The line now names the first ten and '…', as the
gap line does."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.store.study import create_study
from tests.support.cli_main import completed
from tests.support.dataset_factory import Device, Store
from tests.support.paths import FIXTURES

PASS = b"correct horse battery staple"


def test_a_chain_broken_at_every_bundle_is_said_in_a_short_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    study = create_study(tmp_path / "study", name="Chain", passphrase=PASS,
                         plans=[FIXTURES / "minimal_interview.toml"])
    secret = tmp_path / "pass"
    secret.write_bytes(PASS + b"\n")
    secret.chmod(0o600)
    monkeypatch.setenv("FIELDTUI_PASSPHRASE_FILE", str(secret))
    store = Store(tmp_path / "collector")
    store.serve(tmp_path / "study")  # the study's collector: merge trusts its cards
    dev = Device("Ana", study_id=study.study_id)
    store.enroll(dev)
    for n in range(15):
        dev.previous = None if n == 0 else f"{n:064x}"  # never the bundle before
        store.put(dev.bundle([dev.doc()], study.recipients))
    done = completed(["merge", "--from", str(store.root), "--into",
                      str(tmp_path / "d.sqlite"), "--study", str(tmp_path / "study")], capsys)
    assert done.returncode == 0, done.stderr
    [line] = [x for x in done.stderr.splitlines() if "does not follow" in x]
    assert f"device {dev.device_id}: bundle seq 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 … does not " \
           "follow" in line, line
    assert "12" not in line.replace(dev.device_id, "")
