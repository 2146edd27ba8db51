"""Shared pieces of the app tests: a real demo device (weak test KDF), waiting, reading back."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.css.query import NoMatches
from textual.pilot import Pilot

from fieldtui.commands.demo import DEMO_PASSPHRASE
from fieldtui.store.device import open_device
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from fieldtui.tui.app import FieldtuiApp
from tests.support.demo_template import demo_copy
from tests.support.paths import PLANS

PASSPHRASE = DEMO_PASSPHRASE
ZH = Path(__file__).parents[1] / "tui" / "fixtures" / "interview_zh.toml"  # a Chinese plan
CODES = iter(f"R-TEST-{n:02d}" for n in range(100))


def make_home(tmp_path: Path) -> Path:
    """A study with the shipped plans and a device enrolled in it (tests use the weak KDF):
    a copy of the one this test process enrolled (tests/support/demo_template.py)."""
    return demo_copy(tmp_path / "demo", PLANS)


def make_app(home: Path, clock: Callable[[], float] | None = None) -> FieldtuiApp:
    """The app on the enrolled device, locked, with fixed respondent codes."""
    codes = iter(f"R-TEST-{n:02d}" for n in range(1, 100))
    kwargs: dict[str, Any] = {"new_code": lambda: next(codes)}
    if clock is not None:
        kwargs["clock"] = clock
    return FieldtuiApp(locked=open_device(home), **kwargs)


async def wait_until(pilot: Pilot[Any], ready: Callable[[], bool], timeout: float = 30.0,
                     what: str = "the condition") -> None:
    """Let the app run until `ready()` holds (no fixed sleeps); a widget `ready()` reads
    that is not composed yet (NoMatches: a screen just pushed, on a loaded machine) is not
    ready yet, and still times out if it never comes."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not _holds(ready):
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}; screen is {pilot.app.screen}")
        await pilot.pause(0.02)


def _holds(ready: Callable[[], bool]) -> bool:
    try:
        return ready()
    except NoMatches:
        return False


async def wait_screen(pilot: Pilot[Any], name: str, timeout: float = 30.0) -> None:
    """Wait until the active screen's class is `name`."""
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == name, timeout,
                     f"screen {name}")


async def unlock(pilot: Pilot[Any], passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase and wait for home."""
    await wait_screen(pilot, "UnlockScreen")
    await pilot.press(*passphrase, "enter")
    await wait_screen(pilot, "HomeScreen")


async def start_interview(pilot: Pilot[Any]) -> Any:
    """Unlock, open the first plan (the interview), give consent: the run screen."""
    await unlock(pilot)
    await pilot.press("enter")
    await wait_screen(pilot, "InterviewPrepareScreen")
    await pilot.press("g")
    await wait_screen(pilot, "InterviewRunScreen")
    screen = pilot.app.screen
    # Current is not yet drawn: wait for the first step's title (tests move it directly).
    await wait_until(pilot, lambda: any("Section" in str(w.render())
                                        for w in screen.query("#section-title")),
                     what="the run screen's first step")
    return screen


async def flush(app: App[Any]) -> None:
    """Wait until the writer thread has saved everything queued."""
    writer: Any = getattr(app, "writer")  # noqa: B009
    await asyncio.to_thread(writer.flush, 10)


def burst(app: App[Any], *keys: str) -> None:
    """Post keys all at once, as a fast typist or a laggy SSH link delivers them."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def documents(home: Path) -> list[dict[str, Any]]:
    """Every session document on the device, read back with the device key."""
    device = open_device(home).unlock(PASSPHRASE.encode())
    found = []
    for meta in list_sessions(home):
        store = SessionStore.open(meta.store_path, device.identity)
        try:
            found.append(store.document())
        finally:
            store.close()
    return found


async def wait_ready(pilot: Pilot[Any], ready: Callable[[], bool]) -> None:
    """Let the app run until `ready()` (a bounded number of short pauses)."""
    for _ in range(500):
        if ready():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out; screen is {pilot.app.screen}")
