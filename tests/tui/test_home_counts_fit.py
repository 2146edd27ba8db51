"""Home's counts line fits 80 columns once a return has arrived: "↩ Returned: 1" wrapped
to a line of its own (in Chinese that line began with "·"). Too wide, it is joined closer
and leaves out the counts of none; the drafts and the returns stay."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from fieldtui.core.i18n import set_language
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.home_counts import counts_line
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_session import returned_session
from tests.support.screen_text import screen_lines
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


@pytest.fixture(params=["en", "zh"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language("en")


async def test_the_counts_fit_one_line_with_a_return(world: World, language: str) -> None:
    returned_session(world, Chain(world))
    app = FieldtuiApp(device=world.device)
    returned = "↩ Returned: 1" if language == "en" else "↩ 退回：1"
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        counts = app.screen.query_one("#home-counts", Static)
        await wait_until(pilot, lambda: returned in str(counts.render()), what="the return")
        await wait_until(pilot, lambda: any(returned in line for line in screen_lines(app)),
                         what="the counts drawn")
        text = str(counts.render())
        assert "\n" not in text and cell_len(text) <= 78, text
        line = next(line for line in screen_lines(app) if returned in line)
        assert line.lstrip().startswith(("0 drafts", "0 份")), line  # the whole line, one row
        assert not any(row.lstrip().startswith("·") for row in screen_lines(app))
        assert counts.size.height == 1


class Meta:
    def __init__(self, status: str) -> None:
        self.status = status


def test_nonzero_counts_and_the_returns_stay_as_long_as_they_fit() -> None:
    metas: list[Any] = [Meta(s) for s in ("draft", "complete", "sealed", "receipted",
                                          "refused", "discarded")]
    line = counts_line(metas, (["a", "b"], {"c": "approved", "d": "rejected"}, []), [])
    assert cell_len(line) <= 78, line
    assert line.startswith("1 draft") and "↩ Returned: 2" in line and "rejected 1" in line
    assert "1 complete" in line
    wide = counts_line(metas[:2], ([], {}, []), [])
    assert wide == "1 draft  ·  ✓ 1 complete  ·  ✗ 0 refused  ·  ▣ 0 sealed  ·  ✉ 0 receipted"
