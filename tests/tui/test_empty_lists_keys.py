"""Keys in the footer that act on the row under the cursor, pressed while the list is empty
(a dataset before its first merge, or "flagged only" with nothing flagged): review's t and
b (dimmed, which no colour shows under NO_COLOR), the register's s, o and r, and the themes
screen's t on a session with no text to code did nothing at all; each now says why in one
line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.dataset_factory import document, load_documents


def _empty(tmp_path: Path) -> Path:
    db = tmp_path / "d.sqlite"
    open_dataset(db, create=True).close()
    return db


@pytest.mark.parametrize("key", ["t", "b"])
async def test_review_keys_on_an_empty_list_say_why(tmp_path: Path, key: str) -> None:
    app = ReviewApp(_empty(tmp_path), "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "ReviewScreen")
        await wait_until(pilot, lambda: "No sessions to show." in str(
            app.screen.query_one("#detail", Static).render()))
        await pilot.press(key)
        await wait_until(pilot, lambda: bool(app._notifications), what="a notice")
        assert [str(n.message) for n in app._notifications] == [
            "No session is listed: nothing to code or send back."]
        assert type(app.screen).__name__ == "ReviewScreen"


@pytest.mark.parametrize("key", ["s", "o", "r"])
async def test_register_keys_with_no_concern_say_why(tmp_path: Path, key: str) -> None:
    app = FollowupApp(_empty(tmp_path), "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "FollowupRegisterScreen")
        await pilot.pause()
        await pilot.press(key)
        await wait_until(pilot, lambda: bool(app._notifications), what="a notice")
        assert [str(n.message) for n in app._notifications] == [
            "No concern is listed: nothing to change."]
        assert type(app.screen).__name__ == "FollowupRegisterScreen"


async def test_themes_code_key_on_a_session_with_no_text_says_why(tmp_path: Path) -> None:
    db = _empty(tmp_path)
    conn = open_dataset(db)
    load_documents(conn, [document(answers={})])  # nothing typed: no answer, note or quote
    conn.close()
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ReviewScreen"
                         and bool(getattr(app.screen, "shown", None)), what="the session")
        await pilot.press("t")
        await wait_screen(pilot, "ThemeCodingScreen")
        await wait_until(pilot, lambda: "no open answer" in str(
            app.screen.query_one("#themes-detail", Static).render()), what="the texts read")
        await pilot.press("t")
        await wait_until(pilot, lambda: bool(app._notifications), what="a notice")
        assert [str(n.message) for n in app._notifications] == [
            "This session has no open answer, note or quote to code."]
        assert type(app.screen).__name__ == "ThemeCodingScreen"
