"""Keys typed fast around the meeting's quote dialog (a fast typist, keys over SSH) land
where they were meant to, in order. They did not: the `q` acted only once it had bubbled
up to the app, after the words typed right behind it had reached the meeting screen, which
dropped them; the dialog opened empty. And the keys typed right after the dialog closed
(Enter, Esc) reached the closing dialog, not the meeting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from fieldtui.tui.screens.group.quote import QuoteDialog
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


def quotes(store: MemoryStore) -> list[dict[str, Any]]:
    return [e for e in store.document()["events"] if e.get("type") == "quote"]


def turns(store: MemoryStore) -> list[str]:
    return [e["participant"] for e in store.document()["events"] if e.get("type") == "turn"]


async def test_words_typed_right_after_q_land_in_the_quote_in_order(
        isolated_home: Path, clock: FakeClock) -> None:
    store = MemoryStore(people(3))
    run = GroupRunScreen(group_plan(), DeviceStub(isolated_home), store)
    app = HostApp(run)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        burst(app, "q", *"too dim at night")
        await wait_until(pilot, lambda: isinstance(app.screen, QuoteDialog), what="the dialog")
        dialog = app.screen
        await wait_until(pilot, lambda: dialog.query_one("#words", Input).value
                         == "too dim at night",
                         what=f"the words ({dialog.query_one('#words', Input).value!r})",
                         timeout=3)


async def test_a_whole_quote_and_the_next_speaker_typed_in_one_burst(
        isolated_home: Path, clock: FakeClock) -> None:
    """q, the words, Enter, then 3: the quote is saved as typed and 3 speaks next."""
    store = MemoryStore(people(3))
    run = GroupRunScreen(group_plan(), DeviceStub(isolated_home), store)
    app = HostApp(run)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        burst(app, "q", *"no lights", "enter", "3")
        await wait_until(pilot, lambda: len(turns(store)) == 1 and app.screen is run,
                         what=f"3 speaking ({store.document()['events']})", timeout=3)
        assert [(q["participant"], q["text"]) for q in quotes(store)] == [("P2", "no lights")]
        assert run.ledger.speaker == "P3"


async def test_keys_typed_right_after_escape_closes_the_quote_reach_the_meeting(
        isolated_home: Path, clock: FakeClock) -> None:
    store = MemoryStore(people(3))
    run = GroupRunScreen(group_plan(), DeviceStub(isolated_home), store)
    app = HostApp(run)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        burst(app, "q", *"ab", "escape", "2", "n")
        await wait_until(pilot, lambda: run.section_index == 1 and app.screen is run,
                         what=f"the next agenda item ({run.section_index})", timeout=3)
        assert quotes(store) == []
        assert run.ledger.speaker == "P2"


async def test_words_pressed_fast_after_q_land_in_the_quote(
        isolated_home: Path, clock: FakeClock) -> None:
    """The same with the pilot's presses, one after the other as a fast typist's."""
    store = MemoryStore(people(3))
    run = GroupRunScreen(group_plan(), DeviceStub(isolated_home), store)
    app = HostApp(run)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "q", *"no bins", "enter")
        await wait_until(pilot, lambda: app.screen is run and run.quotes == 1,
                         what=f"the quote saved ({app.screen})", timeout=3)
        assert [(q["participant"], q["text"]) for q in quotes(store)] == [("P2", "no bins")]


async def test_keys_typed_right_after_the_open_dialog_closes_reach_the_meeting(
        isolated_home: Path, clock: FakeClock) -> None:
    """The dialog open, Esc (or Enter) then 2 and n in one burst: 2 and n went into the
    closing dialog's words and were lost."""
    store = MemoryStore(people(3))
    run = GroupRunScreen(group_plan(), DeviceStub(isolated_home), store)
    app = HostApp(run)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "q")
        await wait_until(pilot, lambda: isinstance(app.screen, QuoteDialog), what="the dialog")
        await pilot.press(*"xy")
        burst(app, "escape", "2", "n")
        await wait_until(pilot, lambda: run.section_index == 1 and app.screen is run,
                         what=f"the next agenda item ({run.section_index}, {app.screen})",
                         timeout=3)
        assert quotes(store) == [] and run.ledger.speaker == "P2"
        await pilot.press("q", *"ok")
        await wait_until(pilot, lambda: isinstance(app.screen, QuoteDialog), what="the dialog")
        burst(app, "enter", "3", "b")
        await wait_until(pilot, lambda: run.section_index == 0 and app.screen is run,
                         what=f"back an agenda item ({run.section_index}, {app.screen})",
                         timeout=3)
        assert [(q["participant"], q["text"]) for q in quotes(store)] == [("P2", "ok")]
        assert run.ledger.speaker == "P3"
