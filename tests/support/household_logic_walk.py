"""A device whose study has only the household plan with questionnaire logic, and how a
Pilot walk starts an interview on it and asks where it is."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.support.app_support import unlock, wait_screen
from tests.support.demo_template import demo_copy
from tests.support.paths import FIXTURES

HOUSEHOLD = FIXTURES / "household_logic.toml"


def household_home(tmp_path: Path, plan: Path = HOUSEHOLD) -> Path:
    """A device whose study has only the household plan (or only `plan`)."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(plan, plans / plan.name)
    return demo_copy(tmp_path / "demo", plans)


async def start(pilot: Any) -> Any:
    """Unlock, open the plan, start the interview: the run screen."""
    await unlock(pilot)
    await pilot.press("enter")
    await wait_screen(pilot, "InterviewPrepareScreen")
    await pilot.press("g")
    await wait_screen(pilot, "InterviewRunScreen")
    return pilot.app.screen


def at(run: Any, item_id: str | None, member: str = "") -> bool:
    """True when the run screen is on `item_id` (of roster member `member`)."""
    return bool(run.step.item_id == item_id and run.step.member == member)
