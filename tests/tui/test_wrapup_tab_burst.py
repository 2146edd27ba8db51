"""The wrap-up's text areas take a burst of keys in the order typed: the words typed right
after Tab reach the area Tab moved to. Tab bubbled up to the app and moved the focus only
after the letters behind it had gone into the summary: "Went well" typed after Tab (a fast
typist, an SSH link) landed at the end of the summary read back to the participants."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.screens.wrapup import WrapUpScreen
from tests.support.app_support import burst, wait_until
from tests.support.group_poll_support import ClockedStore, DeviceStub, FakeClock, HostApp, people
from tests.support.paths import PLANS
from tests.support.screen_text import screen_lines


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


class _Styled(HostApp):
    CSS_PATH = FieldtuiBaseApp.CSS_PATH  # the apps' styles (app.tcss)


async def test_the_list_shows_when_it_has_the_focus(isolated_home: Path,
                                                    clock: FakeClock) -> None:
    """A meeting's list of questions not yet discussed scrolls at 80x24, so Tab stops on it
    (for ↑/↓): a bar on its left says so; nothing did, and the words typed went nowhere."""
    plan = load_plan(PLANS / "group-park.toml")
    app = _Styled(WrapUpScreen(plan, DeviceStub(isolated_home), ClockedStore(people(3), clock)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        listed = screen.query_one("#wrapup")
        await wait_until(pilot, lambda: screen.unanswered > 0, what="the list")
        await pilot.pause()
        assert listed.max_scroll_y > 0
        before = screen_lines(app)[listed.region.y]
        await pilot.press("tab", "tab")
        await wait_until(pilot, lambda: app.focused is listed, what="the list", timeout=5)
        await pilot.pause()
        after = screen_lines(app)[listed.region.y]
        assert before[0] == " " and after[0] == "┃", (before, after)
        assert after[1:].rstrip() == before[1:].rstrip()  # the rows are where they were


async def test_words_typed_on_the_list_go_to_the_box_typed_in(isolated_home: Path,
                                                              clock: FakeClock) -> None:
    """On the list (Tab twice from the summary: a meeting's eight questions not discussed
    scroll at 80x24) the words typed went nowhere; they go to the box last typed in, and
    the focus with them (↑/↓ still scroll the list)."""
    plan = load_plan(PLANS / "group-park.toml")
    app = HostApp(WrapUpScreen(plan, DeviceStub(isolated_home), ClockedStore(people(3), clock)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        listed = screen.query_one("#wrapup")
        summary = screen.query_one("#summary", TextArea)
        reflections = screen.query_one("#reflections", TextArea)
        await wait_until(pilot, lambda: screen.unanswered > 0, what="the list")
        await pilot.pause()
        assert listed.max_scroll_y > 0
        await pilot.press(*"Shade", "tab", "tab")
        await wait_until(pilot, lambda: app.focused is listed, what="the list", timeout=5)
        await pilot.press("down")
        await wait_until(pilot, lambda: listed.scroll_y > 0, what="scrolled", timeout=5)
        burst(app, *" trees")
        await wait_until(pilot, lambda: summary.text == "Shade trees",
                         what=f"typed ({summary.text!r})", timeout=5)
        assert app.focused is summary
        # Tab through the reflections (typed in) to the list: there it goes on in them;
        # back to the summary, typed in, then the list: there it goes on in the summary.
        burst(app, "tab", *"Calm", "tab", *" talk", "shift+tab", "!", "shift+tab", "?")
        await wait_until(pilot, lambda: summary.text == "Shade trees!?",
                         what=f"typed ({summary.text!r}, {reflections.text!r})", timeout=5)
        assert reflections.text == "Calm talk"
