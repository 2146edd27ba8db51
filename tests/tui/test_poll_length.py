"""A poll response as the poll screen stores it: no per-item times (for the respondent's
anonymity), only a random start's `selection`, the walk's counts before it (`so_far`) and
the `consent` event, all at its start (the mono span was a few milliseconds), so its length, which the `short` and
`speeding` flags judge, is created -> completed, not the span of those events."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.flags import item_times
from fieldtui.supervise.session_rows import session_duration
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, stored_documents
from tests.support.paths import FIXTURES


async def test_a_poll_response_lasts_from_its_consent_to_its_completion(
        isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    plan = load_plan(FIXTURES / "poll_consent.toml")
    app = HostApp(PollRunScreen(plan, device, selection=(2, 5)))  # a random start
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "4")
        await asyncio.sleep(0.5)  # the rest of the answers come later: events do not
        await pilot.press("2", "1", "2", "enter")
        await wait_until(pilot, lambda: "Thank you" in str(
            app.screen.query_one("#prompt").render()))
        await pilot.press("e")
        await app.settle()
        await pilot.pause()
        assert app.failures == []
    [doc] = stored_documents(device)
    assert sorted(e["type"] for e in doc["events"]) == ["consent", "selection", "so_far"]
    assert item_times(doc) == {}
    wall = (datetime.fromisoformat(doc["completed"])
            - datetime.fromisoformat(doc["created"])).total_seconds()
    assert wall >= 0.5
    assert session_duration(doc) == wall
