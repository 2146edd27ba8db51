"""A poll that requires consent asks it of each respondent; going back shows what was saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.poll.run import PollRunScreen
from fieldtui.tui.widgets.poll_choices import PollChoices
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, stored_documents
from tests.support.paths import FIXTURES, PLANS

CONSENT_PLAN = FIXTURES / "poll_consent.toml"


def shown(app: Any, selector: str) -> str:
    """The text a widget shows."""
    return str(app.screen.query_one(selector).render())


def option_line(app: Any, key: str) -> str:
    """The line of the option chosen with `key`."""
    lines = shown(app, "#choices").splitlines()
    return next(line for line in lines if line.split()[:1] == [key]
                or line.split()[1:2] == [key])


def test_both_shipped_polls_require_consent() -> None:
    for name in ("poll-bins.toml", "poll-transit-zh.toml"):
        plan = load_plan(PLANS / name)
        assert plan.consent_required and plan.consent_text


async def test_a_refusal_is_recorded_without_answers_and_the_next_respondent_is_asked(
        isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    plan = load_plan(CONSENT_PLAN)
    app = HostApp(PollRunScreen(plan, device))
    async with app.run_test(size=(80, 24)) as pilot:
        # The consent text comes before the first item; no item key works yet.
        assert "Do you agree to take part?" in shown(app, "#prompt")
        assert "respondent 1" in shown(app, "#top")
        await pilot.press("4")
        assert "Do you agree to take part?" in shown(app, "#prompt")
        await pilot.press("n")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        # On to the next respondent, asked for consent again.
        assert "Do you agree to take part?" in shown(app, "#prompt")
        assert "respondent 2" in shown(app, "#top") and "1 refused" in shown(app, "#top")
        await pilot.press("y")
        assert "item 1 of 3" in shown(app, "#top")
        await pilot.press("4", "2", "1", "2", "enter")
        # the thank-you comes once the respondent is saved ("Saving…" until then)
        await wait_until(pilot, lambda: "Thank you" in shown(app, "#prompt"),
                         what="the thank-you")
        await pilot.press("e")
        await app.settle()
        await pilot.pause()
        assert app.failures == []
    refused, given = stored_documents(device)
    text_hash = sha256_hex(plan.consent_text.encode("utf-8"))
    assert refused["status"] == "refused"
    assert refused["answers"] == {} and refused["respondent"] is None
    [record] = refused["consent"]
    # Anonymous: the record says given or not, when, and to which text; nothing else.
    assert set(record) == {"participant", "given", "at", "text_hash"}
    assert record["participant"] is None and record["given"] is False
    assert record["text_hash"] == text_hash
    consent_events = [e for e in refused["events"] if e["type"] == "consent"]
    assert [(e["given"], e.get("participant")) for e in consent_events] == [(False, None)]
    assert given["status"] == "complete"
    assert [(c["participant"], c["given"]) for c in given["consent"]] == [(None, True)]
    assert {k: v["value"] for k, v in given["answers"].items()} == {
        "evenings": 4, "weekend": "Sunday", "visits": 12}


async def test_going_back_shows_the_saved_choice_and_scale(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(PollRunScreen(load_plan(CONSENT_PLAN), device))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "4", "2", "9", "b")  # scale 4, choice 2, then back
        assert "item 2 of 3" in shown(app, "#top")
        assert "▶" in option_line(app, "2") and "▶" not in option_line(app, "1")
        await pilot.press("b")
        assert "item 1 of 3" in shown(app, "#top")
        assert "▶" in option_line(app, "4") and "▶" not in option_line(app, "5")
        await pilot.press("enter")  # Enter keeps the saved answer and moves on
        assert "item 2 of 3" in shown(app, "#top")
        await pilot.press("1")  # another option replaces it
        assert "item 3 of 3" in shown(app, "#top")
        await pilot.press("b")
        assert "▶" in option_line(app, "1") and "▶" not in option_line(app, "2")
        await pilot.press("enter", *"12", "enter")
        # the thank-you comes once the respondent is saved ("Saving…" until then)
        await wait_until(pilot, lambda: "Thank you" in shown(app, "#prompt"),
                         what="the thank-you")
        await app.settle()
    [doc] = stored_documents(device)
    assert {k: v["value"] for k, v in doc["answers"].items()} == {
        "evenings": 4, "weekend": "Saturday", "visits": 12}


async def test_going_back_shows_the_saved_ticks_and_number(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(PollRunScreen(load_plan(FIXTURES / "poll_mixed.toml"), device))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "3", "enter", *"12", "enter")
        assert "item 3 of 3" in shown(app, "#top")
        await pilot.press("b")
        assert app.screen.query_one("#number", Input).value == "12"
        await pilot.press("b")
        choices = app.screen.query_one(PollChoices)
        assert choices.ticked_values() == ["Bus", "Bicycle"]
        assert "[x]" in option_line(app, "1") and "[ ]" in option_line(app, "2")
        await pilot.press("4", "enter")  # tick Car too and save again
        assert app.screen.query_one("#number", Input).value == "12"
        await pilot.press("enter", *"10", "enter")
        await app.settle()
    [doc] = stored_documents(device)
    assert doc["answers"]["modes"]["value"] == ["Bus", "Bicycle", "Car"]
    assert doc["answers"]["trips"]["value"] == 12


async def test_back_on_the_first_item_says_there_is_none_before_it(isolated_home: Path) -> None:
    """b on the first item did nothing and said nothing (a field walk): it says why."""
    app = HostApp(PollRunScreen(load_plan(CONSENT_PLAN), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await wait_until(pilot, lambda: "item 1 of 3" in shown(app, "#top"), what="item 1")
        await pilot.press("b")
        await wait_until(pilot, lambda: any("first question" in str(n.message)
                                            for n in app._notifications), what="the notice")
        assert "item 1 of 3" in shown(app, "#top")
