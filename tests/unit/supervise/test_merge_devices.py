"""Who sent a bundle: the device card the collector allowed, its revocation, its name."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pyrage import x25519

from fieldtui.store.study import Study
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import MergeReport, merge_folder
from fieldtui.supervise.study_link import record_study
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import study  # noqa: F401  (fixture)


def _merge(made: Study, identity: x25519.Identity, store: Store, db: Path,
           **options: bool) -> MergeReport:
    conn = open_dataset(db, create=True)
    try:
        record_study(conn, made)
        return merge_folder(conn, store.root,
                            study_opener(identity, read_devices(store.root), **options),
                            order=seal_order)
    finally:
        conn.close()


def test_a_bundle_naming_another_interviewer_than_its_card_is_refused(
        study: tuple[Study, x25519.Identity], tmp_path: Path) -> None:  # noqa: F811
    made, identity = study
    store = Store(tmp_path / "collector")
    ana = Device("Ana", study_id=made.study_id)
    store.enroll(ana)  # the card the collector allowed says "Ana"
    store.put(ana.bundle([ana.doc()], made.recipients))
    ana.interviewer = "Ben"  # the same key now signs bundles and sessions as "Ben"
    store.put(ana.bundle([ana.doc()], made.recipients))
    as_ben = ana.doc()  # a session naming Ben in a bundle whose manifest says Ana
    ana.interviewer = "Ana"
    store.put(ana.bundle([dict(as_ben, interviewer="Ben")], made.recipients))
    report = _merge(made, identity, store, tmp_path / "d.sqlite")
    assert len(report.merged) == 1 and len(report.refused) == 2, report.refused
    for _, reason in report.refused:
        assert "Ben" in reason and "card" in reason and "\n" not in reason


def _age(path: Path, minutes: float) -> None:
    """Make a stored bundle look stored `minutes` ago (its file time)."""
    when = (datetime.now(UTC) - timedelta(minutes=minutes)).timestamp()
    os.utime(path, (when, when))


def _revoke(store: Store, dev: Device, minutes_ago: float) -> None:
    at = (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat(timespec="milliseconds")
    (store.root / "revoked.json").write_text(json.dumps({dev.device_id: at}))


def test_bundles_stored_before_a_revocation_merge_flagged_unless_excluded(
        study: tuple[Study, x25519.Identity], tmp_path: Path) -> None:  # noqa: F811
    from fieldtui.supervise.quality import dataset_flags
    from fieldtui.supervise.study_link import record_revocations

    made, identity = study
    store = Store(tmp_path / "collector")
    gone = Device("Gone", study_id=made.study_id)
    store.enroll(gone)
    before_doc = gone.doc()
    before = store.put(gone.bundle([before_doc], made.recipients))
    after = store.put(gone.bundle([gone.doc()], made.recipients))
    _age(before, 120)
    _age(after, 10)
    _revoke(store, gone, 60)
    excluded = _merge(made, identity, store, tmp_path / "x.sqlite", exclude_revoked=True)
    assert excluded.merged == [] and len(excluded.refused) == 2
    assert all("--exclude-revoked" in r for _, r in excluded.refused)

    db = tmp_path / "d.sqlite"
    report = _merge(made, identity, store, db)
    assert len(report.merged) == 1 and report.sessions_added == 1
    [(name, reason)] = report.refused
    assert name == after.name and "revoked" in reason and "stored" in reason
    conn = open_dataset(db)
    record_revocations(conn, read_devices(store.root).revoked)
    flags = dataset_flags(conn)
    conn.close()
    assert [f.code for f in flags[before_doc["session_id"]] if f.code == "revoked-device"]


def test_a_revoked_devices_bundle_not_stored_by_that_collector_is_refused(
        study: tuple[Study, x25519.Identity], tmp_path: Path) -> None:  # noqa: F811
    """Old file times on a stick prove nothing: only the revoking collector's store counts."""
    made, identity = study
    store = Store(tmp_path / "collector")
    gone = Device("Gone", study_id=made.study_id)
    store.enroll(gone)
    stick = Store(tmp_path / "stick")
    _age(stick.put(gone.bundle([gone.doc()], made.recipients)), 600)
    _revoke(store, gone, 60)
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    record_study(conn, made)
    report = merge_folder(conn, stick.root, study_opener(identity, read_devices(store.root)))
    conn.close()
    assert report.merged == [] and "not stored by that collector" in report.refused[0][1]


def test_a_revocation_without_a_time_refuses_every_bundle(
        study: tuple[Study, x25519.Identity], tmp_path: Path) -> None:  # noqa: F811
    made, identity = study
    store = Store(tmp_path / "collector")
    gone = Device("Gone", study_id=made.study_id)
    store.enroll(gone)
    _age(store.put(gone.bundle([gone.doc()], made.recipients)), 600)
    store.revoke(gone)  # the older revoked.json: a list of ids, no time
    report = _merge(made, identity, store, tmp_path / "d.sqlite")
    assert report.merged == [] and "time unknown" in report.refused[0][1]


@pytest.mark.parametrize("unrevoke", [False, True])
def test_allowing_a_revoked_device_asks_for_unrevoke(tmp_path: Path, unrevoke: bool) -> None:
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.sync.collector.devices import allow, revoke
    from fieldtui.sync.collector.keys import init_store, read_revoked

    root = tmp_path / "c"
    init_store(root)
    dev = Device("Ana")
    card = tmp_path / "card.json"
    card.write_text(json.dumps(dev.card()))
    allow(root, card)
    revoke(root, dev.device_id)
    if not unrevoke:
        with pytest.raises(FieldtuiError) as refused:
            allow(root, card)
        assert "--unrevoke" in refused.value.line()
        assert read_revoked(root) == {dev.device_id}
    else:
        allow(root, card, unrevoke=True)
        assert read_revoked(root) == set()


def test_allow_warns_when_a_second_device_has_a_name_in_use(tmp_path: Path) -> None:
    from fieldtui.sync.collector.devices import allow, names_in_use
    from fieldtui.sync.collector.keys import init_store

    root = tmp_path / "c"
    init_store(root)
    first, second = Device("Ana Li"), Device(" ana li ")
    for dev in (first, second):
        path = tmp_path / f"{dev.device_id}.json"
        path.write_text(json.dumps(dev.card()))
        allow(root, path)
    assert names_in_use(root, second.card()) == [first.device_id]
    assert names_in_use(root, Device("Ben").card()) == []


def test_collector_allow_command_warns_of_a_name_in_use_and_asks_for_unrevoke(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fieldtui.cli import main

    root = tmp_path / "c"
    main(["collector", "init", "--store", str(root)])
    first, second = Device("Ana"), Device("ANA")
    cards = []
    for dev in (first, second):
        cards.append(tmp_path / f"{dev.device_id}.json")
        cards[-1].write_text(json.dumps(dev.card()))
        main(["collector", "allow", str(cards[-1]), "--store", str(root)])
    err = capsys.readouterr().err
    assert f"warning: device {first.device_id} is also allowed as 'ANA'" in err
    main(["collector", "revoke", first.device_id, "--store", str(root)])
    with pytest.raises(SystemExit) as exited:
        main(["collector", "allow", str(cards[0]), "--store", str(root)])
    assert exited.value.code == 1
    assert "pass --unrevoke" in capsys.readouterr().err
    main(["collector", "allow", str(cards[0]), "--store", str(root), "--unrevoke"])
    assert json.loads((root / "revoked.json").read_text()) == {}
