"""A refused key pressed again and again stacked one identical notice per press: the same
words now replace the notice showing them (tui/passing_notice.say_once), one at a time."""

from __future__ import annotations

from pathlib import Path

from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready, wait_until


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.sqlite"
    open_dataset(path, create=True).close()
    return path


def _said(app: ReviewApp | FollowupApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_t_and_b_on_an_empty_list_say_so_once(tmp_path: Path) -> None:
    app = ReviewApp(_empty(tmp_path), "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.pause()
        await pilot.press("t", "t", "b", "t", "b")
        await wait_until(pilot, lambda: bool(_said(app)), what="a notice")
        await pilot.pause()
        assert _said(app) == ["No session is listed: nothing to code or send back."]


async def test_the_register_says_nothing_to_change_once(tmp_path: Path) -> None:
    app = FollowupApp(_empty(tmp_path), "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        await pilot.press("s", "s", "o", "r")
        await wait_until(pilot, lambda: bool(_said(app)), what="a notice")
        await pilot.pause()
        assert _said(app) == ["No concern is listed: nothing to change."]


async def test_other_words_still_stack(tmp_path: Path) -> None:
    """Only identical notices are replaced: two different lines both stay."""
    from fieldtui.tui.passing_notice import say_once

    app = FollowupApp(_empty(tmp_path), "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        for words in ("one", "two", "one"):
            say_once(app.screen, words)
        await pilot.pause()
        assert sorted(_said(app)) == ["one", "two"]
