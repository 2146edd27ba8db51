"""The outline names a nested roster: on Ana's clinic visits the title bar says "Section
4/6: Clinic visits", and the outline lists Clinic visits (●, asked now) under Household
members, the visits' items under it; on Ana's own items it is a row after them."""

from __future__ import annotations

from pathlib import Path

from fieldtui.tui.widgets.outline import Outline
from tests.support.app_support import make_app, make_home, wait_until
from tests.support.household_visits import at, to_members, to_visits


def outline_lines(run: object) -> list[str]:
    outline = run.query_one(Outline)  # type: ignore[attr-defined]
    return ["".join(text for text, _style in row).replace("\n ", "") for row in outline.rows]


async def test_the_outline_lists_the_nested_roster_asked(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_visits(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: at(run, "clinic", "m1/v1"), what="the visit")
        await pilot.pause()
        lines = outline_lines(run)
        members = next(n for n, line in enumerate(lines) if "Household" in line)
        assert lines[members + 1].strip().startswith("● Clinic visits"), lines
        assert "Which clinic did" in lines[members + 2], lines
        await pilot.press("ctrl+b", "ctrl+b")
        await wait_until(pilot, lambda: at(run, "clinic_visits", "m1"), what="Ana's count")
        await pilot.pause()
        lines = outline_lines(run)
        row = next(line for line in lines if "Clinic visits" in line)
        assert row.strip() == "◦ Clinic visits", lines


async def test_a_nested_roster_not_asked_yet_is_dimmed(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_members(pilot)
        await pilot.pause()
        outline = run.query_one(Outline)
        [row] = [row for row in outline.rows if "Clinic visits" in "".join(t for t, _ in row)]
        assert row[0][0].strip() == "– Clinic visits" and row[0][1] == "dim", row
