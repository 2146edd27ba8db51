"""The meeting screen on its own: cues, flags, the picker beyond nine, resuming a draft."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.pilot import Pilot

from fieldtui.core.canonical import sha256_hex
from fieldtui.store import session_store
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.flows import run_screen
from fieldtui.tui.screens.group.pick import ParticipantPicker
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import flush
from tests.support.group_poll_support import (
    ClockedStore,
    DeviceStub,
    FakeClock,
    HostApp,
    MemoryStore,
    group_plan,
    people,
)


def line(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector).render())


async def until(pilot: Pilot[None], check: Callable[[], bool]) -> None:
    for _ in range(200):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


async def test_cues_at_15_and_5_minutes_left_and_section_over_time(
        isolated_home: Path, clock: FakeClock) -> None:
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home),
                                 MemoryStore(people(3))))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "CUE" not in line(pilot, "#clock")
        clock.advance(11 * 60)  # the 10-minute opening round is over its time
        await pilot.press("1")
        assert "OVER TIME" in line(pilot, "#agenda")
        assert "CUE" not in line(pilot, "#clock")
        clock.advance(4 * 60)
        await pilot.press("2")
        assert "CUE: 15 min left" in line(pilot, "#clock")
        clock.advance(10 * 60)
        await pilot.press("3")
        assert "CUE: 5 min left" in line(pilot, "#clock")
        clock.advance(6 * 60)
        await pilot.press("1")
        assert "TIME IS UP" in line(pilot, "#clock")


async def test_flags_for_dominant_and_silent_participants(
        isolated_home: Path, clock: FakeClock) -> None:
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home),
                                 MemoryStore(people(4))))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        clock.advance(900)
        await pilot.press("2")
        clock.advance(60)
        await pilot.press("1")
        clock.advance(300)  # silence counts from the end of the opening round (10 min)
        app.screen.redraw()  # type: ignore[attr-defined]
        bars = app.screen.query_one("#bars").text  # type: ignore[attr-defined]
        rows = {row.lstrip("▶ ").split()[0]: row for row in bars.splitlines()}
        assert "OVER 2x fair share" in rows["1"]
        assert "SILENT since opening" in rows["3"] and "SILENT" in rows["4"]
        assert "SILENT" not in rows["2"] and "OVER" not in rows["2"]


async def test_the_picker_reaches_participants_beyond_nine(
        isolated_home: Path, clock: FakeClock) -> None:
    store = MemoryStore(people(11))
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ParticipantPicker)
        await pilot.press(*["down"] * 10, "enter")
        assert isinstance(app.screen, GroupRunScreen)
        assert "Speaking: 11 Kim" in line(pilot, "#speaker")
        clock.advance(12)
        await pilot.press("0")
        await app.settle()
    turns = [e for e in store.doc["events"] if e["type"] == "turn"]
    assert turns == [{"type": "turn", "participant": "P11", "section_id": "opening",
                      "duration": 12.0}]


async def test_a_draft_meeting_resumes_where_it_stopped(
        isolated_home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    # The store stamps events on the monotonic clock the meeting clock reads, as in the
    # app: a resume checks the checkpoint's times against the events' (checkpoint_bounds).
    monkeypatch.setattr(session_store, "time", SimpleNamespace(monotonic=clock))
    device = DeviceStub(isolated_home)
    plan = group_plan()
    store = SessionStore.create(isolated_home, plan=plan, device=device)
    store.set_participants(people(3))
    for pid in ("P1", "P2", "P3"):
        store.record_consent(pid, True, sha256_hex(plan.consent_text.encode()))
    path = store.path
    app = HostApp(GroupRunScreen(plan, device, store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        clock.advance(40)
        await pilot.press("n", "3")  # Bea's turn ends; the hours item starts, Cal speaks
        clock.advance(25)
        await flush(app)  # the checkpoint of the change has run
        app.screen.checkpoint()  # type: ignore[attr-defined]  # the periodic checkpoint
        clock.advance(5)  # after the last checkpoint: Cal's turn loses it, the agenda not
        await app.settle()  # the app is killed here, in the middle of Cal's turn
    reopened = SessionStore.open(path, device.identity)
    app = HostApp(GroupRunScreen(plan, device, reopened))
    async with app.run_test(size=(80, 24)) as pilot:
        # The agenda item's timer goes on from when the item began, not from 0:00.
        assert "Evening hours   0:30 of" in line(pilot, "#agenda")
        bars = app.screen.query_one("#bars").text  # type: ignore[attr-defined]
        assert "0:40" in bars.splitlines()[1]
        assert "0:25" in bars.splitlines()[2]  # Cal's cut-off turn is kept
        assert "turns 2" in line(pilot, "#clock")
        assert "cut off by a restart" in line(pilot, "#log")
        await app.settle()
    reopened = SessionStore.open(path, device.identity)
    turns = [e for e in reopened.document()["events"] if e["type"] == "turn"]
    reopened.close()
    assert [(t["participant"], t["duration"], t.get("interrupted")) for t in turns] == [
        ("P2", 40.0, None), ("P3", 25.0, True)]


async def test_the_agenda_clock_counts_the_time_closed_as_the_meeting_clock_does(
        isolated_home: Path, clock: FakeClock) -> None:
    """The agenda item's clock went back to the time run before the app closed (0:25)
    while the meeting clock went on in wall time (6:10): both count the five minutes the
    app was closed, as the meeting went on in the room."""
    plan, store = group_plan(), ClockedStore(people(3), clock)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await flush(app)
        clock.advance(40)
        await pilot.press("n", "3")  # the hours item starts, Cal speaks
        await flush(app)
        clock.advance(25)
        app.screen.checkpoint()  # type: ignore[attr-defined]  # the periodic checkpoint
        clock.advance(5)
        await app.settle()  # the app is closed here
    clock.advance(300)  # five minutes later it is opened again
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Evening hours   5:30 of" in line(pilot, "#agenda")  # 0:25 + 0:05 + 5:00
        assert "Meeting 6:10 of" in line(pilot, "#clock")  # 0:40 + 0:30 + 5:00
        await app.settle()
    assert store.doc["position"]["since"] == 1040.0  # the visit began when n was pressed


async def test_a_draft_from_before_the_start_goes_back_to_prepare(
        isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    plan = group_plan()
    store = SessionStore.create(isolated_home, plan=plan, device=device)
    store.set_participants(people(2))
    store.record_consent("P1", True, sha256_hex(plan.consent_text.encode()))
    app = HostApp(run_screen(plan, device, store))  # what resuming the draft shows
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, GroupPrepareScreen))
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        assert [e.consent for e in screen.roster.entries] == [True, None]
        assert "P2 Bea" in line(pilot, "#status")
        await app.settle()


async def test_a_meeting_without_participants_says_so(isolated_home: Path,
                                                      clock: FakeClock) -> None:
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home), MemoryStore([])))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "q")
        clock.advance(2)
        app.screen.redraw()  # type: ignore[attr-defined]
        assert "no participants" in line(pilot, "#speaker")
        assert "No participants." in app.screen.query_one("#bars").text  # type: ignore[attr-defined]


async def test_quitting_keeps_the_running_turn_whole(isolated_home: Path,
                                                     clock: FakeClock) -> None:
    """Ctrl+Q (the app's quit asks every screen to save what it holds) kept the running
    turn only as of the last periodic checkpoint: up to 10 s of it were lost."""
    from fieldtui.tui.screens.navigation import save_typing

    plan, store = group_plan(), ClockedStore(people(3), clock)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await flush(app)
        clock.advance(8)
        save_typing(app, store)  # as the app's quit does, before it closes the store
        await flush(app)
        await app.settle()
    assert store.doc["position"]["turn"]["duration"] == 8.0


async def test_a_tangent_running_when_the_app_closed_goes_on_after_the_resume(
        isolated_home: Path, clock: FakeClock) -> None:
    """The running tangent was not checkpointed: a resume forgot it, its time was lost and
    the steer-back banner was gone."""
    plan, store = group_plan(), ClockedStore(people(3), clock)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        clock.advance(10)
        await pilot.press("o")  # off topic from 0:10
        await flush(app)
        clock.advance(30)
        app.screen.checkpoint()  # type: ignore[attr-defined]
        await app.settle()  # the app is closed here
    clock.advance(60)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "OFF TOPIC for 1:30" in line(pilot, "#offtopic")
        await pilot.press("o")  # back on topic
        await flush(app)
        await app.settle()
    tangents = [e for e in store.doc["events"] if e["type"] == "offtopic"]
    assert [t["duration"] for t in tangents] == [90.0]


async def test_the_meeting_help_names_the_meeting_and_lists_each_key_once(
        isolated_home: Path, clock: FakeClock) -> None:
    """F1 on a meeting said 'Help — fieldtui' and spent eight lines on 'Speaker 2' to
    'Speaker 9' (the footer's 1-9 says it) before the keys the footer has no room for."""
    from textual.widgets import Static

    from fieldtui.tui.screens.help import HelpScreen

    screen = GroupRunScreen(group_plan(), DeviceStub(isolated_home), MemoryStore(people(3)))
    app = HostApp(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(HelpScreen(screen))
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        title = str(app.screen.query_one(".dialog-title", Static).render())
        keys = str(app.screen.query_one("#help-keys Static", Static).render())
        assert title == "Help — Meeting"
        assert "Speaker 2" not in keys and "1-9" in keys
        assert "Concern raised" in keys and "Discussed" in keys


async def test_the_newest_log_line_stays_on_screen_while_the_off_topic_banner_shows(
        isolated_home: Path, clock: FakeClock) -> None:
    """At 80x24 the off-topic banner took the log's rows: the log, and the line saying
    the talk went off topic, were gone while the banner showed."""
    from tests.support.screen_text import cut_widgets, screen_lines
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home),
                                 MemoryStore(people(9))))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        clock.advance(75)
        await pilot.press("2")  # the log: "1 … spoke 1:15"
        clock.advance(10)
        await pilot.press("o")
        await until(pilot, lambda: "OFF TOPIC" in "\n".join(screen_lines(app)))
        shown = "\n".join(screen_lines(app))
        assert "off topic: steer back" in shown
        assert "spoke 1:15" in shown
        assert not cut_widgets(app)
        clock.advance(20)
        await pilot.press("o")  # back on topic: the banner goes, the log says how long
        await until(pilot, lambda: "OFF TOPIC" not in "\n".join(screen_lines(app)))
        assert "off topic for 0:20" in "\n".join(screen_lines(app))
