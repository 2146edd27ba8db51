"""A return whose session document is signed but malformed (an answer that is no
object, events that are no objects) ended the app at Home: Home reads who each returned
session is from its document (session_peek.draft_info), which called .get on the answer,
and the AttributeError escaped the listing worker. The device could then not be opened in
the app at all, every start, until the next update. A signed update is trusted to come
from the supervisor, not to be well formed: such a return is refused when it is applied
(nothing applied, one line), and Home survives one applied before this check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from fieldtui.bundle.update_format import UpdateError, read_update
from fieldtui.store.update_state import Verified, apply, load_state
from fieldtui.sync.update_fetch import apply_raws
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_session import return_body
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _body(world: World, **changes: Any) -> dict[str, Any]:
    return return_body(world, "by bus", **changes)


@pytest.mark.parametrize("changes", [{"answers": {"travel": "by bus"}},
                                     {"events": ["answer"]},
                                     {"events": [{"type": "answer", "at": 5}, 7]},
                                     # each ended the app when the correction was opened
                                     {"consent": 5}, {"participants": 5}, {"notes": "x"},
                                     {"rosters": {"members": 5}},
                                     {"rosters": {"members": {"": "m1"}}}, {"rosters": [1]}])
def test_a_return_with_a_malformed_document_is_refused(world: World,
                                                       changes: dict[str, Any]) -> None:
    raw = Chain(world).next("return", _body(world, **changes), to=world.device.device_id)
    with pytest.raises(UpdateError, match="return"):
        apply_raws(world.device, [raw])
    assert load_state(world.home, world.device.study_id)["last_seq"] == 0


def _applied_unchecked(world: World) -> None:
    """A return whose answer is no object, as an older fieldtui applied it: recorded in the
    state and the log, unchecked."""
    body = _body(world, answers={"travel": "by bus"})
    raw = Chain(world).next("return", body, to=world.device.device_id)
    state = load_state(world.home, world.device.study_id)
    update = read_update(raw)
    apply(world.home, state, [Verified(1, update.sha256, "return", update.to, update.created,
                                       raw, body)], None, world.device.device_id)


async def test_home_survives_a_malformed_return_applied_before(world: World) -> None:
    _applied_unchecked(world)
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        drafts = app.screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count > 0 and "Returned for correction"
                         in str(drafts.get_option_at_index(0).prompt),
                         what="the returned session listed")
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "HomeScreen"


async def test_opening_a_malformed_return_applied_before_says_so_in_one_line(
        world: World) -> None:
    """Enter on such a return (applied unchecked by an older fieldtui) says it cannot be
    opened and what to do; the app stays, at Home (the return is checked again as it is
    opened: a guard, the correction's start would meet the answer that is no object)."""
    _applied_unchecked(world)
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        drafts = app.screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count > 0, what="the returned session")
        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await wait_screen(pilot, "MessageScreen")
        shown = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Cannot open this returned session" in shown, shown
        assert "not objects" in shown and "supervisor" in shown, shown
        await pilot.press("enter")
        await wait_screen(pilot, "HomeScreen")
        assert app.is_running
