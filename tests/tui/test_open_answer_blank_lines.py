"""An open answer is stored without the blank lines around it: Enter pressed in the empty
box before typing stored "\\nLakeside clinic"; the box still shows what was typed, and an
Enter after a saved answer saves nothing again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import TextArea

from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)
from tests.support.sync_world import PLAN, World, make_world


def answer_events(home: Path, item_id: str) -> int:
    """How many times the answer to `item_id` was saved (one "answer" event a save)."""
    [doc] = documents(home)
    return sum(1 for e in doc["events"] if e.get("type") == "answer"
               and e.get("item_id") == item_id)


def documents_of(world: World) -> list[dict[str, Any]]:
    """Every session document on the world's device."""
    found = []
    for meta in list_sessions(world.home):
        store = SessionStore.open(meta.store_path, world.device.identity)
        try:
            found.append(store.document())
        finally:
            store.close()
    return found


async def test_enter_before_an_open_answer_is_not_stored(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "last_visit", what="the open item")
        await pilot.press("enter", *"Lakeside clinic")
        area = run.query_one(TextArea)
        await wait_until(pilot, lambda: area.text == "\nLakeside clinic", what="the typing")
        run.flush()  # the pause in typing: saved
        await flush(app)
        assert documents(home)[0]["answers"]["last_visit"]["value"] == "Lakeside clinic"
        saves = answer_events(home, "last_visit")
        assert saves >= 1

        await pilot.press("enter", "enter")  # blank lines after it: the same answer
        await wait_until(pilot, lambda: area.text == "\nLakeside clinic\n\n",
                         what="the box showing what was typed")
        run.flush()
        await flush(app)
        assert answer_events(home, "last_visit") == saves  # nothing saved again
        assert documents(home)[0]["answers"]["last_visit"]["value"] == "Lakeside clinic"

        # the next open item: only blank lines typed are no answer
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "value", what="the next open item")
        await pilot.press("enter", "space", "enter")
        await wait_until(pilot, lambda: run.query_one(TextArea).text == "\n \n",
                         what="the blank lines typed")
        run.flush()
        await flush(app)
        assert not (documents(home)[0]["answers"].get("value") or {}).get("value")
        await pilot.press("ctrl+q")


async def test_an_open_default_with_blank_lines_stays_a_proposal(
        tmp_path: Path, isolated_home: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN.read_text().replace('key = "rq1"\n',
                                             'key = "rq1"\ndefault = "\\nBy bus\\n"\n', 1))
    world = make_world(tmp_path, isolated_home, plans=[plan])
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        app.start_session(next(iter(world.device.plans())), world.device)
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("g")
        await wait_screen(pilot, "InterviewRunScreen")
        run: Any = app.screen
        await wait_until(pilot, lambda: run.step.item_id == "travel"
                         and run.query_one(TextArea).text == "\nBy bus\n",
                         what="the default proposed")
        await pilot.press("escape")  # home, keeping the draft: the default was not kept
        await wait_screen(pilot, "HomeScreen")
        await flush(app)
    [doc] = documents_of(world)
    assert "travel" not in doc["answers"]
