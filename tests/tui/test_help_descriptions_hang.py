"""F1 at 80x24: a key's description too long for the dialog goes on under the description,
not back at the dialog's first column under the keys (group prepare: "g  Read the consent
text to everyone at once; each may" / "still refuse", a user walk)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.help import HelpScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, group_plan
from tests.support.screen_text import screen_lines


class StyledHost(HostApp):
    """The bare host with the apps' own styles: help is the dialog a user sees."""

    CSS_PATH = FieldtuiBaseApp.CSS_PATH


async def test_a_wrapped_description_starts_under_the_description(
        isolated_home: Path) -> None:
    screen = GroupPrepareScreen(group_plan(), DeviceStub(isolated_home))
    app = StyledHost(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(HelpScreen(screen))
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        await pilot.pause()
        lines = screen_lines(app)
        keys = str(app.screen.query_one("#help-keys Static", Static).render()).splitlines()
    shown = "\n".join(lines)
    # the plain lines stay one a key: what the other help tests read
    (said,) = [line for line in keys if "Read the consent text" in line]
    assert " ".join(said.split()).endswith("each may still refuse"), keys
    start = next(n for n, line in enumerate(lines) if "Read the consent text" in line)
    first, rest = lines[start], lines[start + 1]
    assert "still refuse" not in first, shown  # it does wrap in the dialog at 80 columns
    column = first.index("Read the consent text")
    assert first[first.index("│") + 1:column].split() == ["g"], shown
    assert rest.index("still refuse") == column, shown
    assert not rest[first.index("│") + 1:column].strip(), shown
