"""What a sync in the app says went wrong is shown escaped: a server at the kit's address
(a hostile collector, or anyone in the middle of plain HTTP) answered the request for
updates with a redirect whose Location held an OSC 52 sequence; aiohttp quotes the
Location in its error, and the app showed that error raw (Static(markup=False) keeps ESC),
so the interviewer's terminal ran it (OSC 52 sets the clipboard, CSI 2J clears the screen).
The command line escaped it already (FieldtuiError.line)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.store.device import open_device
from fieldtui.store.enroll import enroll_device
from fieldtui.store.kit_write import write_kit
from fieldtui.store.study import create_study, set_collector
from fieldtui.sync.collector.keys import init_store
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.seal_sync import SealSyncDone, SealSyncReport
from tests.support.app_support import wait_screen, wait_until
from tests.support.paths import FIXTURES

OSC = "\x1b]52;c;cHduZWQ=\x07"
HOSTILE = (b"HTTP/1.1 302 Found\r\nLocation: ftp://x/" + OSC.encode() + b"\x1b[2J\r\n"
           b"Content-Length: 0\r\n\r\n")


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(HOSTILE)
        await writer.drain()
    except (OSError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def test_a_hostile_answer_to_the_updates_request_is_shown_escaped(
        tmp_path: Path) -> None:
    server = await asyncio.start_server(_serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    study = tmp_path / "study"
    create_study(study, name="Library study", passphrase=b"correct horse battery",
                 plans=[FIXTURES / "minimal_interview.toml"])
    set_collector(study, f"http://127.0.0.1:{port}", init_store(tmp_path / "collector"))
    write_kit(study, b"correct horse battery", tmp_path / "kit.json")
    home = tmp_path / "device"
    enroll_device(tmp_path / "kit.json", home=home, interviewer="Ana",
                  passphrase=b"interviewer passphrase")
    device = open_device(home).unlock(b"interviewer passphrase")
    try:
        app = FieldtuiApp(device=device)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_screen(pilot, "HomeScreen")
            await pilot.press("ctrl+y")
            await wait_screen(pilot, "SealSyncScreen")
            screen: Any = app.screen
            await wait_until(pilot, lambda: not screen.running, timeout=30,
                             what="the sync to end")
            shown = str(screen.query_one("#outbox-result", Static).render())
            assert "cannot fetch the study's updates" in shown
            assert "\x1b" not in shown and "\x07" not in shown
            # in plain words now (the fetch no longer quotes aiohttp, which quoted the server)
            assert "(the connection failed)" in shown
            # and what to do in the app's words, not the command line's
            assert "sync again (Ctrl+Y) later for the updates" in shown
            # whatever a problem quotes is escaped on the screen
            screen.post_message(SealSyncDone(SealSyncReport([], (f"x{OSC}", "y"))))
            await pilot.pause()
            shown = str(screen.query_one("#outbox-result", Static).render())
            assert "\x1b" not in shown and "! x\\x1b]52;c;cHduZWQ=\\x07" in shown
    finally:
        server.close()
        await server.wait_closed()
