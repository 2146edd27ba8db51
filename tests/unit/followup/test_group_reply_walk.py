"""The walk for a meeting: a concern raised by a participant of a group meeting, followed
to its reply on the same device when the same group meets again (the real CLI: sync to a
stick, collector ingest, merge, followups --set and --publish, sync; then the app's group
prepare, given the group's earlier code with m, shows the reply)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from fieldtui.core.clock import ManualClock
from fieldtui.core.concern import Concern
from fieldtui.core.plan.load import load_plan
from fieldtui.core.respondent import new_code
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.cli_main import in_process
from tests.support.cli_run import fieldtui
from tests.support.paths import FIXTURES
from tests.support.sync_world import DEVICE_PASS, PLAN, STUDY_PASS, World, make_world

GROUP = FIXTURES / "group_park.toml"


@pytest.fixture(autouse=True)
def commands_in_process(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same click commands, run in-process (`cli_main.in_process`): the point here is
    what they do; a process per command imported the whole app again each time."""
    monkeypatch.setattr(sys.modules[__name__], "fieldtui", in_process(capsys))


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home, plans=[PLAN, GROUP])


def _ok(*args: str, passphrase: bytes | None = None) -> str:
    done = fieldtui(*args, passphrase=passphrase)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _meeting(world: World, code: str) -> str:
    plan = load_plan(GROUP)
    store = SessionStore.create(world.home, plan=plan, device=world.device)
    try:
        store.set_participants([{"id": f"P{n}", "label": label, "attributes": {},
                                 "informed": n == 1} for n, label in ((1, "Ann"), (2, "Bo"))])
        for pid in ("P1", "P2"):
            store.record_consent(pid, True, "0" * 64)
        store.set_field("respondent", code)
        store.add_concern(Concern("The gate is locked at six", "services", participant="P2"))
        store.mark_complete()
        return str(store.session_id)
    finally:
        store.close()


async def test_a_meeting_concern_is_answered_when_the_group_meets_again(
        world: World) -> None:
    code = new_code()
    sid = _meeting(world, code)
    stick = world.tmp / "stick"
    stick.mkdir()
    _ok("seal", passphrase=DEVICE_PASS)
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    db = world.tmp / "data.sqlite"
    _ok("merge", "--from", str(world.collector_root), "--into", str(db),
        "--study", str(world.study_dir), passphrase=STUDY_PASS)
    listed = _ok("followups", str(db))
    assert "group-park-mini\n      raised by Bo (P2)" in listed  # the screen's words
    _ok("followups", str(db), "--set", f"{sid[:8]}-1", "--status", "in-progress",
        "--reply", "The gate now closes at nine from next month.")
    published = _ok("followups", str(db), "--publish", str(world.study_dir),
                    "--collector-store", str(world.collector_root), passphrase=STUDY_PASS)
    assert "1 reply for device" in published
    _ok("collector", "ingest", str(stick), "--store", str(world.collector_root))
    _ok("sync", "--to", str(stick), passphrase=DEVICE_PASS)

    app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        home = app.screen
        index = [p.id for p in home.plans].index("group-park-mini")  # type: ignore[attr-defined]
        await pilot.press(*["down"] * index, "enter")
        await wait_screen(pilot, "GroupPrepareScreen")
        await pilot.press("m")
        await wait_screen(pilot, "EarlierCodeDialog")
        await pilot.press(*code, "enter")
        await wait_screen(pilot, "GroupRepliesDialog")
        text = app.screen.query_one("#group-replies", Static)
        await wait_until(pilot, lambda: "nine" in str(text.render()), what="the reply")
        assert ("“The gate is locked at six” — being worked on: The gate now closes at nine "
                "from next month.") in str(text.render())
