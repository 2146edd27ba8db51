"""Issue 15 item 5 over folders, with the real CLI: a merged session is returned with
comments, the device syncs and applies the return, the interviewer corrects through the
store API (each change with its reason), completes, seals and syncs; merge keeps both
sessions and the revision's reasons; the supervisor approves and the device sees it."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from fieldtui.store.home import DeviceHome
from fieldtui.store.session_revise import correct_answer, start_revision
from fieldtui.supervise.dataset_documents import session_documents
from fieldtui.sync.returned import awaiting_correction, open_return, verdicts
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui, one_error_line
from tests.support.sync_world import DEVICE_PASS, STUDY_PASS, World, complete_session, make_world


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


def _round_trip(world: World, stick: Path, db: Path) -> None:
    """Device -> stick -> collector -> dataset, and the collector's updates back."""
    _ok("seal", passphrase=DEVICE_PASS)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("merge", "--from", str(world.collector_root), "--into", str(db),
        "--study", str(world.study_dir), passphrase=STUDY_PASS)


def test_a_session_returned_corrected_merged_and_approved(world: World) -> None:
    sid = complete_session(world, "by bsu")
    stick, db = world.tmp / "stick", world.tmp / "data.sqlite"
    stick.mkdir()
    _round_trip(world, stick, db)
    with sqlite3.connect(db) as conn:  # how the interview went, as merged
        held = conn.execute("SELECT created, completed, duration_s, document FROM "
                            "sessions").fetchone()
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)  # the receipt: plaintext gone
    assert not DeviceHome(world.home).store(sid).exists()

    bad = fieldtui("review", str(db), "--return", sid[:8], "--comment", "x",
                   "--item", "nosuch=what")
    assert "has no item 'nosuch'" in one_error_line(bad)
    bad = fieldtui("review", str(db), "--return", sid[:8], "--comment", "a \x1b[31m b")
    assert "plain text" in one_error_line(bad)
    said = _ok("review", str(db), "--return", sid[:8], "--comment",
               "[bold]Please check[/bold] the travel answer", "--item",
               "travel=[red]typo?[/red]", "--publish", str(world.study_dir),
               "--collector-store", str(world.collector_root), passphrase=STUDY_PASS)
    assert "returned" in said and "Published update 1" in said

    # the stick goes back: the device fetches and applies the return
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    kit = world.device.kit
    assert awaiting_correction(world.home, kit.study_id) == [sid]
    ret = open_return(world.home, world.device.identity, kit.study_id,
                      world.device.device_id, sid)
    assert ret.status == "returned" and ret.items == {"travel": "[red]typo?[/red]"}
    assert ret.document is not None and ret.document["answers"]["travel"]["value"] == "by bsu"

    store = start_revision(world.device, ret.document, ret.seq)
    try:
        with pytest.raises(Exception, match="needs a reason"):
            correct_answer(store, "travel", "by bus", "")
        assert correct_answer(store, "travel", "by bus", "typing error, confirmed by phone")
        assert not correct_answer(store, "travel", "by bus", "same again")
        store.mark_complete()
        revision_id = str(store.session_id)
    finally:
        store.close()
    assert awaiting_correction(world.home, kit.study_id) == []

    _round_trip(world, stick, db)
    with sqlite3.connect(db) as conn:
        statuses = dict(conn.execute("SELECT session_id, status FROM sessions"))
        assert statuses == {revision_id: "complete"}  # the current work
        kept = dict(conn.execute("SELECT session_id, status FROM replaced_sessions"))
        assert kept == {sid: "complete"}  # the original, kept apart with its own status
        assert conn.execute("SELECT status FROM returns").fetchone()[0] == "corrected"
        value = conn.execute("SELECT a.value FROM answers a JOIN sessions s ON s.sk = a.sk "
                             "WHERE s.session_id=? AND a.item_id='travel'",
                             (revision_id,)).fetchone()[0]
        assert json.loads(value) == "by bus"
        # the current session is the interview as held (its times, its events), corrected
        now = conn.execute("SELECT created, completed, duration_s, document FROM sessions "
                           "WHERE session_id=?", (revision_id,)).fetchone()
        assert now[:3] == held[:3]
        assert json.loads(now[3])["events"] == json.loads(held[3])["events"]
        kept = [d["session_id"] for d in session_documents(conn)]  # what reports read
        assert kept == [revision_id]
    # exports carry the revision only: the original it replaced is not data any more
    out = world.tmp / "csv"
    _ok("export", str(db), "--format", "csv", "--plaintext", "-o", str(out))
    sessions_csv = (out / "sessions.csv").read_text()
    assert revision_id in sessions_csv and sid not in sessions_csv
    answers_csv = (out / "answers.csv").read_text()
    assert "by bus" in answers_csv and "by bsu" not in answers_csv and sid not in answers_csv
    wide = world.tmp / "dta"
    _ok("export", str(db), "--format", "dta", "--plaintext", "-o", str(wide))
    import pyreadstat
    [dta] = sorted(wide.glob("*.dta"))
    frame, _ = pyreadstat.read_dta(str(dta))
    assert list(frame["session_id"]) == [revision_id]
    shown = _ok("review", str(db), "--session", revision_id[:8])
    assert '"by bsu" -> "by bus"' in shown and "typing error, confirmed by phone" in shown
    assert "travel: [red]typo?[/red]" in shown

    _ok("review", str(db), "--approve", revision_id[:8], "--publish", str(world.study_dir),
        "--collector-store", str(world.collector_root), passphrase=STUDY_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    assert verdicts(world.home, kit.study_id) == {sid: "approved"}
