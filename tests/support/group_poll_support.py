"""Shared pieces of the group and poll screen tests: a device, plans, a host app, a clock."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyrage import x25519
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select

from fieldtui.core.clock import ManualClock
from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Plan
from fieldtui.store.home import DeviceHome
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from fieldtui.tui.screens.group.participant import ParticipantForm
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.session_writer import SaveFailed, SessionWriter
from fieldtui.tui.store_access import StoreAccess
from fieldtui.tui.widgets.roster_editor import RosterEditor
from tests.support.paths import FIXTURES

GROUP_PLAN = FIXTURES / "group_park.toml"
POLL_PLAN = FIXTURES / "poll_bins.toml"


@dataclass(frozen=True)
class KitStub:
    """The one thing the store reads from a kit."""

    study_id: str = "study-test"
    plans: tuple[tuple[str, str, str], ...] = ()


@dataclass
class DeviceStub:
    """An unlocked device as the screens and the store see it, with a fresh age identity."""

    home: Path
    device_id: str = "d" * 16
    interviewer: str = "Tess"
    identity: Any = field(default_factory=x25519.Identity.generate)
    kit: KitStub = field(default_factory=KitStub)

    @property
    def recipients(self) -> list[str]:
        """Sessions are encrypted to the device's own identity."""
        return [str(self.identity.to_public())]


class FakeClock(ManualClock):
    """A monotonic clock the test moves by hand (from 1000 s), so timers and snapshots are exact."""

    def __init__(self, start: float = 1000.0) -> None:
        super().__init__(start)


class HostApp(App[None]):
    """A bare app with the shell's writer and store access, opening one screen over home."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.first = screen
        self.writer = SessionWriter(self.post_message)
        self.access = StoreAccess()
        self.open_sessions: list[Any] = []
        self.failures: list[str] = []
        self.codes = iter(f"R-TEST-{n:02d}" for n in range(1, 100))

    def new_code(self) -> str:
        """As the shell's: fixed codes, so snapshots stay the same."""
        return next(self.codes)

    def on_mount(self) -> None:
        self.run_worker(self.writer.run, thread=True, name="session-writer", group="writer")
        self.push_screen(self.first)

    def on_unmount(self) -> None:
        for store in list(self.open_sessions):
            self.writer.submit(store.close)
        self.writer.stop()

    def on_save_failed(self, message: SaveFailed) -> None:
        """As the shell does: hold the flow on the failure (and remember it for the test)."""
        from fieldtui.tui.screens.not_saved import hold

        self.failures.append(message.what)
        hold(self, message)

    def go_home(self) -> None:
        """As the shell does (`FieldtuiApp.go_home`): back to the screen at the bottom."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    async def settle(self) -> None:
        """Wait for every queued save and close the stores still open."""
        for store in list(self.open_sessions):
            self.writer.submit(store.close)
        self.open_sessions.clear()
        await asyncio.to_thread(self.writer.flush)


def group_plan() -> Plan:
    """The small group fixture plan."""
    return load_plan(GROUP_PLAN)


@asynccontextmanager
async def roster_focused(home: Path) -> AsyncIterator[tuple[HostApp, Pilot[None],
                                                              GroupPrepareScreen]]:
    """The group fixture's preparation at 80x24, its roster table focused: (app, pilot,
    screen)."""
    from tests.support.app_support import wait_until

    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await wait_until(pilot, lambda: screen.roster.has_focus, what="the roster focused")
        yield app, pilot, screen


def poll_plan() -> Plan:
    """The small poll fixture plan."""
    return load_plan(POLL_PLAN)


def stored_documents(device: DeviceStub) -> list[dict[str, Any]]:
    """Every session document in the device's home, oldest first."""
    docs = []
    for meta in list_sessions(device.home):
        store = SessionStore.open(DeviceHome(device.home).store(meta.session_id), device.identity)
        try:
            docs.append(store.document())
        finally:
            store.close()
    return sorted(docs, key=lambda d: d["created"])


class MemoryStore:
    """An in-memory session store for snapshots (the flow tests use the real one)."""

    def __init__(self, participants: list[dict[str, Any]]) -> None:
        self.doc: dict[str, Any] = {"participants": participants, "events": [],
                                    "consent": [], "answers": {}, "position": None}

    def document(self) -> dict[str, Any]:
        return self.doc

    def append_event(self, type: str, **data: Any) -> int:
        self.doc["events"].append({"type": type, **data})
        return len(self.doc["events"]) - 1

    def set_field(self, name: str, value: Any) -> None:
        self.doc[name] = value

    def set_participants(self, participants: list[dict[str, Any]]) -> None:
        self.doc["participants"] = participants

    def save_answer(self, item_id: str, value: Any, **extra: Any) -> None:
        self.doc["answers"][item_id] = {"value": value, **extra}

    def add_note(self, item_id: str | None, text: str) -> None: ...
    def record_consent(self, participant: str | None, given: bool, text_hash: str) -> None: ...
    def mark_complete(self) -> None: ...
    def mark_refused(self) -> None: ...
    def close(self) -> None: ...


class ClockedStore(MemoryStore):
    """A MemoryStore that stamps events with `mono` from the test's clock, as the real
    store does from the monotonic clock (the meeting clock is read from them)."""

    def __init__(self, participants: list[dict[str, Any]], clock: FakeClock) -> None:
        super().__init__(participants)
        self.clock = clock

    def append_event(self, type: str, **data: Any) -> int:
        return super().append_event(type, mono=self.clock(), **data)


def people(n: int) -> list[dict[str, Any]]:
    """`n` participants spanning the group fixture's attributes."""
    ages, areas = ("18-34", "35-64", "65+"), ("north", "south")
    names = ("Ann", "Bea", "Cal", "Dan", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kim")
    return [{"id": f"P{i + 1}", "label": names[i % len(names)],
             "attributes": {"age": ages[i % 3], "area": areas[i % 2]}, "informed": i == 0}
            for i in range(n)]


async def add_participant(pilot: Pilot[None], label: str, age: str, area: str,
                          informed: bool = False) -> None:
    """Fill the participant form: label typed, attributes chosen, informed ticked; back on
    the prepare screen once the participant is on its roster."""
    from tests.support.app_support import wait_until

    app = pilot.app
    before = len(app.screen.query_one(RosterEditor).entries)
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(app.screen, ParticipantForm)
                     and getattr(app.screen.focused, "id", None) == "label",
                     what="the participant form, its label field focused")
    form = app.screen
    await pilot.press(*label)
    await wait_until(pilot, lambda: form.query_one("#label", Input).value == label,
                     what=f"{label} typed")
    form.query_one("#attr-0", Select).value = age
    form.query_one("#attr-1", Select).value = area
    if informed:
        tick = form.query_one("#informed", Checkbox)
        tick.focus()
        await wait_until(pilot, lambda: form.focused is tick, what="the informed box focused")
        await pilot.press("space")
        await wait_until(pilot, lambda: tick.value, what="informed ticked")
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(app.screen, GroupPrepareScreen)
                     and len(app.screen.query_one(RosterEditor).entries) == before + 1,
                     what=f"{label} on the roster")
