"""Switching a bilingual plan's language: prepare starts in the chosen one, Ctrl+L switches
at any time on the interview and poll screens, typing stays, and each answer records the
language it was asked in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, Static, TextArea

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    unlock,
    wait_screen,
    wait_until,
)
from tests.support.group_poll_support import DeviceStub, HostApp, stored_documents
from tests.support.paths import PLANS

LIBRARY = load_plan(PLANS / "interview-library.toml")
BINS = load_plan(PLANS / "poll-bins.toml")


def text_of(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_an_interview_started_in_chinese_switches_back_and_forth(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    zh = LIBRARY.localized("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        assert "Language: English (en)" in text_of(app, "#prepare-language")  # preselected
        await pilot.press("ctrl+l")  # start in Chinese
        await wait_until(pilot, lambda: zh.title in text_of(app, "#prepare-title"),
                         what="the prepare screen in Chinese")
        assert "Language: 中文 (zh)" in text_of(app, "#prepare-language")
        assert text_of(app, "#consent-text") == zh.consent_text
        await pilot.press("g")
        await wait_screen(pilot, "InterviewRunScreen")
        run: Any = app.screen
        await wait_until(pilot, lambda: zh.items[0].prompt in text_of(app, "#item-text"),
                         what="the first item in Chinese")
        await pilot.press(*"Po")
        await wait_until(pilot, lambda: run.query_one(TextArea).text == "Po", what="Po typed")
        await pilot.press("ctrl+l")  # to English, in the middle of typing
        await wait_until(pilot, lambda: LIBRARY.items[0].prompt in text_of(app, "#item-text"),
                         what="the first item in English")
        assert zh.sections[0].title not in text_of(app, "#section-title")
        await pilot.press(*"rch")
        # typing kept across the switch
        await wait_until(pilot, lambda: run.query_one(TextArea).text == "Porch", what="Porch")
        await pilot.press("ctrl+n", *"12", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "member", what="the third item")
        await pilot.press("ctrl+l")  # a choice in Chinese: the labels change, not the values

        def entry() -> str:
            return str(run.query_one(".answer-entry").render())  # the entry on screen
        await wait_until(pilot, lambda: "没有" in entry(), what="the choices in Chinese")
        assert "No" not in entry()
        await pilot.press("2")
        await wait_until(pilot, lambda: run.answers.get("member", {}).get("value") == "No",
                         what="the choice")
        await pilot.press("ctrl+n")
        await flush(app)
    [doc] = documents(home)
    answers = doc["answers"]
    assert (answers["setting"]["value"], answers["setting"]["lang"]) == ("Porch", "en")
    assert (answers["years_area"]["value"], answers["years_area"]["lang"]) == (12, "en")
    assert (answers["member"]["value"], answers["member"]["lang"]) == ("No", "zh")
    # consent was read in Chinese: its record is of that text
    assert doc["consent"][0]["text_hash"] == sha256_hex(zh.consent_text.encode("utf-8"))


async def test_a_poll_prepares_in_a_language_and_switches_mid_respondent(
        isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(PollPrepareScreen(BINS, device, findings=[]))
    zh = BINS.localized("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Language: English (en)" in text_of(app, "#about")
        await pilot.press("ctrl+l")
        assert "中文 (zh)" in text_of(app, "#about") and zh.purpose in text_of(app, "#about")
        await pilot.press("s")
        await wait_screen(pilot, "PollRunScreen")
        assert text_of(app, "#prompt") == zh.consent_text
        await pilot.press("y", "4")  # consent, then "Flat" asked in Chinese
        assert zh.items[1].prompt in text_of(app, "#prompt")
        await pilot.press("ctrl+l")  # a number half typed stays
        assert BINS.items[1].prompt in text_of(app, "#prompt")
        await pilot.press("3")
        await pilot.press("ctrl+l")
        assert app.screen.query_one("#number", Input).value == "3"
        await pilot.press("enter")
        screen: Any = app.screen
        assert isinstance(screen, PollRunScreen) and screen.plan.language == "zh"
        await app.settle()
    [doc] = stored_documents(device)
    answers = doc["answers"]
    assert (answers["home_type"]["value"], answers["home_type"]["lang"]) == ("Flat", "zh")
    assert (answers["household_size"]["value"], answers["household_size"]["lang"]) == (3, "zh")


async def test_a_resumed_draft_opens_in_the_language_it_was_left_in(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    zh = LIBRARY.localized("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("ctrl+l", "g")  # started in Chinese
        await wait_screen(pilot, "InterviewRunScreen")
        run: Any = app.screen
        await pilot.press(*"Porch", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "years_area")
        await pilot.press("ctrl+l", "ctrl+l")  # to English and back: left in Chinese
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
        drafts = app.screen.query_one("#drafts")
        await wait_until(pilot, lambda: zh.items[1].prompt[:10] in str(
            drafts.get_option_at_index(0).prompt), what="the draft row in Chinese")
        assert zh.title in str(drafts.get_option_at_index(0).prompt)
        drafts.focus()
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewRunScreen")
        resumed: Any = app.screen
        await wait_until(pilot, lambda: zh.items[1].prompt in text_of(app, "#item-text"),
                         what="the resumed item in Chinese")
        assert resumed.plan.language == "zh"
        assert zh.sections[0].title in text_of(app, "#section-title")
        await pilot.press("ctrl+l")  # and Ctrl+L still goes on from there
        await wait_until(pilot, lambda: LIBRARY.items[1].prompt in text_of(app, "#item-text"),
                         what="the item in English again")
        await flush(app)
    [doc] = documents(home)
    assert doc["position"]["lang"] == "en"  # the language it is in now is what is kept
