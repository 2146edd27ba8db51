"""What a real enrolled device seals passes every merge rule and raises no trust flag;
after `collector revoke`, what it stored before still merges, flagged."""

from __future__ import annotations

from pathlib import Path

from fieldtui.sealing.sealer import seal_all
from fieldtui.store.session_store import SessionStore
from fieldtui.store.study import open_study
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import merge_folder
from fieldtui.supervise.quality import dataset_flags
from fieldtui.supervise.study_link import record_revocations, record_study
from fieldtui.sync.client import sync
from fieldtui.sync.collector.devices import revoke
from fieldtui.sync.collector.ingest import ingest_folder
from fieldtui.sync.collector.store import CollectorStore
from tests.support.sync_world import PLAN, complete_session, make_world

TRUST_CODES = {"invalid-value", "clock", "revoked-device"}


def test_a_real_devices_sessions_merge_clean_then_flagged_after_revocation(
        tmp_path: Path, isolated_home: Path) -> None:
    from fieldtui.core.plan.load import load_plan

    world = make_world(tmp_path, isolated_home)
    sids = [complete_session(world, "by bus") for _ in range(2)]
    refused = SessionStore.create(world.home, plan=load_plan(PLAN), device=world.device)
    refused.mark_refused()
    sids.append(str(refused.session_id))
    refused.close()
    seal_all(world.device)
    stick = tmp_path / "stick"
    stick.mkdir()
    sync(world.device, str(stick))
    store = CollectorStore(world.collector_root)
    assert len(ingest_folder(store, stick).stored) == 3
    store.close()

    def merge(db: Path) -> tuple[list[str], dict[str, set[str]]]:
        conn = open_dataset(db, create=True)
        try:
            record_study(conn, open_study(world.study_dir))
            enrolled = read_devices(world.collector_root)
            record_revocations(conn, enrolled.revoked)
            report = merge_folder(conn, world.collector_root,
                                  study_opener(world.study_identity, enrolled),
                                  order=seal_order)
            codes = {sid: {f.code for f in found} & TRUST_CODES
                     for sid, found in dataset_flags(conn).items()}
            return [r for _, r in report.refused], codes
        finally:
            conn.close()

    refusals, codes = merge(tmp_path / "a.sqlite")
    assert refusals == [] and codes == {sid: set() for sid in sids}
    revoke(world.collector_root, world.device.device_id)
    refusals, codes = merge(tmp_path / "b.sqlite")
    assert refusals == [] and codes == {sid: {"revoked-device"} for sid in sids}
