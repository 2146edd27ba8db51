"""A refused roster line's reason and what to do next read as two sentences. A field walk
saw "… use one of 18-34, 35-59, 60+ Type the next line over it…": the reason ends on an
allowed value, and the next sentence was glued to it with a space. In Chinese the allowed
values were listed with ASCII commas ("18-34, 35-59, 60+") in a Chinese sentence."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core import i18n
from tests.support.app_support import wait_until
from tests.support.group_poll_support import roster_focused


async def test_the_reason_ends_before_what_to_do(isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (_app, pilot, screen):
        await pilot.press("l", *"Cy, 99", "enter")
        await wait_until(pilot, lambda: "Not added" in screen.status_text, what="refused")
        assert "use one of 18-34, 35-64, 65+. Type the next line over it" in \
            screen.status_text, screen.status_text


async def test_the_reason_in_chinese_lists_and_stops_the_chinese_way(isolated_home: Path) -> None:
    i18n.set_language("zh")
    try:
        async with roster_focused(isolated_home) as (_app, pilot, screen):
            await pilot.press("l", *"Cy, 99", "enter")
            await wait_until(pilot, lambda: "99" in screen.status_text, what="refused")
            status = screen.status_text
            assert "18-34、35-64、65+。接着输入下一行" in status, status
    finally:
        i18n.set_language("en")
