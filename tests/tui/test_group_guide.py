"""The meeting screen shows the probes and the hint of the question on screen (it showed
neither), compactly: at 80x24 every participant keeps a talk bar and the newest log entry
stays whole; the guide takes the rows left (the log's older rows first), else ends in …."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from fieldtui.core import i18n
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.group_poll_support import DeviceStub, FakeClock, HostApp, MemoryStore, people
from tests.support.paths import PLANS
from tests.support.screen_text import cut_widgets, screen_lines

PARK = load_plan(PLANS / "group-park.toml")


def text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector).render())


async def on_problems(pilot: Pilot[None]) -> GroupRunScreen:
    """The second agenda item's second question: three probes and a hint."""
    screen = pilot.app.screen
    assert isinstance(screen, GroupRunScreen)
    await pilot.press("n", "]")
    await pilot.pause()
    assert screen.questions.current is not None
    assert screen.questions.current.id == "problems"
    return screen


async def test_the_probes_and_hint_of_the_question_show_whole(
        isolated_home: Path, clock: FakeClock) -> None:
    app = HostApp(GroupRunScreen(PARK, DeviceStub(isolated_home), MemoryStore(people(6))))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_problems(pilot)
        guide = " ".join(text(pilot, "#guide").split())
        assert guide.startswith("Probes: How does the park feel after dark? · What do "
                                "children"), guide
        assert "How easy is the park to reach on foot?" in guide
        assert guide.endswith("Hint (not read aloud): Note who agrees when a problem is "
                              "raised; agreement matters as much as the first mention."), guide
        assert cut_widgets(app) == []
        await pilot.press("]")  # a question without a hint: its probe alone
        await pilot.pause()
        assert text(pilot, "#guide") == "Probes: Who else in the neighbourhood would say the same?"


async def test_nine_participants_keep_their_bars_and_the_log_its_newest_entry(
        isolated_home: Path, clock: FakeClock) -> None:
    app = HostApp(GroupRunScreen(PARK, DeviceStub(isolated_home), MemoryStore(people(9))))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_problems(pilot)
        await pilot.press("1", "2")
        await pilot.pause()
        lines = screen_lines(app)
        assert all(any(f"{n} {name}" in line for line in lines) for n, name in
                   enumerate(("Ann", "Bea", "Cal", "Dan", "Eve", "Fay", "Gus", "Hal", "Ivy"),
                             start=1)), "\n".join(lines)
        assert "Probes: How does the park feel after dark?" in text(pilot, "#guide")
        assert "1 Ann spoke" in text(pilot, "#log")
        assert cut_widgets(app) == []
        assert "1-9 Speaker" in lines[-1]
        await pilot.press("o")  # the off-topic banner takes rows too
        await pilot.pause()
        assert cut_widgets(app) == []
        assert any("9 Ivy" in line for line in screen_lines(app))
        assert "Probes:" in text(pilot, "#guide")


async def test_the_guide_in_chinese(isolated_home: Path, clock: FakeClock) -> None:
    i18n.set_language("zh")
    try:
        app = HostApp(GroupRunScreen(PARK, DeviceStub(isolated_home), MemoryStore(people(6))))
        async with app.run_test(size=(80, 24)) as pilot:
            await on_problems(pilot)
            guide = text(pilot, "#guide")
            assert "Probes:" not in guide and "Hint" not in guide, guide
            assert "How does the park feel after dark?" in guide
            assert cut_widgets(app) == []
    finally:
        i18n.set_language("en")
