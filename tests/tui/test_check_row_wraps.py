"""A check (constraint) message longer than the row under the answer box: at 80x24 the
household survey's "That is more than three phones per person; please check the number."
ended at "please…" and only a 5-second notice said the rest. It now takes a second row,
broken at a space (a Chinese message between characters); the answer box does not move,
and a message longer than two rows ends in …"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len

from fieldtui.tui.widgets.check_row import check_rows
from tests.support.app_support import make_app, make_home, wait_screen, wait_until
from tests.support.household_screens import at_household_size
from tests.support.screen_text import screen_lines

PHONES = "That is more than three phones per person; please check the number."


def item_pane(app: Any) -> str:
    """The rows right of the outline, joined with spaces (a wrapped line reads whole)."""
    return " ".join(line.split("▕", 1)[1].strip() for line in screen_lines(app)
                    if "▕" in line)


async def test_a_long_check_message_shows_whole_at_80x24(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("ctrl+n")  # one person: the members' list
        await wait_until(pilot, lambda: run.step.is_roster, what="the members' list")
        await pilot.press("ctrl+g")
        await wait_screen(pilot, "JumpDialog")
        await pilot.press("5", "enter")  # Water and assets
        await wait_until(pilot, lambda: run.step.item_id == "water_source", what="water")
        await pilot.press("1", "enter")
        await wait_until(pilot, lambda: run.step.item_id == "assets", what="the assets")
        await pilot.press("2", "ctrl+n")  # a mobile phone
        await wait_until(pilot, lambda: run.step.item_id == "phone_count", what="phones")
        entry = run.query_one(".answer-entry")
        await pilot.pause()
        box = entry.region
        await pilot.press("9")  # nine phones for one person: refused by the check
        check = run.query_one("#item-check")
        await wait_until(pilot, lambda: "check the number" in str(check.render()),
                         what="the check's message")
        for _ in range(5):
            await pilot.pause()
        assert f"✗ {PHONES}" in item_pane(app), screen_lines(app)
        assert check.region.height == 2
        assert entry.region == box  # the answer box stays where it was
        assert run.query_one("#item-status").region.bottom <= 23  # above the footer


def test_the_rows_break_at_spaces_and_between_chinese_characters() -> None:
    assert check_rows(f"✗ {PHONES}", 52) == [
        "✗ That is more than three phones per person; please", "check the number."]
    chinese = "✗ 手机数量超过了每人三部：请再核对一下这个数字，或者按跳过键并说明原因。"
    rows = check_rows(chinese, 40)
    assert len(rows) == 2 and "".join(rows) == chinese, rows  # no row is left near empty
    assert all(cell_len(row) <= 40 for row in rows), rows


def test_a_message_longer_than_two_rows_ends_in_an_ellipsis() -> None:
    rows = check_rows("✗ " + "word " * 40, 30)
    assert len(rows) == 2 and rows[1].endswith("…") and cell_len(rows[1]) <= 30, rows
    assert check_rows("✗ short", 30) == ["✗ short"]
    assert check_rows("✗ not laid out yet", 0) == ["✗ not laid out yet"]
