"""Home tells drafts apart (code, participants, first answer, current item) and discards one
only after the word is typed: kept on the device, marked discarded, never deleted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.device import open_device
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions, sidecar_path
from fieldtui.tui.screens.discard_draft import DiscardDialog
from fieldtui.tui.screens.message import MessageScreen
from tests.support.app_support import PASSPHRASE, make_app, make_home, unlock, wait_until


def make_drafts(home: Path) -> dict[str, str]:
    """An interview, a group and a poll draft saved on the device; method -> session id."""
    device = open_device(home).unlock(PASSPHRASE.encode())
    plans = {p.method: p for p in reversed(device.plans())}
    ids = {}
    for method, plan in plans.items():
        store = SessionStore.create(home, plan=plan, device=device)
        first, second = plan.items[0], plan.items[1]
        if method == "interview":
            store.set_field("respondent", "R-TEST-77")
            store.save_answer(first.id, "In the reading room")
            store.set_field("position", {"item_id": second.id, "section_id": "x"})
        elif method == "group":
            store.set_participants([{"id": f"P{n}", "label": f"L{n}", "attributes": {},
                                     "informed": False} for n in (1, 2, 3)])
            store.set_field("position", {"section_id": plan.sections[1].id})
        else:
            store.save_answer(first.id, first.options[0] if first.options else 1)
        ids[method] = store.session_id
        store.close()
    return ids


def row_text(app: Any, session_id: str) -> str:
    """The text of a draft's row on home."""
    drafts = app.screen.query_one("#drafts", OptionList)
    option = drafts.get_option(f"draft:{session_id}")
    return str(option.prompt)


async def test_drafts_show_who_since_when_and_where(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    ids = make_drafts(home)
    device = open_device(home).unlock(PASSPHRASE.encode())
    plans = {p.method: p for p in reversed(device.plans())}
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        await wait_until(pilot, lambda: len(screen.infos) == 3, what="the drafts read")
        interview = row_text(app, ids["interview"])
        assert "respondent R-TEST-77" in interview
        assert "first answer 20" in interview and "UTC" in interview
        assert f"item 2/{len(plans['interview'].items)}" in interview
        group = row_text(app, ids["group"])
        assert "3 participants" in group and "no answer yet" in group
        assert f"section: {plans['group'].sections[1].title}"[:40] in group
        poll = row_text(app, ids["poll"])
        assert "anonymous respondent" in poll and "item 2/" in poll
        assert all(len(line) <= 76 for row in (interview, group, poll)
                   for line in row.splitlines())
    # The plaintext sidecars still carry no code and no answers.
    for session_id in ids.values():
        text = sidecar_path(home / "sessions" / f"{session_id}.ftj").read_text()
        assert "R-TEST-77" not in text and "reading room" not in text
        assert set(json.loads(text)) == {"session_id", "plan_id", "plan_version", "plan_hash",
                                          "method", "status", "created", "updated",
                                          "completed"}


async def test_a_draft_is_discarded_only_after_typing_the_word(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    ids = make_drafts(home)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        await wait_until(pilot, lambda: len(screen.infos) == 3, what="the drafts read")
        drafts = screen.query_one("#drafts", OptionList)
        assert screen.focused is drafts  # drafts on the device: home opens on them
        await pilot.press("tab", "x")  # on the plans list: nothing to discard
        assert app.screen is screen
        await pilot.press("tab")
        assert screen.focused is drafts
        drafts.highlighted = drafts.get_option_index(f"draft:{ids['interview']}")
        await pilot.press("x")
        assert isinstance(app.screen, DiscardDialog)
        assert "R-TEST-77" in str(app.screen.query_one("#discard-draft", Static).render())
        await pilot.press(*"delete", "enter")
        assert isinstance(app.screen, DiscardDialog)
        assert "Type the word discard" in str(
            app.screen.query_one("#discard-problem", Static).render())
        app.screen.query_one("#discard-word", Input).value = ""
        await pilot.press(*"Discard", "enter")
        await wait_until(pilot, lambda: app.screen is screen and len(screen.drafts) == 2,
                         what="the draft gone from the list")
        counts = str(screen.query_one("#home-counts", Static).render())
        assert "2 drafts" in counts and "1 discarded" in counts
    statuses = {m.session_id: m.status for m in list_sessions(home)}
    assert statuses[ids["interview"]] == "discarded"
    device = open_device(home).unlock(PASSPHRASE.encode())
    with SessionStore.open(home / "sessions" / f"{ids['interview']}.ftj",
                           device.identity) as store:
        doc = store.document()
    assert doc["status"] == "discarded" and doc["respondent"] == "R-TEST-77"
    assert [e["type"] for e in doc["events"]] == ["discarded"]
    assert doc["answers"]  # nothing deleted


async def test_with_drafts_on_the_device_home_opens_on_the_drafts_list(tmp_path: Path) -> None:
    """After a crash the interviewer resumes: Enter must not start a new session instead."""
    home = make_home(tmp_path)
    make_drafts(home)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        await wait_until(pilot, lambda: len(screen.infos) == 3, what="the drafts read")
        assert screen.focused is screen.query_one("#drafts", OptionList)


async def test_a_discard_that_fails_says_why_and_keeps_the_draft(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = make_home(tmp_path)
    ids = make_drafts(home)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        await wait_until(pilot, lambda: len(screen.infos) == 3, what="the drafts read")

        def refuse(meta: Any, device: Any) -> None:
            raise FieldtuiError("the draft is open in another fieldtui", "close it there first")

        monkeypatch.setattr(app.access, "discard", refuse)
        drafts = screen.query_one("#drafts", OptionList)
        drafts.highlighted = drafts.get_option_index(f"draft:{ids['interview']}")
        await pilot.press("x")
        assert isinstance(app.screen, DiscardDialog)
        await pilot.press(*"discard", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MessageScreen),
                         what="the message saying why")
        message = app.screen
        assert message.title_text == "Cannot discard this draft"
        assert "open in another fieldtui" in str(
            message.query_one("#message-what", Static).render())
        assert "close it there first" in str(message.query_one("#message-todo", Static).render())
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen, what="back home")
        assert len(screen.drafts) == 3
    assert {m.session_id: m.status for m in list_sessions(home)}[ids["interview"]] == "draft"


async def test_once_the_last_draft_is_gone_the_keys_go_to_the_plans(tmp_path: Path) -> None:
    """The last draft resumed and completed (or discarded): home came back with the focus on
    the empty drafts list, '(no drafts to resume)', where ↑↓ and Enter did nothing."""
    home = make_home(tmp_path)
    device = open_device(home).unlock(PASSPHRASE.encode())
    plan = next(p for p in device.plans() if p.method == "interview")
    store = SessionStore.create(home, plan=plan, device=device)
    store.save_answer(plan.items[0].id, "In the reading room")
    session_id = store.session_id
    store.close()
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        await wait_until(pilot, lambda: len(screen.infos) == 1, what="the draft read")
        drafts = screen.query_one("#drafts", OptionList)
        assert screen.focused is drafts
        drafts.highlighted = drafts.get_option_index(f"draft:{session_id}")
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, DiscardDialog))
        await pilot.press(*"discard", "enter")
        await wait_until(pilot, lambda: app.screen is screen and not screen.drafts,
                         what="the draft gone from the list")
        await wait_until(pilot, lambda: screen.focused is screen.query_one("#plans", OptionList),
                         what="the plans list focused")
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__.endswith("PrepareScreen"),
                         what="a plan opened by Enter")


async def test_tab_with_no_drafts_keeps_the_keys_on_the_plans_and_says_why(
        tmp_path: Path) -> None:
    """Tab on a device with no drafts moved the focus to '(no drafts to resume)', where ↑↓
    and Enter then did nothing, with no word why."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        plans = screen.query_one("#plans", OptionList)
        await wait_until(pilot, lambda: screen.focused is plans, what="the plans list focused")
        await wait_until(pilot, lambda: screen.drafts_offered, what="the sessions listed")
        await pilot.press("tab")
        await pilot.pause()
        assert screen.focused is plans
        assert any("No drafts to resume" in str(n.message) for n in app._notifications)
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__.endswith("PrepareScreen"),
                         what="a plan opened by Enter")
