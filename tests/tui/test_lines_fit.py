"""At 80x24 every line of every screen fits or wraps: nothing is cut, with the longest strings
of the shipped plans (plans/*.toml): every item, every tone reminder, every agenda item over
its time, the longest quote, a full roster and its status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.group import run as group_run
from fieldtui.tui.screens.group.consent import GroupConsentDialog
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from fieldtui.tui.widgets.roster_editor import RosterEntry
from fieldtui.tui.widgets.tone_strip import ToneStrip
from tests.conftest import PLANS
from tests.support.app_support import make_app, make_home, start_interview
from tests.support.group_poll_support import DeviceStub, FakeClock, HostApp, MemoryStore
from tests.support.screen_text import cut_widgets

SIZE = (80, 24)
GROUP = load_plan(PLANS / "group-park.toml")
POLLS = [load_plan(path) for path in sorted(PLANS.glob("poll-*.toml"))]
LONG_QUOTE = ("We used to walk the dog there every evening until the lights by the pond went "
              "out, and since then nobody from our street goes after dark.")


def test_the_cut_check_sees_a_cut_line() -> None:
    """The check itself: a one-row line longer than the terminal is reported."""
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class OneRow(App[None]):
        CSS = "#row { height: 1; }"

        def compose(self) -> ComposeResult:
            yield Static("word " * 30, id="row")

    async def run() -> list[str]:
        app = OneRow()
        async with app.run_test(size=SIZE):
            return cut_widgets(app)

    assert [c.split(":")[0] for c in asyncio.run(run())] == ["#row"]


async def tone_fits(pilot: Pilot[Any], where: str,
                    may_scroll: frozenset[str] = frozenset()) -> None:
    """Every reminder the strip can show in this section fits."""
    strip = pilot.app.screen.query_one(ToneStrip)
    for _ in strip.reminders:
        strip.rotate()
        await pilot.pause()
        assert cut_widgets(pilot.app, may_scroll) == [], f"{where}, tone {strip.index + 1}"


async def test_interview_screens(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        run = await start_interview(pilot)
        for index, item in enumerate(run.items):
            await run.go_to(index)
            await pilot.pause()
            assert cut_widgets(app, frozenset({"outline-box"})) == [], item.id
            await tone_fits(pilot, item.id, frozenset({"outline-box"}))


def people(plan: Plan, count: int) -> list[RosterEntry]:
    """A full roster with the longest labels and attribute values."""
    assert plan.group is not None
    longest = {name: max(values, key=len) for name, values in plan.group.coverage.items()}
    return [RosterEntry(f"P{n}", f"Participant {n:02d}", longest) for n in range(1, count + 1)]


async def test_group_prepare(isolated_home: Path) -> None:
    assert GROUP.group is not None
    app = HostApp(GroupPrepareScreen(GROUP, DeviceStub(isolated_home)))
    # A long roster, the coverage problems, the checklist and the notice scroll by design.
    scrolling = frozenset({"roster", "coverage", "checklist-box", "notice-box"})
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        assert cut_widgets(app, scrolling) == []
        for entry in people(GROUP, GROUP.group.size_max):
            screen.roster.add(entry)
        screen.refresh_check()  # the status names who has not consented yet
        await pilot.pause()
        assert cut_widgets(app, scrolling) == []
        await pilot.press("l", *"Ana, 35-59, Renter, Nowhere", "enter")
        await pilot.pause()
        assert "Not added" in str(screen.query_one("#status").render())
        assert cut_widgets(app, scrolling) == []
        await pilot.press("escape", "g")
        await pilot.pause()
        assert isinstance(app.screen, GroupConsentDialog)
        assert cut_widgets(app, frozenset({"people-box"})) == []


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setattr(group_run, "meeting_clock", clock)
    return clock


async def test_group_run(isolated_home: Path, fixed_clock: FakeClock) -> None:
    roster = [e.participant.as_dict() for e in people(GROUP, 10)]
    app = HostApp(GroupRunScreen(GROUP, DeviceStub(isolated_home), MemoryStore(roster)))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupRunScreen)
        for number, section in enumerate(GROUP.sections):
            if number:
                await pilot.press("n")
            await pilot.press("1")
            fixed_clock.advance(section.minutes * 60 + 61)  # over time: the nudge shows
            for _item in section.items:
                await pilot.press("k", "]")  # every question on screen, discussed
                screen.redraw()
                await pilot.pause()
                assert cut_widgets(app) == [], section.id
            await tone_fits(pilot, section.id)
        screen.store.append_event("quote", participant="P10", text=LONG_QUOTE)
        screen.quotes += 1
        screen.log_line(f"quote from {screen.labels['P10']}: {LONG_QUOTE}")
        await pilot.pause()
        assert cut_widgets(app) == []
        log = str(screen.query_one("#log").render())
        assert "quote from Participant 10: We used to walk" in log and "after dark." in log
        await pilot.press("o")
        fixed_clock.advance(3600)
        screen.redraw()
        await pilot.pause()
        app.clear_notifications()
        assert cut_widgets(app) == []
        await pilot.press("o")
        await pilot.pause()
        assert cut_widgets(app) == []


@pytest.mark.parametrize("plan", POLLS, ids=[p.id for p in POLLS])
async def test_poll_screens(isolated_home: Path, plan: Plan) -> None:
    app = HostApp(PollPrepareScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=SIZE) as pilot:
        assert cut_widgets(app, frozenset({"check", "checklist-box"})) == []
        await pilot.press("s")
        run = app.screen
        assert isinstance(run, PollRunScreen)
        for index, item in enumerate(run.items):
            run.index = index
            run.show()
            await pilot.pause()
            assert cut_widgets(app) == [], item.id
            await tone_fits(pilot, item.id)
