"""Seal and sync from the app's home: a real device, a folder and a real collector on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static

from fieldtui.core.plan.load import load_plan
from fieldtui.sealing.sealer import seal_all
from fieldtui.sealing.state import load_state
from fieldtui.store.device import UnlockedDevice, open_device
from fieldtui.store.enroll import enroll_device
from fieldtui.store.kit_write import write_kit
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from fieldtui.store.study import create_study, set_collector
from fieldtui.sync.client import SyncResult
from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.ingest import ingest_folder
from fieldtui.sync.collector.keys import init_store
from fieldtui.sync.collector.store import CollectorStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.seal_sync import SealSyncDone, sync_outcome
from tests.support.app_support import wait_screen, wait_until
from tests.support.paths import FIXTURES
from tests.support.server_thread import running

PLAN = FIXTURES / "minimal_interview.toml"
STUDY_PASS, DEVICE_PASS = b"study passphrase", b"device passphrase"
SIZE = (80, 24)


@contextmanager
def collector_world(tmp: Path, home: Path) -> Iterator[tuple[UnlockedDevice, CollectorStore, str]]:
    """A collector serving on 127.0.0.1, and a device enrolled with a kit naming it."""
    root = tmp / "collector"
    public = init_store(root)
    store = CollectorStore(root)
    try:
        with running(store) as url:
            device = _enroll(tmp, home, url, public)
            allow(root, tmp / "card.json")
            yield device, store, url
    finally:
        store.close()


def _enroll(tmp: Path, home: Path, url: str, public: str) -> UnlockedDevice:
    study = tmp / "study"
    create_study(study, name="Library study", passphrase=STUDY_PASS, plans=[PLAN])
    set_collector(study, url, public)
    write_kit(study, STUDY_PASS, tmp / "kit.json")
    (tmp / "card.json").write_bytes(
        enroll_device(tmp / "kit.json", home=home, interviewer="Ana",
                      passphrase=DEVICE_PASS).to_json())
    return open_device(home).unlock(DEVICE_PASS)


def complete(device: UnlockedDevice, answer: str, *, close: bool = True) -> SessionStore:
    """A finished session made through the real store (left open when `close` is False)."""
    store = SessionStore.create(device.home, plan=load_plan(PLAN), device=device)
    store.save_answer("travel", answer)
    store.append_event("complete")
    store.mark_complete()
    if close:
        store.close()
    return store


def statuses(home: Path) -> dict[str, str]:
    """Session id -> status, from the sidecars."""
    return {m.session_id: m.status for m in list_sessions(home)}


def text(pilot: Pilot[Any], selector: str) -> str:
    """What a Static on the active screen shows."""
    return str(pilot.app.screen.query_one(selector, Static).render())


async def run_job(pilot: Pilot[Any], *keys: str) -> str:
    """Press keys that start seal or sync; wait for the results; return them."""
    await pilot.press(*keys)
    await wait_screen(pilot, "SealSyncScreen")
    screen: Any = pilot.app.screen
    await wait_until(pilot, lambda: not screen.running, timeout=20, what="the job to end")
    return text(pilot, "#outbox-status") + "\n" + text(pilot, "#outbox-result")


async def folder_dialog(pilot: Pilot[Any]) -> Input:
    """Wait for the folder question, its line focused."""
    await wait_screen(pilot, "FolderDialog")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen.focused, Input),
                     what="the folder line")
    line = pilot.app.screen.focused
    assert isinstance(line, Input)
    return line


async def close_dialog(pilot: Pilot[Any]) -> str:
    """Enter closes the results; home's refreshed counts."""
    await pilot.press("enter")
    await wait_screen(pilot, "HomeScreen")
    return text(pilot, "#home-counts")


async def test_seal_and_sync_to_a_folder_and_a_collector(tmp_path: Path,
                                                         isolated_home: Path) -> None:
    with collector_world(tmp_path, isolated_home) as (device, collector, url):
        first = complete(device, "by bus", close=False)
        app = FieldtuiApp(device=device)
        async with app.run_test(size=SIZE) as pilot:
            app.open_sessions.append(first)  # a wrap-up that left its store open
            await wait_screen(pilot, "HomeScreen")
            shown = await run_job(pilot, "ctrl+e")
            assert "✓ Done" in shown
            assert f"Sealed 1 session into a bundle in {isolated_home / 'outbox'}." in shown
            assert app.open_sessions == []
            assert "▣ 1 sealed" in await close_dialog(pilot)
            assert statuses(isolated_home) == {first.session_id: "sealed"}

            # to a USB stick: written there, waiting for the collector to ingest
            stick = tmp_path / "stick"
            stick.mkdir()
            screen: Any = app.screen
            screen.ask_folder()
            (await folder_dialog(pilot)).value = str(stick)
            shown = await run_job(pilot, "enter")
            assert f"Receipted: 0 bundles at {stick}." in shown
            assert "waiting for 'fieldtui collector ingest': 1." in shown
            assert len(list(stick.glob("*.ftb"))) == 1
            await close_dialog(pilot)
            assert len(ingest_folder(collector, stick).stored) == 1

            # a second session, sealed, then both synced to the kit's collector
            second = complete(device, "on foot")
            shown = await run_job(pilot, "ctrl+e")
            assert "Sealed 1 session into a bundle" in shown
            await close_dialog(pilot)
            shown = await run_job(pilot, "ctrl+y")
            assert f"Receipted: 2 bundles at {url}." in shown
            assert "✓ Done" in shown
            assert "✉ 2 receipted" in await close_dialog(pilot)

    both = {first.session_id, second.session_id}
    assert statuses(isolated_home) == dict.fromkeys(both, "receipted")
    assert list((isolated_home / "outbox").glob("*.ftb")) == []
    assert load_state(isolated_home).pending == {}
    assert len(list((isolated_home / "receipts").glob("*.json"))) == 2
    assert list((isolated_home / "sessions").glob("*.ftj")) == []  # plaintext gone
    assert len(collector.stored()) == 2


async def test_a_down_collector_is_a_clear_message(tmp_path: Path, isolated_home: Path) -> None:
    device = _enroll(tmp_path, isolated_home, "http://127.0.0.1:9", init_store(tmp_path / "c"))
    complete(device, "by bus")
    seal_all(device)
    app = FieldtuiApp(device=device)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "HomeScreen")
        shown = await run_job(pilot, "ctrl+y")
        assert "✗ Sync stopped" in shown
        assert "cannot reach the collector at http://127.0.0.1:9" in shown
        assert "sync again (Ctrl+Y)" in shown
        # what a collector or stick says is shown as text, never as markup or escapes
        result: Any = SyncResult(target="http://x", receipted=[], waiting=[], failed={},
                                      refused={"ab" * 32: "[/] [bold]no\x1b[31m"})
        screen: Any = app.screen
        screen.post_message(SealSyncDone(sync_outcome(result, 1)))  # as the worker posts it
        await pilot.pause()
        assert "Refused abababababab: [/] [bold]no\\x1b[31m" in text(pilot, "#outbox-result")
        assert "▣ 1 sealed" in await close_dialog(pilot)
    assert len(list((isolated_home / "outbox").glob("*.ftb"))) == 1
    assert set(statuses(isolated_home).values()) == {"sealed"}


async def test_without_a_collector_address_sync_asks_for_a_folder(
        tmp_path: Path, isolated_home: Path) -> None:
    device = _enroll(tmp_path, isolated_home, "", init_store(tmp_path / "c"))
    app = FieldtuiApp(device=device)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "HomeScreen")
        assert "Nothing to seal: no complete session is waiting." in await run_job(pilot,
                                                                                   "ctrl+e")
        await close_dialog(pilot)
        await pilot.press("ctrl+y")
        await folder_dialog(pilot)
        assert "names no collector address" in text(pilot, "#folder-why")
        await pilot.press(*"/no/such/stick")
        shown = await run_job(pilot, "enter")
        assert "! /no/such/stick is not a folder" in shown
        assert "plug in the stick" in shown


async def test_a_kit_without_the_collector_key_cannot_sync(tmp_path: Path) -> None:
    study = tmp_path / "study"  # a study whose supervisor never set a collector
    create_study(study, name="Library study", passphrase=STUDY_PASS, plans=[PLAN])
    write_kit(study, STUDY_PASS, tmp_path / "kit.json")
    home = tmp_path / "home"
    enroll_device(tmp_path / "kit.json", home=home, interviewer="Ana", passphrase=DEVICE_PASS)
    app = FieldtuiApp(device=open_device(home).unlock(DEVICE_PASS))
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "HomeScreen")
        await pilot.press("ctrl+y")
        await wait_screen(pilot, "MessageScreen")
        assert "names no collector key" in text(pilot, "#message-what")


async def test_nothing_to_send_is_a_finished_bar(tmp_path: Path, isolated_home: Path) -> None:
    """An empty outbox said '✓ Done' over a bar stuck at 0%."""
    from textual.widgets import ProgressBar

    with collector_world(tmp_path, isolated_home) as (device, _store, _url):
        app = FieldtuiApp(device=device)
        async with app.run_test(size=SIZE) as pilot:
            await wait_screen(pilot, "HomeScreen")
            shown = await run_job(pilot, "ctrl+y")
            assert "✓ Done" in shown and "Nothing to send" in shown, shown
            bar = app.screen.query_one("#outbox-bar", ProgressBar)
            assert bar.percentage == 1.0, (bar.progress, bar.total)


async def test_a_folder_sync_with_bundles_not_delivered_does_not_say_done(
        tmp_path: Path, isolated_home: Path) -> None:
    """Said '✓ Done' over a full bar above 'Not delivered' lines: the heading and the bar
    now count what was delivered, and say what to do about the rest."""
    from textual.widgets import ProgressBar

    from fieldtui.sealing.after_receipt import pending_bundles

    device = _enroll(tmp_path, isolated_home, "", init_store(tmp_path / "c"))
    for answer in ("by bus", "on foot", "by bike"):
        complete(device, answer)
    seal_all(device)
    stick = tmp_path / "stick"
    stick.mkdir()
    bad = pending_bundles(isolated_home)[0][0]
    (stick / f"{bad}.receipt.json").write_text("not a receipt")  # a damaged answer
    app = FieldtuiApp(device=device)
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "HomeScreen")
        screen: Any = app.screen
        screen.ask_folder()
        (await folder_dialog(pilot)).value = str(stick)
        shown = await run_job(pilot, "enter")
        status = text(pilot, "#outbox-status")
        assert "Done" not in status, shown
        assert "2 of 3 bundles delivered, 1 not delivered" in status, shown
        bar = app.screen.query_one("#outbox-bar", ProgressBar)
        assert (bar.progress, bar.total) == (2, 3)
        assert f"Not delivered {bad[:12]}" in shown
        assert "What to do: they stay in the outbox" in shown, shown
        await close_dialog(pilot)
    assert len(list((isolated_home / "outbox").glob("*.ftb"))) == 3  # nothing lost


async def test_a_collector_sync_with_refusals_counts_what_was_delivered(
        tmp_path: Path, isolated_home: Path) -> None:
    """The collector path said '✗ Sync stopped' over a full bar: the sync went on to the end."""
    from textual.widgets import ProgressBar

    with collector_world(tmp_path, isolated_home) as (device, _store, url):
        app = FieldtuiApp(device=device)
        async with app.run_test(size=SIZE) as pilot:
            await wait_screen(pilot, "HomeScreen")
            await run_job(pilot, "ctrl+y")
            result: Any = SyncResult(target=url, receipted=["cd" * 32], waiting=[],
                                          failed={"ef" * 32: "timed out"},
                                          refused={"ab" * 32: "unknown device"})
            screen: Any = app.screen
            screen.post_message(SealSyncDone(sync_outcome(result, 3)))
            await pilot.pause()
            status = text(pilot, "#outbox-status")
            assert "stopped" not in status and "Done" not in status
            assert "1 of 3 bundles delivered, 2 not delivered" in status
            bar = app.screen.query_one("#outbox-bar", ProgressBar)
            assert (bar.progress, bar.total) == (1, 3)
            assert "2 bundles were not receipted" in text(pilot, "#outbox-result")


async def test_refused_updates_are_not_a_done_sync(tmp_path: Path, isolated_home: Path) -> None:
    """The app's sync said '✓ Done' and nothing of the study's updates: applied ones, a gap,
    or a refusal (the command line says all three)."""
    from fieldtui.core.errors import FieldtuiError
    from fieldtui.sync.update_fetch import UpdatesFetched

    with collector_world(tmp_path, isolated_home) as (device, _store, url):
        app = FieldtuiApp(device=device)
        async with app.run_test(size=SIZE) as pilot:
            await wait_screen(pilot, "HomeScreen")
            await run_job(pilot, "ctrl+y")
            screen: Any = app.screen
            fetched: Any = SyncResult(
                target=url, receipted=["cd" * 32], waiting=[], failed={}, refused={},
                updates=UpdatesFetched(2, 7, (8, 9)), updates_error=None)
            screen.post_message(SealSyncDone(sync_outcome(fetched, 1)))
            await pilot.pause()
            shown = text(pilot, "#outbox-result")
            assert "Updates: 2 applied; this device holds the study's updates through 7." \
                in shown
            assert "update 8 is missing (the collector offered 9 next)" in shown
            refused: Any = SyncResult(
                target=url, receipted=["cd" * 32], waiting=[], failed={}, refused={},
                updates=None, updates_error=FieldtuiError("update 3 is not signed by the "
                                                          "supervisor", "tell your supervisor"))
            screen.post_message(SealSyncDone(sync_outcome(refused, 1)))
            await pilot.pause()
            status = text(pilot, "#outbox-status")
            assert "Done" not in status and "stopped" not in status
            assert "the study's updates were refused" in status
            assert "! update 3 is not signed by the supervisor" in text(pilot, "#outbox-result")
