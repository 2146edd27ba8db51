"""Home's Reload (r) says in one line what it found: it said nothing, so a key that found
nothing new looked like a key that did nothing (a field walk at 80x24)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.i18n import set_language
from fieldtui.core.plan.load import load_plan
from fieldtui.store import held_plans
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.screens.reload_summary import held, reload_line
from tests.support.app_support import make_app, make_home, unlock, wait_until
from tests.support.paths import PLANS


def _said(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_reload_says_what_it_found_and_that_nothing_is_new(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = app.screen
        await wait_until(pilot, lambda: screen.drafts_offered, what="the first listing")
        plans = len(list(app.device.plans()))
        await pilot.press("r")
        await wait_until(pilot, lambda: any("Reloaded" in s for s in _said(app)),
                         what="the reload's line")
        assert f"Reloaded: {plans} plans, 0 drafts to resume; nothing new" in _said(app)


async def test_reload_names_a_new_plan_and_counts_a_new_draft(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = app.screen
        await wait_until(pilot, lambda: screen.drafts_offered, what="the first listing")
        device = app.device
        plans = list(device.plans())
        plan = next(p for p in plans if p.method == "interview")
        SessionStore.create(device.home, plan=plan, device=device).close()
        arrived = dataclasses.replace(plans[0], id="arrived", title="Market stalls")
        # as a sync brings one (store/held_plans.py reads the updates it kept)
        monkeypatch.setattr(held_plans, "newest", lambda home, kit: [*plans, arrived])
        monkeypatch.setattr(held_plans, "every_version", lambda home, kit: [*plans, arrived])
        await pilot.press("r")
        await wait_until(pilot, lambda: any("Reloaded" in s for s in _said(app)),
                         what="the reload's line")
        assert (f"Reloaded: {len(plans) + 1} plans, 1 draft to resume; 1 new plan: Market stalls; "
                "1 new draft") in _said(app)


def test_the_line_in_chinese() -> None:
    set_language("zh")  # tests/conftest.py sets English back
    plan = load_plan(PLANS / "poll-bins.toml")
    before = held([plan], ["d1", "d2"], [])
    assert reload_line(before, [plan], ["d1", "d2"], []) == (
        "已重新读取：1 个计划，2 份可继续的草稿；没有新内容")
    newer = dataclasses.replace(plan, version=plan.version + 1)
    line = reload_line(before, [newer], ["d1"], [])
    assert line.startswith("已重新读取：1 个计划，1 份可继续的草稿；1 个计划已更新：")
    assert f"（第 {newer.version} 版）" in line


def _reloaded(app: Any) -> int:
    return sum("Reloaded" in s for s in _said(app))


async def test_reload_says_it_once_and_not_over_the_next_screen(tmp_path: Path) -> None:
    """The line answers the key: pressed again it is replaced (three presses stacked three
    copies over half of Home's lists at 80x24), and it goes when Home is left (it showed
    over the prepare screen of the plan opened next)."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = app.screen
        await wait_until(pilot, lambda: screen.drafts_offered, what="the first listing")
        for _press in range(3):
            reads = screen.reads
            await pilot.press("r")
            await wait_until(pilot, lambda r=reads: screen.reads > r and _reloaded(app) > 0
                             and screen.reloaded is None, what="the reload's line")
        await pilot.pause()
        assert _reloaded(app) == 1, _said(app)
        await pilot.press("enter")  # the first plan
        await wait_until(pilot, lambda: app.screen is not screen, what="the plan opened")
        await pilot.pause()
        assert _reloaded(app) == 0, _said(app)
