"""`l` and the roster lines typed in one burst (found on the same walk, the keys sent by
tmux at once): the keys typed behind the `l` reached the roster table before the line had
the focus, and ran the prepare screen's keys there: the `a` of "Ana" opened the form, which
took the rest as one participant's label."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_support import burst, wait_until
from tests.support.group_poll_support import roster_focused


async def test_l_and_the_lines_in_one_burst_add_one_participant_each(
        isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (app, pilot, screen):
        burst(app, "l", *"Ana, 35-64, south, y", "enter", *"Bo, 18-34, n", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 2,
                         what=f"two rows ({app.screen}, {screen.status_text})", timeout=3)
        assert app.screen is screen
        assert [e.label for e in screen.roster.entries] == ["Ana", "Bo"]


async def test_escape_then_a_roster_key_in_one_burst_acts_on_the_roster(
        isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (app, pilot, screen):
        await pilot.press("l", *"Ana, 35-64, south", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="Ana")
        burst(app, "escape", "i")
        await wait_until(pilot, lambda: screen.roster.entries[0].informed,
                         what=f"Ana informed ({screen.query_one('#quick').value!r})",  # type: ignore[attr-defined]
                         timeout=3)
        assert screen.query_one("#quick").value == ""  # type: ignore[attr-defined]
