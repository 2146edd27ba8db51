"""The digit that picks a skip reason closes the dialog; the keys typed right behind it
are the next item's. They reached the closing dialog: a second digit dismissed it again,
skipping with another reason and closing the screen under it (`1`, `2`, `a` on a number
item: the interviewer was sent Home; `1`, `2`: the 2 meant for the next item was lost)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.app_support import (
    burst,
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_until,
)


@pytest.mark.parametrize("after", [("2",), ("2", "a")])
async def test_keys_behind_the_reason_digit_answer_the_next_item(
        tmp_path: Path, after: tuple[str, ...]) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.step.item_id == "years_area", what="the number")
        burst(app, "ctrl+s", "1", *after)
        await wait_until(pilot, lambda: run.walk.value("member", "") == "No",
                         what=f"the next item answered ({app.screen}, "
                              f"{run.walk.value('member', '')!r})", timeout=5)
        assert app.screen is run
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["years_area"]["skip_reason"] == "Declined to answer"
    assert doc["answers"]["member"]["value"] == "No"
