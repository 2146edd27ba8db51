"""The interview prepare screen's hint names the consent keys as they are typed: it said
"G agrees, D declines" for the keys g and d (Shift+G does nothing there)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from tests.support.app_support import make_app, make_home, unlock, wait_screen


async def test_the_hint_names_the_consent_keys_the_screen_has(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        screen = app.screen
        hint = next(str(w.render()) for w in screen.query(".dim") if "agrees" in str(w.render()))
        found = re.search(r"(\S+) agrees, (\S+) declines", hint)
        assert found is not None, hint
        keys = {b.key for b in type(screen).BINDINGS if isinstance(b, Binding)}
        assert {found.group(1), found.group(2)} <= keys, (hint, keys)
