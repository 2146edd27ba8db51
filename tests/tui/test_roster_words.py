"""A roster's rows are not always people: the household's list speaks of members (the plan
names each by member_label), the clinic visits' list of entries, never of "members"."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from fieldtui.tui.widgets.member_list import MemberList
from tests.support.app_support import make_app, make_home, wait_until
from tests.support.household_visits import at, to_members, to_visits


def shown(run: object) -> str:
    """The heading, the list and its keys line as they read."""
    query = run.query_one  # type: ignore[attr-defined]
    return "\n".join((str(query("#item-text", Static).render()),
                      str(query(MemberList).render()), query(MemberList).border_title or "",
                      str(query("#item-status", Static).render())))


async def test_the_household_list_speaks_of_members(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_members(pilot)
        text = shown(run)
        assert "Roster: Household members · 3 members" in text
        assert "Enter: go on to the members" in text and "Members" in text


async def test_the_visits_list_speaks_of_entries(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_visits(pilot)
        text = shown(run)
        assert "Roster: Clinic visits · 0 entries" in text, text
        assert "No entries yet. Press a to add the first one." in text
        assert "a: add · d: remove · ⇧↑/⇧↓ (or -/+): move · Enter: go on" in text
        assert "Entries" in text
        assert "member" not in text.split("\n", 1)[1].lower(), text  # past Ana's caption
        await pilot.press("a")
        await wait_until(pilot, lambda: at(run, "clinic", "m1/v1"), what="the visit")
        await pilot.press(*"Riverside", "ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: run.step.is_roster and run.step.again,
                         what="the list once more")
        text = shown(run)
        assert "Roster: Clinic visits · 1 entry · any more?" in text, text
        assert "Enter: all are listed, go on" in text


async def test_a_visit_is_an_entry_in_its_list_and_above_its_items(tmp_path: Path) -> None:
    """The rows of a roster without a member_label were "Member 1" (and the visit's items
    said "Member 1 of 1") under a heading that counts "1 entry": now "Entry 1"."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_visits(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: at(run, "clinic", "m1/v1"), what="the visit")
        caption = str(run.query_one("#item-text", Static).render())
        assert "Entry 1 of 1" in caption and "Member 1 of 1" not in caption, caption
        await pilot.press(*"Riverside", "ctrl+n", "ctrl+n")
        await wait_until(pilot, lambda: run.step.is_roster and run.step.again,
                         what="the list once more")
        rows = str(run.query_one(MemberList).render())
        assert "Entry 1" in rows and "Member" not in rows, rows


async def test_the_empty_visits_list_in_chinese_has_no_space_after_the_stop(
        tmp_path: Path) -> None:
    """'还没有条目。 按 a 添加第一个。' (a field walk): two translated halves joined by a
    space; the whole sentence is translated now."""
    from fieldtui.core import i18n

    i18n.set_language("zh")
    try:
        app = make_app(make_home(tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            run = await to_visits(pilot)
            text = str(run.query_one(MemberList).render())
            assert "还没有条目。按 a 添加第一条。" in text, text
    finally:
        i18n.set_language("en")
