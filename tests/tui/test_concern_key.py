"""Ctrl+R in every method logs a concern raised; wrap-up lists them and reads back every
promise; a returning respondent's code shows the replies to their earlier concerns."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import Checkbox, Input, Select, Static

from fieldtui.core.concern import check_due_ahead
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, set_language
from fieldtui.core.respondent import new_code
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.replies import Reply
from fieldtui.tui.screens.concern_dialog import ConcernDialog
from fieldtui.tui.screens.group.quote import QuoteDialog
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.interview import prepare as prepare_module
from fieldtui.tui.screens.poll.run import PollRunScreen
from fieldtui.tui.screens.returning import EarlierCodeDialog
from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    unlock,
    wait_screen,
    wait_until,
)
from tests.support.group_poll_support import (
    DeviceStub,
    HostApp,
    group_plan,
    people,
    poll_plan,
    stored_documents,
)


def _fill(dialog: Any, text: str, *, category: str | None = None, owner: str | None = None,
          promise_due: str | None = None, settled: bool = False) -> None:
    dialog.query_one("#concern-text", Input).value = text
    if category is not None:
        dialog.query_one("#concern-category", Select).value = category
    if owner is not None:
        dialog.query_one("#concern-owner", Select).value = owner
    dialog.query_one("#concern-settled", Checkbox).value = settled
    if promise_due is not None:
        dialog.query_one("#concern-promise", Checkbox).value = True
        dialog.query_one("#concern-due", Input).value = promise_due


async def test_interview_concern_and_wrapup_reads_the_promise_back(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+r")
        await wait_screen(pilot, "ConcernDialog")
        dialog = app.screen
        await pilot.press("ctrl+s")  # nothing typed: said, nothing saved
        assert "no description" in str(dialog.query_one("#concern-problem", Static).render())
        await pilot.press(*"[red]The bus stop")
        assert dialog.query_one("#concern-text", Input).value == "[red]The bus stop"
        _fill(dialog, "[red]The bus stop[/red] has no shelter", category="access",
              promise_due="2026-13-01")
        await pilot.press("ctrl+s")
        problem = str(dialog.query_one("#concern-problem", Static).render())
        assert "is not a date" in problem and app.screen is dialog
        due = (date.today() + timedelta(days=21)).isoformat()  # a past one is refused
        dialog.query_one("#concern-due", Input).value = due
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "InterviewRunScreen")
        await pilot.press("ctrl+f")
        await wait_screen(pilot, "WrapUpScreen")
        panel = app.screen.query_one("#wrapup-concerns", Static)
        await wait_until(pilot, lambda: "Promises to read back (1)" in str(panel.render()),
                         what="the promise read back")
        shown = str(panel.render())
        assert f"by {due}: follow up on “[red]The bus stop[/red] has no shelter”" in shown
        await flush(app)
        await pilot.press("ctrl+q")
    [doc] = documents(home)
    [concern] = doc["concerns"]
    assert concern["category"] == "access" and concern["promise"] is True
    assert concern["participant"] is None and concern["due"] == due


async def test_a_meeting_concern_belongs_to_the_speaker_or_the_group(
        isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    plan = group_plan()
    store = SessionStore.create(isolated_home, plan=plan, device=device)
    store.set_participants(people(2))
    app = HostApp(GroupRunScreen(plan, device, store))
    app.open_sessions.append(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "ctrl+r")  # Bea speaks, then raises it
        await wait_until(pilot, lambda: isinstance(app.screen, ConcernDialog))
        assert app.screen.query_one("#concern-owner", Select).value == "P2"
        _fill(app.screen, "lights on the path", settled=True)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, GroupRunScreen))
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConcernDialog))
        _fill(app.screen, "opening hours", owner="__group__")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, GroupRunScreen))
        assert "concern (services) from Bea" in str(app.screen.query_one("#log").render())
        await pilot.press("q", *"Open it at six")
        await wait_until(pilot, lambda: isinstance(app.screen, QuoteDialog))
        app.screen.query_one("#may-quote", Checkbox).value = True  # they agreed
        app.screen.query_one("#words", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GroupRunScreen))
        await app.settle()
    [doc] = stored_documents(device)
    quotes = [e for e in doc["events"] if e["type"] == "quote"]
    assert [(q["text"], q["may_quote"]) for q in quotes] == [("Open it at six", True)]
    assert [(c["description"], c["participant"], c["settled"]) for c in doc["concerns"]] == [
        ("lights on the path", "P2", True), ("opening hours", None, False)]


async def test_a_poll_concern_belongs_to_nobody(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(PollRunScreen(poll_plan(), device))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConcernDialog))
        assert not app.screen.query("#concern-owner")
        _fill(app.screen, "queues at the clinic", category="access")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, PollRunScreen))
        await pilot.press("2", "4")
        await wait_until(pilot, lambda: "Thank you" in str(
            app.screen.query_one("#prompt").render()))
        await pilot.press("e")
        await app.settle()
    [doc] = stored_documents(device)
    [concern] = doc["concerns"]
    assert concern["participant"] is None and doc["respondent"] is None
    assert doc["participants"] == [] and concern["description"] == "queues at the clinic"


async def test_an_earlier_code_shows_the_replies_to_its_concerns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = new_code()
    asked: list[str] = []

    def replies_for(home: Path, identity: Any, study_id: str, wanted: str) -> list[Reply]:
        asked.append(wanted)
        return [Reply("[b]pump[/b] broken", "settled", "Repaired on 3 December.", "")]

    monkeypatch.setattr("fieldtui.sync.replies.replies_for", replies_for)
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        prepare: Any = app.screen
        assert isinstance(prepare, prepare_module.InterviewPrepareScreen)
        panel = prepare.query_one("#respondent-replies", Static)
        assert not panel.display
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, EarlierCodeDialog))
        await pilot.press(*"R-ABCDE", "enter")  # wrong length: said, not used
        assert isinstance(app.screen, EarlierCodeDialog)
        app.screen.query_one(Input).value = code.lower()
        await pilot.press("enter")
        await wait_until(pilot, lambda: panel.display, what="the replies panel")
        assert asked == [code] and prepare.code == code
        shown = str(panel.render())
        assert "“[b]pump[/b] broken” — settled: Repaired on 3 December." in shown
        await pilot.press("n")  # a new code: the panel goes
        assert not panel.display


@pytest.mark.parametrize("dialog", ["concern", "quote"])
async def test_ticks_read_without_colour(isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
                                         dialog: str) -> None:
    """With NO_COLOR, 'settled on the spot', 'follow-up promised' and 'they agree to be
    quoted' showed the same X ticked or not (Textual's Checkbox tells them apart by colour
    alone): they read ☐ until ticked, then ☑, as the participant form's box does."""
    monkeypatch.setenv("NO_COLOR", "1")
    plan = group_plan()
    screen: Any = (ConcernDialog(plan, people=[("P1", "Ann")]) if dialog == "concern"
                   else QuoteDialog([("P1", "Ann")], "P1"))
    ids = ["#concern-settled", "#concern-promise"] if dialog == "concern" else ["#may-quote"]
    app = HostApp(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is screen)
        for box_id in ids:
            box = screen.query_one(box_id, Checkbox)
            assert "☐" in str(box.render()) and "☑" not in str(box.render())
            box.value = True
            await pilot.pause()
            assert "☑" in str(box.render()) and "☐" not in str(box.render())


async def test_settled_and_promised_untick_each_other_from_the_keyboard(
        isolated_home: Path) -> None:
    """Both could be ticked together; ticking one now unticks the other (the promise's
    date goes with it) and the line under them says so."""
    screen = ConcernDialog(group_plan(), people=[("P1", "Ann")])
    app = HostApp(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is screen)
        settled = screen.query_one("#concern-settled", Checkbox)
        promise = screen.query_one("#concern-promise", Checkbox)
        problem = screen.query_one("#concern-problem", Static)
        await pilot.press(*"lamps out")
        while screen.focused is not settled:
            await pilot.press("tab")
        await pilot.press("space")
        assert (settled.value, promise.value) == (True, False)
        await pilot.press("tab", "space", "tab", *"2026-12-24")
        assert (settled.value, promise.value) == (False, True)
        assert "'settled on the spot' is unticked" in str(problem.render())
        await pilot.press("shift+tab", "shift+tab", "space")
        assert (settled.value, promise.value) == (True, False)
        assert screen.query_one("#concern-due", Input).value == ""
        assert "the promise due 2026-12-24 is unticked" in str(problem.render())
        # Each note is one row of the dialog (a second row is cut off at 80x24), in
        # English and in Chinese.
        width = problem.content_region.width
        for lang in ("en", "zh"):
            set_language(lang)
            try:
                notes = [_("Settled on the spot: the promise due {due} is unticked.").format(
                             due="2026-12-24"),
                         _("Settled on the spot, so no follow-up: the promise is unticked."),
                         _("Promised, so not settled yet: 'settled on the spot' is unticked.")]
            finally:
                set_language("en")
            assert [n for n in notes if cell_len(n) > width] == [], (lang, width)
        saved = screen.concern()  # what Ctrl+S saves
        assert (saved.settled, saved.promise, saved.due) == (True, False, None)


async def test_a_typed_due_date_shows_whole(tmp_path: Path) -> None:
    """The due field was one column short: a typed 2026-12-24 read as '026-12-24'."""
    from tests.support.screen_text import screen_lines

    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+r")
        await wait_screen(pilot, "ConcernDialog")
        app.screen.query_one("#concern-promise", Checkbox).value = True
        app.screen.query_one("#concern-due", Input).focus()
        await pilot.press(*"2026-12-24")
        await pilot.pause()
        due = [row for row in screen_lines(app) if "promised, due" in row]
        assert due and "2026-12-24" in due[0], due


async def test_a_due_date_before_today_is_refused_and_the_dialog_keeps_it(
        tmp_path: Path) -> None:
    """A promise due yesterday was saved without a word (and showed overdue at once in the
    register). It is refused in one line of the dialog, which stays open with what was
    typed; today is accepted. The line fits the dialog's row at 80x24, in Chinese too."""
    today = date.today()
    yesterday = (today - timedelta(days=1)).isoformat()
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+r")
        await wait_screen(pilot, "ConcernDialog")
        dialog = app.screen
        _fill(dialog, "the lift is broken", promise_due=yesterday)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog, "a past due date was saved"
        problem = dialog.query_one("#concern-problem", Static)
        shown = str(problem.render())
        assert "the due date has passed" in shown and today.isoformat() in shown, shown
        assert dialog.query_one("#concern-due", Input).value == yesterday
        assert dialog.query_one("#concern-text", Input).value == "the lift is broken"
        assert dialog.query_one("#concern-promise", Checkbox).value is True
        width = problem.content_region.width
        for lang in ("en", "zh"):
            set_language(lang)
            try:
                with pytest.raises(FieldtuiError) as refused:
                    check_due_ahead(yesterday, today)
            finally:
                set_language("en")
            line = f"{refused.value.what} — {refused.value.todo}"
            assert cell_len(line) <= width, (lang, line, width)
        dialog.query_one("#concern-due", Input).value = today.isoformat()
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "InterviewRunScreen")
        await flush(app)
        await pilot.press("ctrl+q")
    [doc] = documents(home)
    assert [c["due"] for c in doc["concerns"]] == [today.isoformat()]
