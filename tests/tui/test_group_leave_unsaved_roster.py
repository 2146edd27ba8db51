"""Escape on a meeting's preparation with participants typed and nobody's consent yet: the
roster is saved nowhere (nothing is, before consent), so Escape asks before it drops it. It
went home at once: a field walk typed six participants, went back to home, and found an
empty roster on opening the plan again."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.support.app_support import make_app, make_home, unlock, wait_screen, wait_until
from tests.support.group_poll_support import roster_focused


async def test_escape_asks_before_dropping_an_unsaved_roster(isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (app, pilot, screen):
        await pilot.press("l", *"Ana, 18-34", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="Ana added")
        await pilot.press("escape")  # out of the line, back on the roster
        await wait_until(pilot, lambda: screen.roster.has_focus, what="the roster")
        await pilot.press("escape")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question")
        question = str(app.screen.query_one("#question", Static).render())
        assert question == "Leave and lose the 1 participant typed?", question
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen, what="back on the preparation")
        assert [e.label for e in screen.roster.entries] == ["Ana"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question again")
        await pilot.press("y")
        await wait_until(pilot, lambda: screen not in app.screen_stack, what="left")


async def test_an_empty_roster_leaves_at_once(isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (app, pilot, screen):
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen not in app.screen_stack, what="left")


async def test_a_roster_saved_with_consent_leaves_at_once(isolated_home: Path) -> None:
    async with roster_focused(isolated_home) as (app, pilot, screen):
        await pilot.press("l", *"Ana, 18-34", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="Ana added")
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.roster.has_focus, what="the roster")
        assert screen.session is not None
        screen.session.ensure()  # as the first consent does: the draft exists from now on
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen not in app.screen_stack, what="left")



async def test_ctrl_q_warns_before_dropping_an_unsaved_roster(tmp_path: Path) -> None:
    """Ctrl+Q quit at once and the typed roster was gone, as Escape did (a field walk):
    the app warns once, and a second Ctrl+Q quits without it."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.start_session(next(p for p in app.device.plans() if p.id == "group-park"),
                          app.device)
        await wait_screen(pilot, "GroupPrepareScreen")
        screen = app.screen
        await pilot.press("l", *"Ana, 18-34, Owner, North", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="Ana added")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: any("saved nowhere yet" in str(n.message)
                                            for n in app._notifications), what="the warning")
        assert app.is_running and app.screen is screen
        await pilot.press("ctrl+q")  # again: quits without them
        await wait_until(pilot, lambda: not app.is_running, what="quit")


async def test_ctrl_q_warns_with_the_participant_form_open_over_the_roster(
        tmp_path: Path) -> None:
    """The warning looked only at the screen on top: with the participant form open over
    the preparation, Ctrl+Q quit at once and the typed roster was gone."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.start_session(next(p for p in app.device.plans() if p.id == "group-park"),
                          app.device)
        await wait_screen(pilot, "GroupPrepareScreen")
        screen = app.screen
        await pilot.press("l", *"Ana, 18-34, Owner, North", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="Ana added")
        await pilot.press("escape", "a")
        await wait_screen(pilot, "ParticipantForm")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: any("saved nowhere yet" in str(n.message)
                                            for n in app._notifications), what="the warning")
        assert app.is_running
