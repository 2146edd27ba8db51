"""The poll's thank-you between respondents: its hint line says "Enter: next respondent",
but the footer said "⏎ OK" for the same key. The footer names the same action now, in
English and in Chinese; on an item Enter is still "OK"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets._footer import FooterKey

from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.chinese_walk import chinese
from tests.support.group_poll_support import DeviceStub, HostApp, poll_plan

__all__ = ["chinese"]


def _enter(run: Any) -> str:
    """What the footer says Enter does."""
    return next(str(k.description) for k in run.query(FooterKey)
                if k.key == "enter" and k.display)


@pytest.mark.parametrize(("lang", "ok", "next_one"), [
    ("en", "OK", "Next respondent"), ("zh", "确定", "下一位受访者")])
async def test_the_thank_you_footer_names_the_next_respondent(
        isolated_home: Path, request: pytest.FixtureRequest, lang: str, ok: str,
        next_one: str) -> None:
    if lang == "zh":
        request.getfixturevalue("chinese")
    app = HostApp(PollRunScreen(poll_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await wait_until(pilot, lambda: run.step is not None and _enter(run) == ok,
                         what="Enter as OK on the first item")
        await pilot.press("2", "4")  # both items answered: the thank-you
        await wait_until(pilot, lambda: run.step is None and not run.saving,
                         what="the thank-you")
        await wait_until(pilot, lambda: _enter(run) == next_one, timeout=5,
                         what=f"Enter as {next_one!r} ({_enter(run)!r})")
        hint = str(run.query_one("#help").render())
        assert next_one.lower() in hint.lower(), hint
        await pilot.press("enter")  # and it does what it says: the next respondent
        await wait_until(pilot, lambda: run.step is not None, what="the next respondent")
        await wait_until(pilot, lambda: _enter(run) == ok, timeout=5, what="OK again")
