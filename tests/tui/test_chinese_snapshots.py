"""Snapshots at 80x24 of the screens the Chinese walks reach and test_chinese_interface /
test_chinese_screens do not picture: the interview's, the poll's and the meeting's
prepare screens, a poll item, the meeting itself, the correction of a returned session,
the review screen's sessions and the follow-up register. Time stands still (a manual clock, a fixed meeting clock) and the
datasets' ids are fixed, so each picture is the same on every run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from fieldtui.core.clock import ManualClock
from fieldtui.core.respondent import new_code
from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.group import run as group_run
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import make_app, make_home, unlock, wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.chinese_walk import BINS, LIBRARY, SIZE, app_on, chinese, then_settle
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.group_poll_support import FakeClock
from tests.support.paths import FIXTURES, PLANS
from tests.support.returned_session import returned_session
from tests.support.sync_world import make_world

__all__ = ["chinese"]  # the fixture

PARK = PLANS / "group-park.toml"


async def to_prepare(pilot: Pilot[Any], screen: str) -> None:
    """Home → the first plan's prepare screen, its focus placed."""
    await wait_screen(pilot, "HomeScreen")
    await pilot.press("enter")
    await wait_screen(pilot, screen)
    await wait_until(pilot, lambda: pilot.app.screen.focused is not None, what="the focus")


async def to_meeting(pilot: Pilot[Any]) -> None:
    """Unlocked → group prepare → one participant added and consenting → the meeting
    started anyway (coverage not met). A real device: the meeting saves its roster."""
    await wait_screen(pilot, "UnlockScreen")
    await wait_until(pilot, lambda: pilot.app.screen.focused is not None, what="the entry")
    await unlock(pilot)
    app: Any = pilot.app
    app.start_session(next(p for p in app.device.plans() if p.id == "group-park"), app.device)
    await wait_screen(pilot, "GroupPrepareScreen")
    await pilot.press("a")
    await wait_screen(pilot, "ParticipantForm")
    await pilot.press(*"Ana", "ctrl+s")
    await wait_screen(pilot, "GroupPrepareScreen")
    await pilot.press("c")
    await wait_screen(pilot, "ConsentDialog")
    await pilot.press("y")
    await wait_screen(pilot, "GroupPrepareScreen")
    await pilot.press("s")
    await wait_screen(pilot, "ConfirmDialog")
    await pilot.press("y")
    await wait_screen(pilot, "GroupRunScreen")


def review_dataset(tmp_path: Path) -> Path:
    """Three interview sessions with fixed ids (one short, so flagged)."""
    db = tmp_path / "review.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    long_events = [{"t": 0, "type": "nav", "item_id": "travel", "from": None},
                   {"t": 700, "type": "answer", "item_id": "travel"}]
    docs = [
        document(session_id="a1" * 16, interviewer="Ana", answers={"travel": "bus"},
                 key_covered=("travel",), events=long_events),
        document(session_id="b2" * 16, interviewer="Ben", answers={"travel": "car"},
                 events=[{"t": 0, "type": "nav", "item_id": "travel", "from": None},
                         {"t": 60, "type": "answer", "item_id": "travel"}]),
        document(session_id="c3" * 16, interviewer="Ana", answers={"travel": "walk"},
                 key_covered=("travel",), events=long_events)]
    load_documents(conn, docs)
    conn.close()
    return db


def followup_dataset(tmp_path: Path) -> Path:
    """One session, fixed id, with two concerns: a promise long overdue and a plain one."""
    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    doc = document(session_id="e5" * 16)
    doc["concerns"] = [
        {"description": "pump broken", "category": "services", "urgency": "high",
         "settled": False, "promise": True, "due": "2000-01-01", "participant": None,
         "at": ""},
        {"description": "no teacher", "category": "school", "urgency": "low",
         "settled": False, "promise": False, "due": None, "participant": None, "at": ""}]
    load_documents(conn, [doc])
    conn.close()
    return path


class TestChineseScreenSnapshots:
    """Interface and plan in Chinese at 80x24: wide characters keep the lists, the
    checks, the bars, the tables and the footer aligned, nothing cut."""

    @pytest.fixture(autouse=True)
    def fixed_meeting_clock(self, monkeypatch: pytest.MonkeyPatch) -> FakeClock:
        clock = FakeClock()
        monkeypatch.setattr(group_run, "meeting_clock", clock)
        return clock

    def test_interview_prepare_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await to_prepare(pilot, "InterviewPrepareScreen")  # the plan in Chinese too
        assert snap_compare(app_on(LIBRARY), terminal_size=SIZE,
                            run_before=then_settle(shown))

    def test_poll_prepare_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await to_prepare(pilot, "PollPrepareScreen")  # the plan in Chinese too
        assert snap_compare(app_on(BINS), terminal_size=SIZE, run_before=then_settle(shown))

    def test_poll_item_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await to_prepare(pilot, "PollPrepareScreen")
            await pilot.press("s")
            await wait_screen(pilot, "PollRunScreen")
            run: Any = pilot.app.screen
            await pilot.press("y")  # consent given
            await wait_until(pilot, lambda: run.item is not None and not run.consenting,
                             what="the first item")
        assert snap_compare(app_on(BINS), terminal_size=SIZE, run_before=then_settle(shown))

    def test_group_prepare_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await to_prepare(pilot, "GroupPrepareScreen")
        assert snap_compare(app_on(PARK), terminal_size=SIZE, run_before=then_settle(shown))

    def test_group_run_zh(self, snap_compare: Any, chinese: None, tmp_path: Path,
                          fixed_meeting_clock: FakeClock) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await to_meeting(pilot)
            await pilot.press("1")  # Ana speaks for two minutes
            fixed_meeting_clock.advance(120)
            screen: Any = pilot.app.screen
            screen.redraw()
        app = make_app(make_home(tmp_path), clock=ManualClock(100.0))
        assert snap_compare(app, terminal_size=SIZE, run_before=then_settle(shown))

    def test_review_sessions_zh(self, snap_compare: Any, chinese: None,
                                tmp_path: Path) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            app = pilot.app
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen)
                             and app.screen.query_one("#sessions", DataTable).row_count == 3,
                             what="the three sessions")
        app = ReviewApp(review_dataset(tmp_path), "sup-test")
        assert snap_compare(app, terminal_size=SIZE, run_before=then_settle(shown))

    def test_followup_register_zh(self, snap_compare: Any, chinese: None,
                                  tmp_path: Path) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            app = pilot.app
            await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen)
                             and app.screen.query_one("#followup-table",
                                                      DataTable).row_count == 2,
                             what="the two concerns")
        app = FollowupApp(followup_dataset(tmp_path), "sam")
        assert snap_compare(app, terminal_size=SIZE, run_before=then_settle(shown))

    def test_correction_zh(self, snap_compare: Any, chinese: None, tmp_path: Path,
                           isolated_home: Path) -> None:
        # the screen shows the plan's items and the supervisor's notes, no id or time
        world = make_world(tmp_path, isolated_home)
        sid = returned_session(world, Chain(world))

        async def shown(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "HomeScreen")

            def listed() -> bool:
                found = pilot.app.screen.query("#drafts")
                return bool(found) and found.first().option_count > 0 and (
                    found.first().get_option_at_index(0).id == f"returned:{sid}")
            await wait_until(pilot, listed, what="the returned session listed")
            drafts: Any = pilot.app.screen.query_one("#drafts")
            drafts.focus()
            drafts.highlighted = 0
            await pilot.press("enter")
            await wait_screen(pilot, "CorrectionScreen")
            await wait_until(pilot, lambda: pilot.app.screen.focused is not None,
                             what="the focus")
        app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
        assert snap_compare(app, terminal_size=SIZE, run_before=then_settle(shown))
