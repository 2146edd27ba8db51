"""A group meeting walked from its prepare screen to complete, then read back from the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from fieldtui.core.canonical import sha256_hex
from fieldtui.tui.screens.group import run as group_run
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.wrapup import WrapUpScreen
from tests.support.group_poll_support import (
    DeviceStub,
    FakeClock,
    HostApp,
    add_participant,
    group_plan,
    stored_documents,
)


async def consent(pilot: Pilot[None], row: int, *answer: str) -> None:
    """Move to a roster row and record the participant's answer."""
    screen = pilot.app.screen
    assert isinstance(screen, GroupPrepareScreen)
    screen.roster.move_cursor(row=row)
    await pilot.press("c", *answer)


async def until(pilot: Pilot[None], check: Callable[[], bool]) -> None:
    """Let the app run until `check` holds (a screen change waits for saves first)."""
    for _ in range(200):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


def status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#status").render())


async def test_meeting_from_roster_to_complete(isolated_home: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    monkeypatch.setattr(group_run, "meeting_clock", clock)
    device = DeviceStub(isolated_home)
    plan = group_plan()
    app = HostApp(GroupPrepareScreen(plan, device))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, GroupPrepareScreen)
        assert "roster is empty" in status(pilot)

        await add_participant(pilot, "Ann", "18-34", "north", informed=True)
        await add_participant(pilot, "Bea", "35-64", "south")
        coverage = str(app.screen.query_one("#coverage-text").render())
        assert "no one from age 65+" in coverage
        await add_participant(pilot, "Cal", "65+", "north")
        await add_participant(pilot, "Dan", "65+", "south")
        assert "OK: coverage met." in str(app.screen.query_one("#coverage-text").render())

        await consent(pilot, 0, "y")
        await consent(pilot, 1, "n", "y")
        assert "P2 Bea declined" in status(pilot)
        await consent(pilot, 1, "y")
        await consent(pilot, 2, "y")
        await consent(pilot, 3, "n", "y")
        await pilot.press("s")
        assert isinstance(app.screen, GroupPrepareScreen)
        assert "P4 Dan declined" in status(pilot)
        await pilot.press("d", "y")  # Dan leaves (he declined: y confirms); the cursor is on him
        assert "Ready" in status(pilot)

        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, GroupRunScreen)
                    and bool(app.screen.query("#offtopic")))
        run = app.screen
        assert isinstance(run, GroupRunScreen)

        await pilot.press("1")
        clock.advance(30)
        await pilot.press("2")
        clock.advance(20)
        await pilot.press("o")
        assert "steer back" in str(run.query_one("#offtopic").render())
        clock.advance(10)
        await pilot.press("o")
        await pilot.press("q")
        await pilot.press(*"We need lights", "enter")
        await pilot.press("3")
        clock.advance(5)
        await pilot.press("n")
        assert "Evening hours" in str(run.query_one("#agenda").render())
        assert "KEY POINT What keeps you" in str(run.query_one("#ask").render())
        await pilot.press("k")
        assert "✓ discussed" in str(run.query_one("#ask").render())
        clock.advance(15)
        await pilot.press("0")
        await pilot.press("p", "down", "enter")  # the picker: second in the list, Bea
        clock.advance(5)
        bars = run.query_one("#bars").text  # type: ignore[attr-defined]
        assert "▶ 2 Bea" in bars
        await pilot.press("e", "y")
        await until(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await pilot.press(*"Evenings feel unsafe")
        await app.screen.run_action("complete")  # the wrap-up's own key is the shell's choice
        await app.settle()
        await pilot.pause()
        assert app.failures == []

    (doc,) = stored_documents(device)
    assert doc["method"] == "group" and doc["status"] == "complete"
    assert doc["summary"] == "Evenings feel unsafe"
    assert {k: (a["value"], a["key_covered"]) for k, a in doc["answers"].items()} == {
        "barriers": ("discussed", True)}
    assert [(p["id"], p["label"], p["attributes"], p["informed"])
            for p in doc["participants"]] == [
        ("P1", "Ann", {"age": "18-34", "area": "north"}, True),
        ("P2", "Bea", {"age": "35-64", "area": "south"}, False),
        ("P3", "Cal", {"age": "65+", "area": "north"}, False),
    ]
    text_hash = sha256_hex(plan.consent_text.encode())
    assert [(c["participant"], c["given"], c["text_hash"]) for c in doc["consent"]] == [
        ("P1", True, text_hash), ("P2", False, text_hash), ("P2", True, text_hash),
        ("P3", True, text_hash), ("P4", False, text_hash)]
    assert all(c["at"] for c in doc["consent"])
    events = [{k: v for k, v in e.items() if k not in ("n", "at", "mono")}
              for e in doc["events"] if e["type"] in ("turn", "offtopic", "quote", "section")]
    assert events == [
        {"type": "turn", "participant": "P1", "section_id": "opening", "duration": 30.0},
        {"type": "offtopic", "section_id": "opening", "duration": 10.0},
        {"type": "quote", "participant": "P2", "text": "We need lights",
         "may_quote": False},
        {"type": "turn", "participant": "P2", "section_id": "opening", "duration": 30.0},
        {"type": "section", "section_id": "opening", "elapsed": 65.0},
        {"type": "turn", "participant": "P3", "section_id": "opening", "duration": 20.0},
        {"type": "turn", "participant": "P2", "section_id": "hours", "duration": 5.0},
        {"type": "section", "section_id": "hours", "elapsed": 20.0},
    ]


async def test_an_empty_roster_is_a_message_not_a_crash(isolated_home: Path) -> None:
    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("e", "d", "i", "c", "s"):
            await pilot.press(key)
            assert isinstance(app.screen, GroupPrepareScreen)
            assert "roster is empty" in status(pilot)
        assert "no participants yet" in str(app.screen.query_one("#coverage-text").render())
    assert stored_documents(DeviceStub(isolated_home)) == []
