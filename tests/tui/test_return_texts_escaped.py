"""What a return carries is shown escaped: the supervisor's comment on the correction
screen and who was asked on Home's row for the returned session went to the terminal as
they came (Static(markup=False) and Rich Text keep ESC), so a return whose comment held
OSC 52 or CSI 2J drove the interviewer's terminal. The item comments and the answers were
escaped already. The discard dialog's description of a draft (a correction's draft holds
the returned respondent code) the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import OptionList, Static

from fieldtui.sync.update_fetch import apply_raws
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.discard_draft import DiscardDialog
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_session import return_body
from tests.support.sync_world import World, make_world

OSC = "\x1b]52;c;cHduZWQ=\x07"


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


async def test_a_returns_comment_and_respondent_are_shown_escaped(world: World) -> None:
    body = return_body(world, "by bus", comment=f"Check{OSC}\x1b[2J it",
                       respondent=f"R-{OSC}")
    apply_raws(world.device, [Chain(world).next("return", body, to=world.device.device_id)])
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        drafts = app.screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count > 0 and "R-" in str(
            drafts.get_option_at_index(0).prompt), what="the returned session's row")
        row = str(drafts.get_option_at_index(0).prompt)
        assert "\x1b" not in row and "R-\\x1b]52;c;" in row
        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        shown = str(app.screen.query_one("#correction-comment", Static).render())
        assert "\x1b" not in shown and "\x07" not in shown
        assert "Check\\x1b]52;c;cHduZWQ=\\x07\\x1b[2J it" in shown


class _Discard(App[None]):
    def on_mount(self) -> None:
        self.push_screen(DiscardDialog(f"Travel\nrespondent R-{OSC} · started today"))


async def test_the_discard_dialog_shows_a_drafts_texts_escaped() -> None:
    # a correction's draft holds the returned document's respondent code
    app = _Discard()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DiscardDialog")
        shown = str(app.screen.query_one("#discard-draft", Static).render())
        assert "\x1b" not in shown and "Travel\nrespondent R-\\x1b]52;c;" in shown
