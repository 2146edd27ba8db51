"""A poll draft reopened goes on with the run's respondent number and counts (a field walk:
after a kill, respondent 3 was shown as "respondent 1" and the run's refusal was gone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.store.home import DeviceHome
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, stored_documents
from tests.support.paths import FIXTURES

CONSENT_PLAN = FIXTURES / "poll_consent.toml"


def shown(app: Any, selector: str) -> str:
    """The text a widget shows."""
    return str(app.screen.query_one(selector).render())


async def test_a_resumed_draft_shows_its_respondent_number_and_the_runs_counts(
        isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    plan = load_plan(CONSENT_PLAN)
    app = HostApp(PollRunScreen(plan, device))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "4", "2", *"12", "enter")  # respondent 1: complete
        await wait_until(pilot, lambda: "Thank you" in shown(app, "#prompt"),
                         what="the thank-you")
        await pilot.press("enter", "n", "y")  # respondent 2 declines
        await wait_until(pilot, lambda: "respondent 3" in shown(app, "#top"),
                         what="respondent 3's consent")
        await pilot.press("y", "4", "2")  # respondent 3 answers two items, then the kill
        await wait_until(pilot, lambda: "item 3 of 3" in shown(app, "#top"), what="item 3")
        await app.settle()
    draft = stored_documents(device)[-1]
    assert draft["status"] == "draft"

    reopened = SessionStore.open(DeviceHome(isolated_home).store(draft["session_id"]),
                                 device.identity)
    app = HostApp(PollRunScreen(plan, device, reopened))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "respondent 3 · item 3 of 3" in shown(app, "#top")
        await pilot.press(*"5", "enter")
        await wait_until(pilot, lambda: "Thank you" in shown(app, "#prompt"),
                         what="the thank-you")
        top = shown(app, "#top")
        assert "2 respondents done" in top and "1 refused" in top
        await pilot.press("enter")  # the next one is respondent 4
        assert "respondent 4" in shown(app, "#top")
        await pilot.press("e")
        await app.settle()
        assert app.failures == []
    assert [d["status"] for d in stored_documents(device)] == ["complete", "refused",
                                                                "complete"]
