"""A default is a proposal, not an answer, until the interviewer keeps it (a field walk):
landing on the household's size (default 1, a key point) saved 1 at once, so the item was
marked ◆ covered and counted done before it was asked. Now the default shown is saved when
Next keeps it (or the interviewer types another value); Back leaves it unanswered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from tests.support.app_support import documents, flush, make_app, make_home, unlock, wait_screen
from tests.support.chinese_screen_walk import plan_of


def status(run: Any) -> str:
    return str(run.query_one("#item-status", Static).render())


def key_points(run: Any) -> str:
    outline = str(run.query_one("#outline").render())
    return next(line.strip() for line in outline.splitlines() if "Key points" in line)


async def test_a_default_counts_only_once_next_keeps_it(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.start_session(plan_of(app, "household-survey"), app.device)
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("g")
        await wait_screen(pilot, "InterviewRunScreen")
        run: Any = app.screen
        await pilot.pause()
        while run.step.item_id != "household_size":  # the visit's date, time and place
            await pilot.press("ctrl+n")
            await pilot.pause()
        await pilot.pause(0.2)
        assert run.query_one(".answer-entry").value == "1"  # the default, proposed
        assert run.walk.row("household_size") is None
        assert "not yet covered" in status(run), status(run)
        assert key_points(run).startswith("Key points 0/"), key_points(run)
        await pilot.press("ctrl+b")  # back: not asked yet, nothing kept
        await pilot.pause()
        await flush(app)
        [doc] = documents(home)
        assert "household_size" not in doc["answers"]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert run.step.item_id == "household_size"
        assert run.walk.row("household_size") is None
        await pilot.press("ctrl+n")  # Next keeps the default: the answer is 1
        await pilot.pause()
        assert run.step.item_id != "household_size"
        assert run.walk.value("household_size") == 1
        assert key_points(run).startswith("Key points 1/"), key_points(run)
        await flush(app)
    [doc] = documents(home)
    answer = doc["answers"]["household_size"]
    assert (answer["value"], answer["key_covered"]) == (1, True)
