"""A roster whose plan gives no member_label (every roster an XLSForm brings: a repeat has
none) names its members "Entry 1", "Entry 2", as ODK numbers a repeat's instances (its list
counts "entries": its rows need not be people): never
"(no name yet)", which tells the interviewer a name is missing that no item will give."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from tests.support.app_support import wait_until
from tests.support.fakes import FakeStore
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import FIXTURES


def _row(value: Any) -> dict[str, Any]:
    return {"value": value, "skipped": False, "skip_reason": ""}


async def test_members_of_a_roster_with_no_member_label_are_numbered() -> None:
    plan = load_plan(FIXTURES / "household_logic.toml")
    assert not next(s for s in plan.sections if s.id == "room_use").member_label
    store = FakeStore(plan, uuid.uuid4().hex)
    store.doc["answers"] = {"rooms": _row(2)}
    store.doc["position"] = {"section_id": "room_use", "roster": True}

    class Host(HostApp):
        CSS_PATH = FieldtuiApp.CSS_PATH
        clock = staticmethod(time.monotonic)

    run = InterviewRunScreen(plan, DeviceStub(Path("/nonexistent")), store)
    async with Host(run).run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: run.step.is_roster and run.step.section == "room_use",
                         what="the rooms' list")
        names = [name for _path, name in run.roster_view(run.step).names]
        assert names == ["Entry 1", "Entry 2"]
