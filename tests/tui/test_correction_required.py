"""Clearing a required answer in the correction screen holds once, as Next does in the
interview: in the item's own words (its required_message) when it has them, else in the
screen's; entered empty again, the change goes on to its reason. Whether the item has words
of its own changes only what is read, never whether the answer may be cleared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.correction import CorrectionScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.paths import FIXTURES
from tests.support.sync_world import make_world

SOURCE = FIXTURES / "required_messages.toml"
STREET_EN = "The street locates the home on the map: ask for it."
HOLD = "Enter it empty again to clear it anyway, or type an answer (Escape keeps the one saved)"


def plan_with(words: bool, tmp_path: Path) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    if words:
        text = text.replace('zh = "这条街叫什么名字?" }\nrequired = true\n',
                            'zh = "这条街叫什么名字?" }\nrequired = true\nrequired_message = '
                            f'{{ en = "{STREET_EN}", zh = "街道名用来在地图上定位:请问一下。" }}\n')
    path = tmp_path / "plans" / "required_messages.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problem(app: Any) -> str:
    return str(app.screen.query_one("#correction-problem", Static).render())


async def clear(pilot: Any, app: Any) -> None:
    items = app.screen.query_one("#correction-items", OptionList)
    items.highlighted = items.get_option_index("item:street")
    await pilot.press("enter")
    await wait_screen(pilot, "LineDialog")
    app.screen.query_one(Input).value = ""
    await pilot.press("enter")


@pytest.mark.parametrize("words", [True, False], ids=["own-words", "screen-words"])
async def test_clearing_a_required_answer_holds_once_then_goes_on(
        words: bool, tmp_path: Path, isolated_home: Path) -> None:
    path = plan_with(words, tmp_path)
    parsed = parse_plan(path.read_text(encoding="utf-8")).plan
    assert isinstance(parsed, Plan)
    world = make_world(tmp_path, isolated_home, plans=[path])
    store = SessionStore.create(world.home, plan=parsed, device=world.device)
    store.save_answer("street", "Elm Road")
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(CorrectionScreen(store, parsed, "check the street", {}))
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        await clear(pilot, app)  # held once, with the words
        await wait_screen(pilot, "CorrectionScreen")
        said = STREET_EN if words else "street is required"
        await wait_until(pilot, lambda: said in problem(app), what="the words")
        assert problem(app) == f"{said} — {HOLD}"
        await clear(pilot, app)  # empty again: on to the reason
        await wait_screen(pilot, "LineDialog")
        app.screen.query_one(Input).value = "not asked: the home has no street name"
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: "Changed" in problem(app), what="the change")
    assert store.document()["answers"]["street"]["value"] == ""
    store.close()
