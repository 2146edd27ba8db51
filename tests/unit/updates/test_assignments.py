"""Issue 15 item 6 over folders with the real CLI: a supervisor assigns a poll with a quota
and an interview by respondent codes to one device; the device applies them and counts
its progress (still after its plaintext went with the receipt); after merge the supervisor
sees the same per device (a poll's totals only). Malformed assignments are refused."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from fieldtui.bundle.assignment_body import check_assignment
from fieldtui.bundle.update_format import UpdateError
from fieldtui.core.plan.load import load_plan
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.assignments import device_progress
from fieldtui.tui.screens.assignment_rows import assignment_lines
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui, one_error_line
from tests.support.paths import FIXTURES
from tests.support.sync_world import DEVICE_PASS, PLAN, STUDY_PASS, World, make_world

POLL = FIXTURES / "poll_bins.toml"


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same click commands, run in-process (`cli_main.in_process`): the point here is
    what they do; a process per command imported the whole app again each time."""
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _publish(world: World, *args: str) -> str:
    return _ok("study", "publish", str(world.study_dir), *args, "--collector-store",
               str(world.collector_root), passphrase=STUDY_PASS)


def _session(world: World, plan_path: Path, answers: dict[str, object],
             respondent: str | None = None, complete: bool = True) -> str:
    store = SessionStore.create(world.home, plan=load_plan(plan_path), device=world.device)
    try:
        if respondent is not None:
            store.set_field("respondent", respondent)
        for item, value in answers.items():
            store.save_answer(item, value)
        if complete:
            store.mark_complete()
        return str(store.session_id)
    finally:
        store.close()


def _lines(world: World) -> list[str]:
    dev = world.device
    return [p.line() for p in device_progress(world.home, dev.identity, dev.study_id,
                                              dev.device_id)]


def test_assignments_reach_the_device_and_progress_is_counted_on_both_sides(
        world: World) -> None:
    stick, db = world.tmp / "stick", world.tmp / "data.sqlite"
    stick.mkdir()
    device_id = world.device.device_id
    _publish(world, "--plan", str(POLL))
    bad = fieldtui("study", "publish", str(world.study_dir), "--assign", device_id, "--plan",
                   "poll-bins-mini", "--count", "4", "--quota", "weekly=Never:2",
                   "--collector-store", str(world.collector_root), passphrase=STUDY_PASS)
    assert "weekly has no option 'Never'" in one_error_line(bad)
    bad = fieldtui("study", "publish", str(world.study_dir), "--assign", device_id, "--plan",
                   "poll-bins-mini", "--codes", str(PLAN),
                   "--collector-store", str(world.collector_root), passphrase=STUDY_PASS)
    assert "anonymous poll" in one_error_line(bad)
    said = _publish(world, "--assign", device_id, "--plan", "poll-bins-mini", "--count", "4",
                    "--quota", "weekly=None:2")
    assert "assignment" in said and "4 poll-bins-mini sessions" in said
    codes = world.tmp / "codes.txt"
    codes.write_text("R-1\nR-2\n\nR-1\n")
    _publish(world, "--assign", device_id, "--plan", "mini-interview", "--codes", str(codes))
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    assert "Updates: 3 applied" in _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert _lines(world) == ["poll-bins-mini: 0 of 4 · None: 0 of 2", "mini-interview: 0 of 2"]

    _session(world, POLL, {"weekly": "None"})
    _session(world, POLL, {"weekly": "1 to 2 days"})
    _session(world, POLL, {"weekly": "None"}, complete=False)  # a draft: not done yet
    _session(world, PLAN, {"travel": "by bus"}, respondent="R-1")
    _session(world, PLAN, {"travel": "on foot"}, respondent="R-9")  # not one of the codes
    expected = ["poll-bins-mini: 2 of 4 · None: 1 of 2", "mini-interview: 1 of 2"]
    assert _lines(world) == expected
    assert assignment_lines(world.device) == [f"Assigned · {line}" for line in expected]

    # sealed, sent, receipted: the plaintext goes, the progress stays
    _ok("seal", passphrase=DEVICE_PASS)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    stores = sorted((world.home / "sessions").glob("*.ftj"))
    assert len(stores) == 1  # the draft only
    assert _lines(world) == expected
    tallies = sorted((world.home / "assignments").glob("*.age"))
    assert len(tallies) == 4 and b"None" not in tallies[0].read_bytes()  # encrypted

    _ok("merge", "--from", str(world.collector_root), "--into", str(db),
        "--study", str(world.study_dir), passphrase=STUDY_PASS)
    shown = _ok("review", str(db), "--assignments", str(world.study_dir)).splitlines()
    assert shown == [
        f"device {device_id} · poll-bins-mini: 2 of 4 · quotas not shown (anonymous poll: "
        "totals only)",
        f"device {device_id} · mini-interview: 1 of 2"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 4


def test_a_malformed_or_misaddressed_assignment_is_refused() -> None:
    good = {"assignment_id": "0" * 16, "device_id": "d" * 16, "plan_id": "poll",
            "count": 4, "quotas": [{"attribute": "area", "value": "North", "count": 2}],
            "codes": []}
    check_assignment(1, "d" * 16, good, device_id="d" * 16)
    with pytest.raises(UpdateError, match="another device"):
        check_assignment(1, "e" * 16, good, device_id="e" * 16)
    bad_cases = [
        {**good, "count": -1}, {**good, "count": True},
        {**good, "quotas": [{"attribute": "area", "value": "North", "count": 5}]},
        {**good, "quotas": [{"attribute": "area", "value": "\x1b[2J", "count": 1}]},
        {**good, "codes": ["R-1"]}, {**good, "extra": 1},
        {**good, "assignment_id": "../x"}]
    for body in bad_cases:
        with pytest.raises(UpdateError) as refused:
            check_assignment(1, "d" * 16, body, device_id="d" * 16)
        assert refused.value.code == "malformed-body", body


def test_assignments_of_a_folder_that_is_no_study_is_one_error_line(tmp_path: Path) -> None:
    """A mistyped study folder said 'No assignments published from this study.'"""
    from fieldtui.supervise.dataset import open_dataset

    db = tmp_path / "d.sqlite"
    open_dataset(db, create=True).close()
    line = one_error_line(fieldtui("review", str(db), "--assignments", str(tmp_path / "nope")))
    assert "is not a study folder" in line, line
