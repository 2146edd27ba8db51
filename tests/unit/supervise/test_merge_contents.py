"""An independent device (a real enrolled key, the real bundle format) sends sessions that
no fieldtui device would seal: each bundle is refused with one line, the rest merge."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.store.study import Study
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import (
    merge_bundles,
    study,  # noqa: F401  (fixture)
)


def _poll(dev: Device, **kw: Any) -> dict[str, Any]:
    return dev.doc(method="poll", plan_id="poll-bins-mini",
                   answers={"weekly": "None", "distance": 2}, **kw)


Change = Callable[[dict[str, Any]], None]
CASES: dict[str, tuple[str, Change]] = {
    "draft": ("interview", lambda d: d.update(status="draft")),
    "sealed": ("interview", lambda d: d.update(status="sealed")),
    "receipted": ("interview", lambda d: d.update(status="receipted")),
    "zero hash": ("interview", lambda d: d["plan"].update(hash="0" * 64)),
    "unknown version": ("interview", lambda d: d["plan"].update(version=7)),
    "unknown plan": ("interview", lambda d: d["plan"].update(id="no-such-plan")),
    "other study": ("interview", lambda d: d.update(study_id="another-study")),
    "poll as interview": ("poll", lambda d: d.update(method="interview", respondent="R-7")),
    "poll with a code": ("poll", lambda d: d.update(respondent="Jane Doe")),
    "poll with people": ("poll", lambda d: d.update(participants=[
        {"id": "P1", "label": "Jane Doe", "attributes": {}, "informed": True}])),
    "poll with a named concern": ("poll", lambda d: d.update(concerns=[
        {"description": "queues", "category": "access", "urgency": "low", "settled": False,
         "promise": False, "due": None, "participant": "P1", "at": ""}])),
    "odd session id": ("interview", lambda d: d.update(session_id="../\x1b[2J")),
    # a JSON whole number past SQLite's 64 bits (OverflowError, not a ValueError)
    "huge event number": ("interview", lambda d: d.update(events=[
        {"n": 10**30, "at": "2026-11-20T09:00:00.000+00:00", "mono": 1.0, "type": "x"}])),
    # what the events view cannot read as the events table did (event_view.check_events)
    "events not a list": ("interview", lambda d: d.update(events="nav")),
    "two events one number": ("interview", lambda d: d.update(events=[
        {"n": 1, "type": "nav"}, {"n": 1, "type": "answer"}])),
    "event number as text": ("interview", lambda d: d.update(events=[{"n": "7", "type": "x"}])),
    "event not an object": ("interview", lambda d: d.update(events=[5])),
    "a turn of infinite seconds": ("interview", lambda d: d.update(events=[
        {"n": 0, "type": "turn", "participant": "P1", "duration": "1e400"}])),
    "event text with NUL in an extra field": ("interview", lambda d: d.update(events=[
        {"n": 0, "type": "nav", "said": "a\x00b"}])),
    "event text with NUL": ("interview", lambda d: d.update(events=[
        {"n": 0, "type": "nav", "at": "2026\x00"}])),
    "huge answer time": ("interview", lambda d: d.update(answers={"travel": {
        "value": "bus", "at": -(10**30), "skipped": False, "skip_reason": "",
        "key_covered": False}})),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_session_no_device_would_seal_is_refused_in_one_line(
        case: str, study: tuple[Study, x25519.Identity], tmp_path: Path) -> None:  # noqa: F811
    made, identity = study
    store = Store(tmp_path / "collector")
    dev = Device("Ana", study_id=made.study_id)
    store.enroll(dev)
    kind, change = CASES[case]
    good = dev.doc() if kind == "interview" else _poll(dev)
    bad = dev.doc() if kind == "interview" else _poll(dev)
    change(bad)
    store.put(dev.bundle([good], made.recipients))
    store.put(dev.bundle([bad], made.recipients))
    db = tmp_path / "d.sqlite"
    report = merge_bundles(made, identity, store, db)
    assert len(report.merged) == 1 and report.sessions_added == 1, report.refused
    [(_, reason)] = report.refused
    assert "\n" not in reason and reason.isprintable()
    conn = open_dataset(db)
    try:
        assert conn.execute("SELECT session_id FROM sessions").fetchall() == [
            (good["session_id"],)]
        assert conn.execute("SELECT COUNT(*) FROM sessions WHERE method='poll' AND "
                            "respondent IS NOT NULL").fetchone()[0] == 0
    finally:
        conn.close()

