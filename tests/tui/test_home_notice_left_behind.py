"""Home's answer to Tab with no drafts ("No drafts to resume: ↑↓ and Enter stay on the
plans.") stayed its five seconds over the plan opened next: over the prepare screen and
then the interview, in Chinese beside the answer box. It is taken back when Home is left."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_support import make_app, make_home, unlock, wait_screen, wait_until

NO_DRAFTS = "No drafts to resume: ↑↓ and Enter stay on the plans."


async def test_the_no_drafts_notice_goes_with_home(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("tab")
        await wait_until(pilot, lambda: NO_DRAFTS in [str(n.message) for n in
                                                      app._notifications], what="the notice")
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.pause()
        assert NO_DRAFTS not in [str(n.message) for n in app._notifications]
