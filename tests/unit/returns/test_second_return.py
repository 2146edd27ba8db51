"""A session sent back a second time after its correction was rejected, over folders with
the real CLI, into a SQLite file and into PostgreSQL: the device makes a second correction
of the session as merged (the original, current again) answering the new return, merge
puts it in the original's place, and the supervisor's verdict on it settles what reports
read: approved, the second correction; rejected, the original again (both corrections
kept aside). `review --return` refused this ("corrected once and the correction
rejected: its device keeps that correction"), and a device took its first correction for
the answer to every later return of the session."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from fieldtui.store.home import DeviceHome
from fieldtui.store.session_revise import correct_answer, start_revision
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_documents import session_documents
from fieldtui.supervise.review_data import return_lines
from fieldtui.sync.returned import awaiting_correction, open_return, verdicts
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui, one_error_line
from tests.support.sync_world import DEVICE_PASS, STUDY_PASS, World, complete_session, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


@pytest.fixture(params=["file", "postgresql"])
def dataset_at(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where the dataset is: a SQLite file, or a database of the test PostgreSQL cluster."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "data.sqlite")


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _round_trip(world: World, stick: Path, db: str) -> None:
    """Device -> stick -> collector -> dataset, and the collector's updates back."""
    _ok("seal", passphrase=DEVICE_PASS)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("merge", "--from", str(world.collector_root), "--into", db,
        "--study", str(world.study_dir), passphrase=STUDY_PASS)


def _publish(world: World) -> tuple[str, ...]:
    return ("--publish", str(world.study_dir), "--collector-store", str(world.collector_root))


def _to_device(world: World, stick: Path) -> None:
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)


def _correct(world: World, sid: str, value: str) -> tuple[str, str]:
    """Open the newest return of `sid` on the device and correct travel to `value`:
    (the correction's id, the comment the return carried)."""
    kit = world.device.kit
    assert awaiting_correction(world.home, kit.study_id) == [sid]
    ret = open_return(world.home, world.device.identity, kit.study_id,
                      world.device.device_id, sid)
    assert ret.document is not None
    assert ret.document["answers"]["travel"]["value"] == "by bsu"  # the session as merged
    store = start_revision(world.device, ret.document, ret.seq)
    try:
        assert store.document()["answers"]["travel"]["value"] == "by bsu"
        assert correct_answer(store, "travel", value, f"asked again: {value}")
        store.mark_complete()
        revision = str(store.session_id)
    finally:
        store.close()
    assert awaiting_correction(world.home, kit.study_id) == []
    return revision, ret.comment


def _read(db: str) -> tuple[list[str], list[Any], list[str], str]:
    """What reports read (the current sessions and their travel answers), the sessions
    kept aside, and the return's status."""
    conn = open_dataset(db, read_only=True)
    try:
        docs = session_documents(conn)
        current = [str(d["session_id"]) for d in docs]
        travel = [d["answers"]["travel"]["value"] for d in docs]
        aside = sorted(str(r[0]) for r in conn.execute(
            "SELECT session_id FROM replaced_sessions"))
        status = str(conn.execute("SELECT status FROM returns").fetchone()[0])
    finally:
        conn.close()
    return current, travel, aside, status


def _second_correction(world: World, db: str) -> tuple[str, str, str, Path]:
    """Up to the second correction merged: (original, first correction, second, stick)."""
    sid = complete_session(world, "by bsu")
    stick = world.tmp / "stick"
    stick.mkdir()
    _round_trip(world, stick, db)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)  # the receipt: plaintext gone
    assert not DeviceHome(world.home).store(sid).exists()
    _ok("review", db, "--return", sid[:8], "--comment", "check the travel answer",
        *_publish(world), passphrase=STUDY_PASS)
    _to_device(world, stick)
    first, comment = _correct(world, sid, "by bike")
    assert comment == "check the travel answer"
    _round_trip(world, stick, db)
    assert _read(db) == ([first], ["by bike"], [sid], "corrected")

    said = _ok("review", db, "--reject", first[:8], *_publish(world), passphrase=STUDY_PASS)
    assert "is set aside" in said
    assert _read(db) == ([sid], ["by bsu"], [first], "rejected")

    said = _ok("review", db, "--return", sid[:8], "--comment", "ask again: was it the bus?",
               *_publish(world), passphrase=STUDY_PASS)
    assert "returned" in said and "Published update" in said, said
    assert _read(db) == ([sid], ["by bsu"], [first], "returned")
    shown = _ok("review", db, "--session", sid[:8])
    assert "ask again: was it the bus?" in shown and "rejected: kept aside" in shown, shown
    assert "Sent back again since: no correction of it merged yet." in shown, shown
    conn = open_dataset(db, read_only=True)
    try:
        detail = " ".join(return_lines(conn, sid))
    finally:
        conn.close()
    assert f"sent back again: its correction {first[:8]} was rejected" in detail, detail
    _to_device(world, stick)
    assert verdicts(world.home, world.device.kit.study_id) == {}  # sent back, not judged
    second, comment = _correct(world, sid, "by bus")
    assert second != first and comment == "ask again: was it the bus?"
    _round_trip(world, stick, db)
    assert _read(db) == ([second], ["by bus"], sorted([sid, first]), "corrected")
    shown = _ok("review", db, "--session", second[:8])
    assert f"Revision {second}: 1 change" in shown and '"by bsu" -> "by bus"' in shown, shown
    assert "ask again: was it the bus?" in shown and "kept aside" not in shown, shown
    return sid, first, second, stick


def test_a_second_correction_approved_is_the_data(world: World, dataset_at: str) -> None:
    sid, first, second, stick = _second_correction(world, dataset_at)
    # the first correction is judged and out of the way: no verdict on it any more
    bad = fieldtui("review", dataset_at, "--approve", first[:8])
    assert f"review --approve {second[:8]}" in one_error_line(bad), bad.stderr
    assert _read(dataset_at)[0] == [second]
    _ok("review", dataset_at, "--approve", second[:8], *_publish(world), passphrase=STUDY_PASS)
    assert _read(dataset_at) == ([second], ["by bus"], sorted([sid, first]), "approved")
    _to_device(world, stick)
    assert verdicts(world.home, world.device.kit.study_id) == {sid: "approved"}
    assert awaiting_correction(world.home, world.device.kit.study_id) == []
    out = Path(dataset_at).parent / "csv" if "://" not in dataset_at else world.tmp / "csv"
    _ok("export", dataset_at, "--format", "csv", "--plaintext", "-o", str(out))
    answers = (out / "answers.csv").read_text()
    assert "by bus" in answers and "by bike" not in answers and "by bsu" not in answers


def test_a_second_correction_rejected_leaves_the_original(world: World,
                                                          dataset_at: str) -> None:
    sid, first, second, stick = _second_correction(world, dataset_at)
    said = _ok("review", dataset_at, "--reject", second[:8], *_publish(world),
               passphrase=STUDY_PASS)
    assert f"its correction {second[:8]} is set aside" in said, said
    assert _read(dataset_at) == ([sid], ["by bsu"], sorted([first, second]), "rejected")
    _to_device(world, stick)
    assert verdicts(world.home, world.device.kit.study_id) == {sid: "rejected"}
    # and a third time, the same way
    _ok("review", dataset_at, "--return", sid[:8], "--comment", "once more", *_publish(world),
        passphrase=STUDY_PASS)
    _to_device(world, stick)
    third, _comment = _correct(world, sid, "on foot")
    _round_trip(world, stick, dataset_at)
    assert _read(dataset_at) == ([third], ["on foot"], sorted([sid, first, second]),
                                 "corrected")
    conn = open_dataset(dataset_at, read_only=True)
    try:
        kept = json.loads(conn.execute("SELECT document FROM sessions").fetchone()[0])
    finally:
        conn.close()
    assert kept["answers"]["travel"]["value"] == "on foot"
