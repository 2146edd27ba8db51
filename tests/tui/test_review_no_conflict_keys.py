"""The conflicts screen with no conflict left: k and i stay in the footer (dimmed, which no
colour shows under NO_COLOR) and did nothing at all when pressed; they now say why, in one
line, and nothing is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.review_world import followup_dataset


@pytest.mark.parametrize("key", ["k", "i"])
async def test_keep_keys_with_no_conflict_say_why_nothing_happens(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReviewApp(followup_dataset(tmp_path), "sup-test")  # one session, no conflict
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("c")
        await wait_screen(pilot, "ConflictsScreen")
        await pilot.press(key)
        await wait_until(pilot, lambda: bool(app._notifications), what="a notice")
        said = [str(n.message) for n in app._notifications]
        assert said == ["No open conflict to keep a revision of: Escape goes back."]
        assert type(app.screen).__name__ == "ConflictsScreen"  # no reason dialog
