"""With the interface in Chinese, Home lists a bilingual plan by its Chinese title, but its
prepare screen opened in English (the plan's default language) until Ctrl+L (a field walk).
A new session now prepares and runs in the interface's language when the plan has it; a draft
quit before its first move reopens in it too; a draft left in another language keeps that
(test_plan_language_switch.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.flows import start_session
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    unlock,
    wait_screen,
    wait_until,
)
from tests.support.chinese_walk import chinese
from tests.support.paths import PLANS

__all__ = ["chinese"]  # the fixture
LIBRARY = load_plan(PLANS / "interview-library.toml")
BINS = load_plan(PLANS / "poll-bins.toml")


def text_of(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_chinese_interface_prepares_and_runs_the_interview_in_chinese(
        tmp_path: Path, chinese: None) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    zh = LIBRARY.localized("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert zh.title in str(app.screen.query_one("#plans").get_option_at_index(1).prompt)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        await wait_until(pilot, lambda: zh.title in text_of(app, "#prepare-title"),
                         what="the prepare screen in Chinese")
        # in the interface's brackets (a field walk read "语言：中文 (zh)")
        assert "语言：中文（zh）" in text_of(app, "#prepare-language").split("·")[0]
        assert text_of(app, "#consent-text") == zh.consent_text
        await pilot.press("g")
        await wait_screen(pilot, "InterviewRunScreen")
        run: Any = app.screen
        assert run.plan.language == "zh"
        await wait_until(pilot, lambda: zh.items[0].prompt in text_of(app, "#item-text"),
                         what="the first item in Chinese")
        await flush(app)
        await app.action_quit()  # quit before any move: nothing saved says the language
    [doc] = documents(home)
    assert doc["consent"][0]["text_hash"]  # consent read in Chinese, as shown
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        drafts = app.screen.query_one("#drafts")
        await wait_until(pilot, lambda: zh.title in str(drafts.get_option_at_index(0).prompt),
                         what="the draft row in Chinese")
        drafts.focus()
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewRunScreen")
        await wait_until(pilot, lambda: zh.items[0].prompt in text_of(app, "#item-text"),
                         what="the resumed draft in Chinese")


async def test_a_chinese_interface_prepares_and_runs_the_poll_in_chinese(
        tmp_path: Path, chinese: None) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    zh = BINS.localized("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        home_screen: Any = app.screen
        [plan] = [p for p in home_screen.plans if p.id == BINS.id]
        start_session(app, plan, home_screen.device)  # what Enter on its row does
        await wait_screen(pilot, "PollPrepareScreen")
        prepare: Any = app.screen
        assert isinstance(prepare, PollPrepareScreen) and prepare.plan.language == "zh"
        await wait_until(pilot, lambda: zh.purpose in text_of(app, "#about"),
                         what="the poll's prepare screen in Chinese")
        await pilot.press("s")
        await wait_screen(pilot, "PollRunScreen")
        run: Any = app.screen
        assert isinstance(run, PollRunScreen) and run.plan.language == "zh"
        await wait_until(pilot, lambda: text_of(app, "#prompt") == zh.consent_text,
                         what="the poll's consent in Chinese")
