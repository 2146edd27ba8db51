""""Don't know" is a listed skip reason (digit 5): it was reachable only by typing it, so
most "don't know" answers were exported as skipped (other reason). The reasons 1-4 keep
their digits; the saved words are English whatever the interface language, and the
export reads them as don't know (core.missing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from fieldtui.core.i18n import set_language
from fieldtui.core.missing import Missing, skip_reason
from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)

LISTED = ["1 Declined to answer", "2 Does not apply", "3 Already answered earlier",
          "4 Ran out of time", "5 Don't know"]
LISTED_ZH = ["1 拒绝回答", "2 不适用", "3 前面已经回答过", "4 时间不够", "5 不知道"]


def _listed(screen: Any) -> tuple[list[str], str]:
    reasons = screen.query_one("#skip-reasons", OptionList)
    shown = [str(reasons.get_option_at_index(i).prompt) for i in range(reasons.option_count)]
    hint = str(screen.query(Static).last().render())
    return shown, hint


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    set_language("en")


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_five_picks_dont_know_saved_in_english(tmp_path: Path, language: str,
                                                      english_after: None) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        set_language(language)  # the dialog is built in the interface's language
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "years_area", what="the years")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SkipDialog")
        shown, hint = _listed(app.screen)
        assert shown == (LISTED if language == "en" else LISTED_ZH)
        assert "1-5" in hint
        await pilot.press("5")
        await wait_until(pilot, lambda: run.item.id == "member", what="the next item")
        await flush(app)
    [doc] = documents(home)
    reason = doc["answers"]["years_area"]["skip_reason"]
    assert reason == "Don't know"
    assert skip_reason(True, reason) is Missing.DONT_KNOW
