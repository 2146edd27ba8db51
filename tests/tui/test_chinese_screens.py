"""The interview, poll, wrap-up and group screens in Simplified Chinese: a walk through each
(the bilingual demo plans switched to Chinese; the group plan is English only, so its
texts are the plan's, not the interface's) that fails on any English word the interface
leaves, or on any text cut at 80x24; and snapshots of the interview and its wrap-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from fieldtui.core.clock import ManualClock
from fieldtui.core.respondent import new_code
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import make_app, make_home, unlock, wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.chinese_screen_walk import SIZE, Walk, plan_of, plan_texts, study_texts
from tests.support.chinese_walk import WORD, app_on, chinese, then_settle
from tests.support.paths import PLANS
from tests.support.returned_session import returned_session
from tests.support.sync_world import PLAN as WORLD_PLAN
from tests.support.sync_world import make_world

__all__ = ["chinese"]  # the fixture, shared with the other Chinese walk


async def test_an_interview_in_chinese_leaves_no_english(tmp_path: Path, chinese: None) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        walk = Walk(pilot, [*plan_texts(PLANS / "interview-library.toml"), "R-TEST-01",
                            *study_texts(app)])
        app.start_session(plan_of(app, "interview-library"), app.device)
        await wait_screen(pilot, "InterviewPrepareScreen")  # the plan's texts in Chinese too
        await walk.look("prepare", may_scroll=frozenset({"prepare"}))
        await pilot.press("c")
        await wait_screen(pilot, "EarlierCodeDialog")
        await pilot.press(*"R-XX", "enter")
        await walk.look("earlier code", "R-XX")
        await pilot.press("escape")
        await pilot.press("d")
        await wait_screen(pilot, "ConfirmDialog")
        await walk.look("decline")
        await pilot.press("n")
        await pilot.press("g")
        await wait_screen(pilot, "InterviewRunScreen")
        run: Any = app.screen
        await wait_until(pilot, lambda: run.item is not None and run.item.id == "setting")
        await walk.look("run: a note item")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "years_area")
        await pilot.press(*"200")  # out of range: the entry says why
        await walk.look("run: a number out of range", "200")
        await pilot.press("ctrl+n")
        await walk.look("run: held on a number out of range", "200")
        await pilot.press("backspace", "backspace", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "member")
        await pilot.press("7")  # no such option
        await walk.look("run: a choice")
        for key, dialog in (("ctrl+o", "NoteDialog"), ("ctrl+s", "SkipDialog"),
                            ("ctrl+g", "JumpDialog"), ("ctrl+r", "ConcernDialog")):
            await pilot.press(key)
            await wait_screen(pilot, dialog)
            await walk.look(dialog)
            await pilot.press("escape")
            await wait_screen(pilot, "InterviewRunScreen")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "SkipDialog")
        await pilot.press("1")  # a listed reason: the status line shows it translated
        await wait_until(pilot, lambda: run.item.id == "last_visit")
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: run.item.id == "member")
        await walk.look("run: skipped with a reason")
        await pilot.press("ctrl+f")
        await wait_screen(pilot, "WrapUpScreen")
        await wait_until(pilot, lambda: "正在检查" not in str(
            app.screen.query_one("#wrapup-missing").render()), what="the wrap-up's lists")
        await walk.look("wrap-up", may_scroll=frozenset({"wrapup"}))
        await pilot.press("ctrl+g")  # required items missing: asks once more
        await walk.look("wrap-up: confirm", may_scroll=frozenset({"wrapup"}))
        await pilot.press("escape")
        await wait_screen(pilot, "InterviewRunScreen")
        await pilot.press("escape")  # home, the draft kept
        await wait_screen(pilot, "HomeScreen")
        await walk.look("home after the interview")
    assert walk.problems() == {"english": {}, "cut": {}}


async def test_a_poll_in_chinese_leaves_no_english(tmp_path: Path, chinese: None) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        walk = Walk(pilot, plan_texts(PLANS / "poll-bins.toml"))
        app.start_session(plan_of(app, "poll-bins"), app.device)
        await wait_screen(pilot, "PollPrepareScreen")  # in Chinese, as the interface
        await walk.look("poll prepare", may_scroll=frozenset({"check", "checklist-box"}))
        await pilot.press("s")
        await wait_screen(pilot, "PollRunScreen")
        run: Any = app.screen
        await walk.look("poll: consent")
        await pilot.press("n")
        await wait_screen(pilot, "ConfirmDialog")
        await walk.look("poll: refusal")
        await pilot.press("n")
        await wait_screen(pilot, "PollRunScreen")
        await pilot.press("y")
        await wait_until(pilot, lambda: run.item is not None and not run.consenting)
        await walk.look("poll: first item")
        await pilot.press("9")
        await walk.look("poll: no such option")
        await pilot.press("s")  # no answer
        await wait_until(pilot, lambda: run.index == 1)
        await pilot.press("b")
        await wait_until(pilot, lambda: run.index == 0)
        await walk.look("poll: an item saved as no answer")
        await pilot.press("x")
        await wait_screen(pilot, "ConfirmDialog")
        await walk.look("poll: stop the respondent")
        await pilot.press("y")
        await wait_screen(pilot, "PollRunScreen")
        await wait_until(pilot, lambda: run.item is None and not run.saving)
        await walk.look("poll: between respondents")
        await pilot.press("e")
        await wait_screen(pilot, "HomeScreen")
    assert walk.problems() == {"english": {}, "cut": {}}


async def test_a_group_meeting_in_chinese_leaves_no_english(tmp_path: Path,
                                                            chinese: None) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        # the plan's words, and the group's code (make_app's codes: R-TEST-01, ...)
        texts = [*plan_texts(PLANS / "group-park.toml"), *(f"R-TEST-{n:02d}" for n in range(10))]
        walk = Walk(pilot, texts, frozenset(w.lower() for t in texts for w in WORD.findall(t)))
        plan = plan_of(app, "group-park")
        app.start_session(plan, app.device)
        await wait_screen(pilot, "GroupPrepareScreen")
        await walk.look("group prepare", may_scroll=frozenset({"coverage", "notice-box",
                                                                 "checklist-box"}))
        await pilot.press("a")
        await wait_screen(pilot, "ParticipantForm")
        await walk.look("participant form")
        await pilot.press(*"Ana", "ctrl+s")
        await wait_screen(pilot, "GroupPrepareScreen")
        await pilot.press("l")
        await pilot.press(*"Bo, nonsense", "enter")  # not a value of the plan: says why
        await walk.look("roster line refused", "Bo", "nonsense", "Ana",
                        may_scroll=frozenset({"coverage", "notice-box", "checklist-box"}))
        app.screen.query_one("#quick", Input).value = ""
        await pilot.press("escape")
        await pilot.press("c")
        await wait_screen(pilot, "ConsentDialog")
        await walk.look("consent of one", "P1 Ana")
        await pilot.press("y")
        await wait_screen(pilot, "GroupPrepareScreen")
        await pilot.press("s")
        await wait_screen(pilot, "ConfirmDialog")  # coverage not met
        await walk.look("start anyway?", "Ana")
        await pilot.press("y")
        await wait_screen(pilot, "GroupRunScreen")
        await pilot.press("1")
        await walk.look("meeting: someone speaking", "Ana", may_scroll=frozenset({"log"}))
        await pilot.press("o")
        await walk.look("meeting: off topic", "Ana")
        await pilot.press("o", "e")
        await wait_screen(pilot, "ConfirmDialog")
        await walk.look("end the meeting?")
        await pilot.press("y")
        await wait_screen(pilot, "WrapUpScreen")
        await walk.look("group wrap-up", may_scroll=frozenset({"wrapup"}))
    assert walk.problems() == {"english": {}, "cut": {}}


async def to_run_in_chinese(pilot: Pilot[Any]) -> None:
    """Home → prepare, the plan in Chinese as the interface → consent given → the first
    item."""
    await wait_screen(pilot, "HomeScreen")
    await pilot.press("enter")
    await wait_screen(pilot, "InterviewPrepareScreen")
    await pilot.press("g")
    await wait_screen(pilot, "InterviewRunScreen")


class TestChineseSnapshots:
    """The interview and its wrap-up at 80x24, interface and plan in Chinese: the outline,
    the item, the timer's nudge and the footer stay aligned."""

    def test_interview_run_zh(self, snap_compare: Any, chinese: None) -> None:
        async def choice(pilot: Pilot[Any]) -> None:
            await to_run_in_chinese(pilot)
            await pilot.press("ctrl+n", "ctrl+n")
            clock: Any = pilot.app.clock
            clock.advance(6 * 60)
            await pilot.press("2")
            await pilot.pause(1.2)
        assert snap_compare(app_on(PLANS / "interview-library.toml"), terminal_size=SIZE,
                            run_before=then_settle(choice))

    def test_wrapup_zh(self, snap_compare: Any, chinese: None) -> None:
        async def wrap(pilot: Pilot[Any]) -> None:
            await to_run_in_chinese(pilot)
            await pilot.press("ctrl+f")
            await wait_screen(pilot, "WrapUpScreen")
            missing = pilot.app.screen.query_one("#wrapup-missing", Static)
            await wait_until(pilot, lambda: "要点" in str(missing.render()))
            await wait_until(pilot, lambda: pilot.app.screen.focused is not None)
        assert snap_compare(app_on(PLANS / "interview-library.toml"), terminal_size=SIZE,
                            run_before=then_settle(wrap))


async def test_a_correction_in_chinese_leaves_no_english(tmp_path: Path, isolated_home: Path,
                                                         chinese: None) -> None:
    world = make_world(tmp_path, isolated_home)
    sid = returned_session(world, Chain(world))
    app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
    content = [*plan_texts(WORLD_PLAN), str(world.device.kit.study_name),
               str(world.device.interviewer), "[bold]Check[/bold] the travel answer",
               "[red]typo?[/red]", "by bsu", sid[:8]]  # the session's id: hex, a code
    async with app.run_test(size=SIZE) as pilot:
        walk = Walk(pilot, content, frozenset(w.lower() for t in content
                                              for w in WORD.findall(t)))
        await wait_screen(pilot, "HomeScreen")
        drafts = app.screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count > 0 and drafts.get_option_at_index(
            0).id == f"returned:{sid}", what="the returned session listed")
        await walk.look("home with a return")
        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        await walk.look("correction")
        await pilot.press("enter")
        await wait_screen(pilot, "LineDialog")
        await walk.look("correction: new answer")
        app.screen.query_one(Input).value = "by bus"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "为什么" in str(
            app.screen.query_one(".dialog-title", Static).render()), what="the reason asked")
        await walk.look("correction: why")
        app.screen.query_one(Input).value = "听错了"
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: "已修改" in str(
            app.screen.query_one("#correction-problem", Static).render()))
        await walk.look("correction: changed", "by bus")
    assert walk.problems() == {"english": {}, "cut": {}}


def test_a_participant_not_yet_asked_for_consent_reads_so_in_chinese(chinese: None) -> None:
    """The roster's consent column read 不问 ('do not ask') for a participant not asked yet;
    the same words name an item not asked in the outline's reasons."""
    from fieldtui.tui.widgets.roster_editor import RosterEntry

    assert RosterEntry("P1", "Ann").consent_text() == "未询问"
