"""Each row of home's drafts list fits the list's width: a list long enough to scroll
loses columns to its scrollbar, and a draft's second row ("… · at item 16/16: Note your
impression…", cut to 74 cells) wrapped to the entry's first column ("impression…" on a
row of its own, under the ↻)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from fieldtui.store.device import open_device
from fieldtui.store.session_store import SessionStore
from tests.support.app_support import PASSPHRASE, make_app, make_home, unlock, wait_until
from tests.support.screen_text import screen_lines

DRAFTS = 6


def long_drafts(home: Path) -> None:
    """Library interview drafts, each left on its last item: its row's second line is
    74 cells ("first answer … · at item 16/16: Note your impression…")."""
    device = open_device(home).unlock(PASSPHRASE.encode())
    plan = next(p for p in device.plans() if p.id == "interview-library")
    last = plan.item("interviewer_impression")
    for n in range(DRAFTS):
        store = SessionStore.create(home, plan=plan, device=device)
        store.set_field("respondent", f"R-LONG-{n:02d}")
        store.save_answer(plan.items[1].id, 3 if plan.items[1].kind == "number" else "x")
        store.set_field("position", {"item_id": last.id, "section_id": "closing"})
        store.close()


async def test_each_draft_row_fits_a_scrolling_list(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    long_drafts(home)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        await wait_until(pilot, lambda: len(screen.infos) == DRAFTS, what="the drafts read")
        drafts = screen.query_one("#drafts", OptionList)
        reads = screen.reads
        await pilot.press("r")  # read again: the list now has its scrollbar
        await wait_until(pilot, lambda: screen.reads > reads and drafts.max_scroll_y > 0
                         and drafts.show_vertical_scrollbar, what="the list scrolling")
        await pilot.pause()
        top = drafts.region.y + 1  # under its border
        rows = screen_lines(app)[top:drafts.region.bottom - 1]
        inside = [row[drafts.region.x + 2:drafts.region.right - 2] for row in rows]
        assert inside, rows
        for n, line in enumerate(inside):
            text = line.rstrip(" ▁▂▃▄▅▆▇█▊▋▌▍▎▏▐▕")
            # a draft's first row starts with ↻, its second is indented under the text
            assert text.startswith(("↻ ", "  ")), "\n".join(rows)
            assert inside[n - 1].startswith("↻ ") != text.startswith("↻ ") or n == 0, \
                "\n".join(rows)
        assert any("…" in line and line.startswith("  ") for line in inside), "\n".join(rows)
