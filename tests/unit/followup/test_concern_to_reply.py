"""The walk of issue 16: a concern raised in an interview, followed to its reply on the
same device at the next interview of the same respondent code (the real CLI throughout:
sync to a stick, collector ingest, merge, followups --set, --publish, sync; then the app's
interview prepare screen, given the earlier code, shows the reply)."""

from __future__ import annotations

import shlex
import sqlite3
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from fieldtui.core.clock import ManualClock
from fieldtui.core.concern import Concern
from fieldtui.core.plan.load import load_plan
from fieldtui.core.respondent import new_code
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.replies import replies_for
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui, one_error_line
from tests.support.sync_world import DEVICE_PASS, PLAN, STUDY_PASS, World, make_world


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same click commands, run in-process (`cli_main.in_process`): the point here is
    what they do; a process per command imported the whole app again each time."""
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _interview_with_concern(world: World, code: str, text: str) -> str:
    store = SessionStore.create(world.home, plan=load_plan(PLAN), device=world.device)
    try:
        store.set_field("respondent", code)
        store.save_answer("travel", "by bus")
        store.add_concern(Concern(text, "services", "high", promise=True, due="2000-01-31"))
        store.mark_complete()
        return str(store.session_id)
    finally:
        store.close()


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_a_concern_goes_to_the_register_and_its_reply_back_to_the_device(
        world: World) -> None:
    code, other = new_code(), new_code()
    sid = _interview_with_concern(world, code, "The water pump near the school is broken")
    _interview_with_concern(world, other, "the water pump at school is broken again")
    stick = world.tmp / "stick"
    stick.mkdir()
    _ok("seal", passphrase=DEVICE_PASS)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    db = world.tmp / "data.sqlite"
    _ok("merge", "--from", str(world.collector_root), "--into", str(db),
        "--study", str(world.study_dir), passphrase=STUDY_PASS)

    listed = _ok("followups", str(db))
    ident = f"{sid[:8]}-1"
    assert "== services (2)" in listed and "similar group 1 (2)" in listed
    assert ident in listed and "LATE" in listed and "2 overdue promises" in listed
    assert "The water pump near the school is broken" in listed

    recorded = _ok("followups", str(db), "--set", ident, "--status", "settled", "--owner",
                   "Works dept", "--reply", "The pump was repaired on 3 December.", "--by", "Sam")
    # the command the confirmation names is the one that sends it, run as printed: it
    # named the store COLLECTOR, and that command refused ("no device cards in COLLECTOR")
    hint = " ".join(recorded.split()).split("the next fieldtui ", 1)[1].split(" sends it", 1)[0]
    named = shlex.split(hint)
    assert named == ["followups", str(db), "--publish", str(world.study_dir),
                     "--collector-store", str(world.collector_root.resolve())], hint
    after = _ok("followups", str(db))
    assert "1 overdue promise." in after and "owner: Works dept" in after
    bad = fieldtui("followups", str(db), "--set", "zzzz-9", "--status", "open")
    assert "is not a concern id" in one_error_line(bad) or "no concern" in one_error_line(bad)

    published = _ok(*named, passphrase=STUDY_PASS)
    assert "1 reply for device" in published
    again = _ok("followups", str(db), "--publish", str(world.study_dir), "--collector-store",
                str(world.collector_root), passphrase=STUDY_PASS)
    assert "No new replies to publish." in again

    # the stick goes back: the device fetches the update at its next sync
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    replies = replies_for(world.home, world.device.identity, world.device.kit.study_id, code)
    assert [(r.concern, r.status, r.reply) for r in replies] == [
        ("The water pump near the school is broken", "settled",
         "The pump was repaired on 3 December.")]
    assert replies_for(world.home, world.device.identity, world.device.kit.study_id,
                       other) == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM followups WHERE published_at IS NOT NULL"
                            ).fetchone()[0] == 1

    # the next interview of the same code, in the app: prepare shows what happened
    app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("c")
        await wait_screen(pilot, "EarlierCodeDialog")
        await pilot.press(*code, "enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        panel = app.screen.query_one("#respondent-replies", Static)
        await wait_until(pilot, lambda: "repaired" in str(panel.render()),
                         what="the reply on the prepare screen")
        assert "The pump was repaired on 3 December." in str(panel.render())
