"""A full disk (a real, small tmpfs) holds every method's flow on a clear message.

Nothing may say "saved", "complete" or move on while the writer could not save; what was
typed stays in memory, and after space is freed, r saves it in order and the flow goes on.
"""

from __future__ import annotations

import threading
from typing import Any

from textual.widgets import Input, Static

from fieldtui.core.canonical import sha256_hex
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.screens.group.quote import QuoteDialog
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.not_saved import NotSavedScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from fieldtui.tui.screens.wrapup import WrapUpScreen
from tests.support.app_support import burst, wait_screen, wait_until
from tests.support.group_poll_support import (
    DeviceStub,
    HostApp,
    group_plan,
    people,
    poll_plan,
    stored_documents,
)
from tests.support.small_disk import SmallDisk, small_disk

__all__ = ["small_disk"]  # the fixture, imported for pytest


def hold_text(app: Any) -> str:
    """Everything the hold screen says."""
    screen = app.screen
    assert isinstance(screen, NotSavedScreen), f"no hold on screen: {screen}"
    return "\n".join(str(w.render()) for w in screen.query(Static))


def holding(app: Any) -> bool:
    """The hold screen is up and its message is on it (its children mount after the push)."""
    return isinstance(app.screen, NotSavedScreen) and "press r" in hold_text(app)


def prompt(run: PollRunScreen) -> str:
    """The poll's main line."""
    return str(run.query_one("#prompt", Static).render())


async def test_a_poll_on_a_full_disk_never_thanks_or_counts_an_unsaved_respondent(
        small_disk: SmallDisk) -> None:
    device = DeviceStub(small_disk.path)
    run = PollRunScreen(poll_plan(), device)
    app = HostApp(run)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "4")
        await wait_until(pilot, lambda: run.done == 1 and "Thank you" in prompt(run),
                         what="the first respondent saved")
        small_disk.fill()
        # The second respondent answers both items in one burst, as a quick tap does.
        await pilot.press("enter")
        burst(app, "1", "5")
        await wait_until(pilot, lambda: holding(app),
                         what="the hold on the failed save")
        said = hold_text(app)
        assert "No space left" in said and "press r" in said and "Nothing typed is lost" in said
        assert "Thank you" not in prompt(run) and run.done == 1
        # Keys do not reach the poll while it is held.
        await pilot.press("enter", "3")
        assert isinstance(app.screen, NotSavedScreen) and run.done == 1
        small_disk.free()
        await pilot.press("r")
        await wait_until(pilot, lambda: app.screen is run and "Thank you" in prompt(run),
                         what="the thank-you after the retry")
        assert run.done == 2
        await pilot.press("e")
        await app.settle()
    docs = stored_documents(device)
    assert [d["status"] for d in docs] == ["complete", "complete"]
    assert [{k: v["value"] for k, v in d["answers"].items()} for d in docs] == [
        {"weekly": "1 to 2 days", "distance": 4}, {"weekly": "None", "distance": 5}]


async def test_a_meeting_on_a_full_disk_does_not_go_on_to_the_wrapup_unsaved(
        small_disk: SmallDisk) -> None:
    device = DeviceStub(small_disk.path)
    plan = group_plan()
    store = SessionStore.create(small_disk.path, plan=plan, device=device)
    store.set_participants(people(3))
    for pid in ("P1", "P2", "P3"):
        store.record_consent(pid, True, sha256_hex(plan.consent_text.encode()))
    run = GroupRunScreen(plan, device, store)
    app = HostApp(run)
    app.open_sessions.append(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "q")
        await wait_screen(pilot, "QuoteDialog")
        small_disk.fill()
        quote = app.screen
        assert isinstance(quote, QuoteDialog)
        quote.query_one("#words", Input).value = "We need lights " * 300  # > a page
        slow = threading.Event()  # a slow disk: the quote's save fails after "e y"
        app.writer.submit(slow.wait)
        await pilot.press("enter", "e", "y")
        assert run.ended
        slow.set()
        await wait_until(pilot, lambda: holding(app),
                         what="the hold on the failed save")
        assert not any(isinstance(s, WrapUpScreen) for s in app.screen_stack)
        small_disk.free()
        await pilot.press("r")
        await wait_screen(pilot, "WrapUpScreen")  # on to the wrap-up once it is saved
        await app.settle()
    (doc,) = stored_documents(device)
    assert [e["text"] for e in doc["events"] if e["type"] == "quote"] == [
        ("We need lights " * 300).strip()]
