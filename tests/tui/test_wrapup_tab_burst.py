"""The wrap-up's text areas take a burst of keys in the order typed: the words typed right
after Tab reach the area Tab moved to. Tab bubbled up to the app and moved the focus only
after the letters behind it had gone into the summary: "Went well" typed after Tab (a fast
typist, an SSH link) landed at the end of the summary read back to the participants."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.wrapup import WrapUpScreen
from tests.support.app_support import burst, wait_until
from tests.support.group_poll_support import ClockedStore, DeviceStub, FakeClock, HostApp, people
from tests.support.paths import PLANS


async def test_words_typed_after_tab_reach_the_reflections(isolated_home: Path,
                                                           clock: FakeClock) -> None:
    plan = load_plan(PLANS / "group-park.toml")
    app = HostApp(WrapUpScreen(plan, DeviceStub(isolated_home), ClockedStore(people(3), clock)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        summary = screen.query_one("#summary", TextArea)
        reflections = screen.query_one("#reflections", TextArea)
        await wait_until(pilot, lambda: app.focused is summary, what="the summary")
        burst(app, *"Shade", "tab", *"Went well")
        await wait_until(pilot, lambda: len(summary.text + reflections.text) == 14,
                         what="the burst", timeout=5)
        assert (summary.text, reflections.text) == ("Shade", "Went well")
        assert app.focused is reflections
        burst(app, "shift+tab", *"!")
        await wait_until(pilot, lambda: summary.text.endswith("!") or
                         reflections.text.endswith("!"), what="back", timeout=5)
        assert (summary.text, reflections.text) == ("Shade!", "Went well")


async def test_tab_stays_in_the_reflections_when_the_list_fits(isolated_home: Path,
                                                               clock: FakeClock) -> None:
    """An interview's wrap-up: the list of what is missing fits (a tall terminal), nothing
    to scroll. Tab from the reflections went to it (no mark on screen) and the words typed
    next were lost; now the reflections keep the focus, and the words."""
    plan = load_plan(PLANS / "interview-library.toml")
    app = HostApp(WrapUpScreen(plan, DeviceStub(isolated_home), ClockedStore(people(0), clock)))
    async with app.run_test(size=(80, 60)) as pilot:
        screen = app.screen
        reflections = screen.query_one("#reflections", TextArea)
        await wait_until(pilot, lambda: app.focused is reflections, what="the reflections")
        await wait_until(pilot, lambda: screen.unanswered > 0, what="the list")
        assert screen.query_one("#wrapup").max_scroll_y == 0
        burst(app, *"Calm", "tab", *" talk")
        await wait_until(pilot, lambda: reflections.text.endswith("talk"), what="typed",
                         timeout=5)
        assert reflections.text == "Calm talk"
        assert app.focused is reflections
