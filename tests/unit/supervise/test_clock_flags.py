"""Session times far from the study's dates are flagged `clock`, not silently accepted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pyrage import x25519

from fieldtui.store.study import Study
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.quality import dataset_flags
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import merge_bundles, study  # noqa: F401  (fixture)


def _iso(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat(timespec="milliseconds")


def _timed(dev: Device, **times: Any) -> dict[str, Any]:
    doc = dev.doc(answers={"travel": "bus"},
                  events=[{"t": 0, "type": "nav", "item_id": "travel", "from": None}])
    recent = _iso(timedelta(minutes=-5))
    doc.update(created=recent, updated=recent, completed=recent)
    doc["answers"]["travel"]["at"] = recent
    doc["consent"][0]["at"] = recent
    doc["events"][0]["at"] = recent
    for name, value in times.items():
        if name == "event":
            doc["events"][0]["at"] = value
        else:
            doc[name] = value
    return doc


def test_times_before_the_study_or_after_arrival_are_clock_flags(
        study: tuple[Study, x25519.Identity], tmp_path: Path) -> None:  # noqa: F811
    made, identity = study
    store = Store(tmp_path / "collector")
    dev = Device("Ana", study_id=made.study_id)
    store.enroll(dev)
    docs = {"good": _timed(dev),
            "early": _timed(dev, created="2020-01-01T00:00:00.000+00:00"),
            "late": _timed(dev, completed=_iso(timedelta(days=3))),
            "late event": _timed(dev, event=_iso(timedelta(days=1))),
            "unreadable": _timed(dev, updated="\x1b[2Jyesterday"),
            "end of time": _timed(dev, completed="9999-12-31T23:59:59-05:00")}
    for doc in docs.values():
        store.put(dev.bundle([doc], made.recipients))
    db = tmp_path / "d.sqlite"
    report = merge_bundles(made, identity, store, db)
    assert len(report.merged) == 6, report.refused
    conn = open_dataset(db)
    flags = dataset_flags(conn)
    conn.close()
    clock = {name: [f for f in flags[doc["session_id"]] if f.code == "clock"]
             for name, doc in docs.items()}
    assert clock["good"] == []
    for name in ("early", "late", "late event", "unreadable", "end of time"):
        assert len(clock[name]) == 1, name
        assert clock[name][0].message.isprintable()
    assert "before the study" in clock["early"][0].message
    assert "after its bundle reached" in clock["late"][0].message
