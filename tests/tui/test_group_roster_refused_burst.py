"""Roster lines typed in one burst with some refused among them: each line is read on its
own and every refused one is named. After a refused line the next lines of the burst were
typed onto it (it stayed in the entry to correct), so they were refused with it, and the
status named only the last problem. The refused line is still kept to correct: selected, so
that the next line typed replaces it, and End (or an arrow) edits it."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core import i18n
from tests.support.app_support import burst, wait_until
from tests.support.group_poll_support import roster_focused


async def test_lines_after_a_refused_one_stand_apart_and_each_refused_is_named(
        isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (app, pilot, screen):
        await pilot.press("l")
        burst(app, *"Ana, 35-64, south, informed", "enter", *"Bo, 18-34, n, x, y", "enter",
              *"Cy, 65+, north", "enter", *"Dee, 99", "enter", *"Eve, 18-34, s", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 3,
                         what=f"three rows ({screen.status_text})", timeout=3)
        await pilot.pause(0.1)
        assert [e.label for e in screen.roster.entries] == ["Ana", "Cy", "Eve"]
        assert screen.query_one("#quick").value == ""  # type: ignore[attr-defined]
        status = screen.status_text
        assert "Not added (2):" in status, status
        assert "Bo, 18-34, n, x, y" in status and "too many fields" in status, status
        assert "Dee, 99" in status and "'99' is not allowed" in status, status


async def test_a_refused_line_typed_again_right_is_no_longer_named(isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (_app, pilot, screen):
        await pilot.press("l", *"Bo, 18-34, n, x, y", "enter")
        await wait_until(pilot, lambda: "Not added" in screen.status_text, what="refused")
        assert "Not added (1)" not in screen.status_text  # one line: no count
        await pilot.press(*"Bo, 18-34, n", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="Bo added")
        assert "Not added" not in screen.status_text, screen.status_text


async def test_a_refused_line_is_kept_to_correct(isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (_app, pilot, screen):
        await pilot.press("l", *"Cy, 99", "enter")
        await wait_until(pilot, lambda: "Not added" in screen.status_text, what="refused")
        assert screen.query_one("#quick").value == "Cy, 99"  # type: ignore[attr-defined]
        await pilot.press("end", "backspace", "backspace", "backspace", *"65+", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="Cy added")
        assert screen.roster.entries[0].attributes == {"age": "65+"}


async def test_the_refused_lines_are_named_in_chinese(isolated_home: Path) -> None:
    i18n.set_language("zh")
    try:
        async with roster_focused(isolated_home) as (app, pilot, screen):
            await pilot.press("l")
            burst(app, *"Bo, 18-34, n, x, y", "enter", *"Dee, 99", "enter")
            await wait_until(pilot, lambda: "Dee" in screen.status_text,
                             what=f"both named ({screen.status_text})", timeout=3)
            assert "Not added" not in screen.status_text
            assert "Bo, 18-34" in screen.status_text, screen.status_text
    finally:
        i18n.set_language("en")
