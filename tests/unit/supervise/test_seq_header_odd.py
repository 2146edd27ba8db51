"""A device numbers its bundles: a signed header whose seq is no whole number from 1 to
2**53 - 1 (true, "3", 1e400, 3.0, 0, -1, 2**53) is refused as malformed, the device's
other bundles merge, and the record of how far it has no gap stays where they put it.
(Held: the envelope's header check; this pins it at the merge.)"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from pyrage import x25519

from fieldtui.bundle import read_envelope
from fieldtui.bundle.envelope import MAGIC
from fieldtui.store.keys import key_id_of
from fieldtui.store.study import Study
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import (
    merge_bundles,
    study,  # noqa: F401  (fixture)
)

ODD = ["true", '"3"', "1e400", "3.0", "0", "-1", "9007199254740992", "null", "[3]"]


@pytest.mark.parametrize("seq", ODD)
def test_a_header_seq_that_is_no_sequence_number_is_refused(
        seq: str, study: tuple[Study, x25519.Identity], tmp_path: Path) -> None:  # noqa: F811
    made, identity = study
    store = Store(tmp_path / "collector")
    dev = Device("Ana", study_id=made.study_id)
    store.enroll(dev)
    store.put(dev.bundle([dev.doc()], made.recipients))
    env = read_envelope(dev.bundle([dev.doc()], made.recipients))
    fields = (f'"bundle_id":"{env.bundle_id}","device_id":"{env.device_id}",'
              f'"format":"fieldtui-bundle/1","key_id":"{key_id_of(dev.key.public_key())}",'
              f'"payload_sha256":"{env.payload_sha256}","payload_size":{env.payload_size},'
              f'"seq":{seq}')
    header = ("{" + fields + "}").encode()
    signed = MAGIC + header + b"\n"
    store.put(signed + base64.b64encode(dev.key.sign(signed)) + b"\n" + env.payload)
    db = tmp_path / "d.sqlite"
    report = merge_bundles(made, identity, store, db)
    assert len(report.merged) == 1, report.refused
    [(_, reason)] = report.refused
    assert "seq" in reason or "canonical" in reason or "JSON" in reason, reason
    conn = open_dataset(db)
    try:
        assert conn.execute("SELECT device_id, complete_to FROM device_seqs").fetchall() == [
            (dev.device_id, 1)]
    finally:
        conn.close()
