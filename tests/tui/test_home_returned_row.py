"""A returned session on home: one row, named as a draft's is (the plan's title and the
respondent code, cut to fit), never its id alone ("session 6aebf5bd"). Opening it starts
its correction, a draft that revises it (store/session_revise.start_revision), and Esc
keeps that draft; home then listed the session twice, as "↩ Returned for correction" and
as "↻ Residents' use of the public library · … at item 16/16". It is still returned until
its correction is completed, so its returned row stays, and Enter reopens the same draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from fieldtui.store.sessions import list_sessions
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_household import SURVEY, returned_household
from tests.support.returned_library import CODE, LIBRARY, returned_library
from tests.support.screen_text import screen_lines
from tests.support.sync_world import World, make_world

# cut to the list's 74 cells, the code kept whole
ROW = f"↩ Returned for correction: Residents' use of the public… · {CODE}"


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home, plans=[LIBRARY])


def rows(app: Any) -> list[tuple[str, str]]:
    drafts = app.screen.query_one("#drafts", OptionList)
    return [(str(drafts.get_option_at_index(n).id), str(drafts.get_option_at_index(n).prompt))
            for n in range(drafts.option_count)]


async def test_a_returned_session_is_one_row_named_by_plan_and_respondent(
        world: World) -> None:
    sid = returned_library(world, Chain(world))
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        home: Any = app.screen
        await wait_until(pilot, lambda: rows(app) == [(f"returned:{sid}", ROW)],
                         what="the returned row named")
        await wait_until(pilot, lambda: ROW in "\n".join(screen_lines(app)),
                         what="the row drawn whole")
        drafts = home.query_one("#drafts", OptionList)
        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
        [revision] = [m for m in list_sessions(world.home) if m.session_id != sid]
        assert revision.status == "draft"  # the correction is kept, as Esc says
        # the read after the correction screen: its drafts read, the correction's too
        await wait_until(pilot, lambda: revision.session_id in home.infos,
                         what="home read again")
        await pilot.pause()
        assert rows(app) == [(f"returned:{sid}", ROW)], rows(app)
        counts = str(home.query_one("#home-counts", Static).render())
        assert "0 drafts" in counts and "Returned: 1" in counts, counts
        await pilot.press("enter")  # the same correction again, not a second one
        await wait_screen(pilot, "CorrectionScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
    assert len(list_sessions(world.home)) == 2


async def test_a_returned_session_without_a_respondent_code_keeps_its_title(
        tmp_path: Path, isolated_home: Path) -> None:
    # The household survey records no respondent code: the row said "Household living… ·
    # no respondent code", its title cut for words that tell the sessions apart no better.
    world = make_world(tmp_path, isolated_home, plans=[SURVEY])
    sid = returned_household(world, Chain(world), {"water_source": "check this"})
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        whole = "↩ Returned for correction: Household living conditions and health visits"
        await wait_until(pilot, lambda: rows(app) == [(f"returned:{sid}", whole)],
                         what="the returned row named by its whole title")
        await wait_until(pilot, lambda: whole in "\n".join(screen_lines(app)),
                         what="the row drawn whole")
