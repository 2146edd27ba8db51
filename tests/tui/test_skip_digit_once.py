"""The digit that picks a skip reason picks only that. A field walk skipped "For how many
years…" with Ctrl+S, 1 ("Declined to answer"), and the same 1 answered the next item, a
choice, with its first option ("Do you hold a library card?" → Yes): an answer nobody gave."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)


async def test_the_reasons_digit_does_not_answer_the_next_item(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "years_area", what="the years")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SkipDialog")
        await pilot.press("1")
        await wait_until(pilot, lambda: run.item.id == "member", what="the card")
        await pilot.pause(0.2)
        await flush(app)
        assert run.walk.value("member") is None, run.walk.row("member")
    [doc] = documents(home)
    assert doc["answers"]["years_area"]["skip_reason"] == "Declined to answer"
    assert "member" not in doc["answers"], doc["answers"].get("member")
