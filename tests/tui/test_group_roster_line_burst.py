"""Roster lines typed in one burst (a fast typist, lines pasted over SSH, keys sent by a
script) add one participant a line, as the same lines typed slowly do. They did not: the
letters reached the line at once while Enter acted only once it had bubbled up to the app,
so the lines ran together into one ("too many fields (9)") and nobody was added."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_support import burst, wait_until
from tests.support.group_poll_support import roster_focused


async def test_lines_typed_in_one_burst_add_one_participant_each(isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (app, pilot, screen):
        await pilot.press("l")
        burst(app, *"Ana, 35-64, south, informed", "enter", *"Bo, 18-34, n", "enter",
              *"Cy, 65+, north", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 3,
                         what="three rows", timeout=3)
        assert [e.label for e in screen.roster.entries] == ["Ana", "Bo", "Cy"]
        assert [e.informed for e in screen.roster.entries] == [True, False, False]
        assert screen.query_one("#quick").value == ""  # type: ignore[attr-defined]
