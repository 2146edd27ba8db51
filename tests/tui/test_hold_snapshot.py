"""Snapshot of the hold on a failed save, over a poll at 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from fieldtui.core.errors import FieldtuiError
from fieldtui.tui.screens.not_saved import NotSavedScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, poll_plan


def full_disk() -> None:
    """A store call on a full disk, as the store reports it."""
    raise FieldtuiError(
        "could not start a new session in /home/ana/.local/share/fieldtui/sessions: "
        "No space left on device", "free some disk space (or check the folder's "
        "permissions) and try again; nothing of this session was saved")


def test_the_hold_over_a_poll(snap_compare: Any, isolated_home: Path) -> None:
    async def fail(pilot: Pilot[None]) -> None:
        pilot.app.writer.submit(full_disk)  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, NotSavedScreen))
        await pilot.pause()

    app = HostApp(PollRunScreen(poll_plan(), DeviceStub(isolated_home)))
    assert snap_compare(app, terminal_size=(80, 24), run_before=fail)
