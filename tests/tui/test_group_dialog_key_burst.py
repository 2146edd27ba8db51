"""Keys typed right behind the meeting key that opens a dialog (Ctrl+R concern, p who
speaks, e end) belong to the dialog, all of them, in order. The first one was lost: the
meeting handed it on before the dialog had mounted and taken its focus, so it reached the
bare dialog screen and went nowhere (Ctrl+R then `Bus fares` gave `us fares`); and a
dialog's own priority keys (y, n on "End the meeting?") never acted on a key handed on.
The picker after `p` is pinned (it mounts fast enough that its first key was kept)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.binding import BindingType
from textual.widgets import Input

from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.screens.concern_dialog import ConcernDialog
from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import burst, wait_until
from tests.support.group_poll_support import (
    DeviceStub,
    FakeClock,
    HostApp,
    MemoryStore,
    group_plan,
    people,
)


def _meeting(home: Path) -> tuple[MemoryStore, GroupRunScreen, HostApp]:
    store = MemoryStore(people(3))
    run = GroupRunScreen(group_plan(), DeviceStub(home), store)
    return store, run, HostApp(run)


async def test_words_typed_right_after_ctrl_r_are_the_concern(
        isolated_home: Path, clock: FakeClock) -> None:
    _store, _run, app = _meeting(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        burst(app, "ctrl+r", *"Bus fares")
        await wait_until(pilot, lambda: isinstance(app.screen, ConcernDialog), what="dialog")
        text = app.screen.query_one("#concern-text", Input)
        await wait_until(pilot, lambda: text.value == "Bus fares",
                         what=f"the words ({text.value!r})", timeout=3)


async def test_a_number_typed_right_after_p_picks_the_speaker(
        isolated_home: Path, clock: FakeClock) -> None:
    _store, run, app = _meeting(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        burst(app, "p", "down", "down", "enter")
        await wait_until(pilot, lambda: run.ledger.speaker == "P3" and app.screen is run,
                         what=f"P3 speaking ({run.ledger.speaker}, {app.screen})", timeout=3)


async def test_y_typed_right_after_e_ends_the_meeting(
        isolated_home: Path, clock: FakeClock) -> None:
    _store, run, app = _meeting(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        burst(app, "e", "y")
        await wait_until(pilot, lambda: run.ended, what=f"the end ({app.screen})", timeout=3)
        await wait_until(pilot, lambda: type(app.screen).__name__ == "WrapUpScreen",
                         what=f"the wrap-up ({app.screen})", timeout=3)



class HelpHost(HostApp):
    """The bare host with the app's F1 (help, a priority key of the app)."""

    BINDINGS: ClassVar[list[BindingType]] = FieldtuiBaseApp.BINDINGS
    HELP_ABOUT = None

    def action_help(self) -> None:
        FieldtuiBaseApp.action_help(self)  # type: ignore[arg-type]


async def test_keys_typed_right_after_help_closes_go_to_the_meeting(
        isolated_home: Path, clock: FakeClock) -> None:
    """F1, Escape and `p ↓ ↓ Enter` in one burst: help opens and closes, and the keys
    behind the Escape pick the speaker on the meeting (the Escape is help's, not the
    meeting's "Leave?")."""
    run = GroupRunScreen(group_plan(), DeviceStub(isolated_home), MemoryStore(people(3)))
    app = HelpHost(run)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        burst(app, "f1", "escape", "p", "down", "down", "enter")
        await wait_until(pilot, lambda: run.ledger.speaker == "P3" and app.screen is run,
                         what=f"P3 speaking ({run.ledger.speaker}, {app.screen_stack})",
                         timeout=3)


async def test_the_document_read_after_the_wrap_up_is_taken_down_is_let_go(
        isolated_home: Path, clock: FakeClock) -> None:
    """The wrap-up reads the saved session in a worker; when the app quits right after it
    opened (the meeting ended by a burst, the app closed), the answer reached a screen
    whose widgets were gone: NoMatches, a traceback as the app closed."""
    from fieldtui.tui.screens.wrapup import DocumentRead

    _store, _run, app = _meeting(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        burst(app, "e", "y")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "WrapUpScreen",
                         what=f"the wrap-up ({app.screen})", timeout=3)
        wrapup: Any = app.screen
        await wait_until(pilot, lambda: not any(
            w.group == "wrapup-load" and not w.is_finished for w in app.workers),
                         what="the document read")
        await pilot.pause()
        await wrapup.remove_children()  # as the app takes it down
        wrapup.on_document_read(DocumentRead({"answers": {}}))  # no NoMatches
