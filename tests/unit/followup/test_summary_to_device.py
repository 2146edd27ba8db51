"""The feedback summary goes back to the field: `report feedback --publish` (the real CLI),
the device fetches it at its next sync and shows it under "What we heard" (home, w), with
the replies, as plain text. The published text is `report feedback`'s: protected counts
("fewer than 5" for two conversations, never the exact small count)."""

from __future__ import annotations

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
from fieldtui.sync.replies import replies_for, summaries
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui, one_error_line
from tests.support.screen_text import cut_widgets
from tests.support.sync_world import DEVICE_PASS, PLAN, STUDY_PASS, World, make_world

REPLY = "[bold]Repaired[/bold] on 3 December"
CONCERN = "The [red]pump[/red] is broken\x1b[2J"


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same click commands, run in-process (`cli_main.in_process`): the point here is
    what they do; a process per command imported the whole app again each time."""
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _interview(world: World, code: str, text: str) -> str:
    store = SessionStore.create(world.home, plan=load_plan(PLAN), device=world.device)
    try:
        store.set_field("respondent", code)
        store.save_answer("travel", "by bus")
        store.add_concern(Concern(text, "services", "high"))
        store.mark_complete()
        return str(store.session_id)
    finally:
        store.close()


async def test_the_published_summary_reaches_the_device_as_plain_text(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    code = new_code()
    sid = _interview(world, code, CONCERN)
    _interview(world, new_code(), "The road floods")
    stick = world.tmp / "stick"
    stick.mkdir()
    _ok("seal", passphrase=DEVICE_PASS)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    db = world.tmp / "data.sqlite"
    _ok("merge", "--from", str(world.collector_root), "--into", str(db),
        "--study", str(world.study_dir), passphrase=STUDY_PASS)
    _ok("followups", str(db), "--set", f"{sid[:8]}-1", "--status", "settled", "--reply", REPLY)

    without = fieldtui("report", "feedback", str(db), "--plan", "mini-interview", "--publish",
                       str(world.study_dir))
    assert "--devices or --collector-store" in one_error_line(without)
    printed = _ok("report", "feedback", str(db), "--plan", "mini-interview")
    published = _ok("report", "feedback", str(db), "--plan", "mini-interview", "--publish",
                    str(world.study_dir), "--collector-store", str(world.collector_root),
                    passphrase=STUDY_PASS)
    assert "the feedback summary of mini-interview for every device" in published
    _ok("followups", str(db), "--publish", str(world.study_dir), "--collector-store",
        str(world.collector_root), passphrase=STUDY_PASS)

    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    study = world.device.kit.study_id
    found = summaries(world.home, world.device.identity, study)
    assert [s.plan_id for s in found] == ["mini-interview"]
    assert found[0].text == printed  # exactly what report feedback prints
    assert "fewer than 5" in printed and " 2 " not in printed
    assert "The [red]pump[/red] is broken\\x1b[2J" in printed  # escaped at the source
    # the summary update carries no reply to any code: the replies come in their own
    assert [r.reply for r in replies_for(world.home, world.device.identity, study, code)] == [
        REPLY]

    app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        await pilot.press("w")
        await wait_screen(pilot, "HeardScreen")
        panel = app.screen.query_one("#heard-text", Static)
        await wait_until(pilot, lambda: "A minimal interview" in str(panel.render()),
                         what="the summary on the device")
        shown = str(panel.render())
        assert "What we heard, what we did: A minimal interview" in shown
        assert "[bold]Repaired[/bold] on 3 December" in shown  # not read as markup
        assert "The [red]pump[/red] is broken\\x1b[2J" in shown and "\x1b" not in shown
        assert f"{code}: “The [red]pump[/red] is broken\\x1b[2J” — settled" in shown
        assert not cut_widgets(app)
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM followups WHERE published_at IS NOT NULL"
                            ).fetchone()[0] == 1
