"""Pilot walks of an interview, from unlock to complete, checked against the real store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.plan.load import load_plan
from tests.conftest import PLANS
from tests.support.app_support import (
    burst,
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    unlock,
    wait_screen,
    wait_until,
)

LIBRARY = load_plan(PLANS / "interview-library.toml")

# item id -> (keys to press on it, the value the store must hold afterwards)
SCRIPT: dict[str, tuple[list[str], Any]] = {
    "setting": (list("Porch"), "Porch"),
    "years_area": (list("12"), 12),
    "member": (["2"], "No"),
    "last_visit": ([*"Bus", "ctrl+k"], "Bus"),
    "visits": (["3"], LIBRARY.item("visits").options[2]),
    "purposes": (["1", "2"], list(LIBRARY.item("purposes").options[:2])),
    "value": ([], None),  # skipped with a reason below
    "barrier_own": (list("Hours"), "Hours"),
    "barrier_others": (list("Cost"), "Cost"),
    "hours_fit": (["4"], 4),
    "one_change": (list("Late"), "Late"),
    "new_service": (["ctrl+k"], None),  # covered in talk, nothing typed
    "priority": (["1"], LIBRARY.item("priority").options[0]),
    "anything_else": ([], None),
    "age_band": (["2"], LIBRARY.item("age_band").options[1]),
    "interviewer_impression": (list("Open"), "Open"),
}


async def test_walk_an_interview_from_home_to_complete(tmp_path: Path) -> None:
    """Every answer, mark, note, skip and the wrap-up land in the store."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")  # the interview plan is listed first
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("tab", "space", "down", "space", "g")
        await wait_screen(pilot, "InterviewRunScreen")
        run: Any = app.screen
        assert [i.id for i in run.items] == list(SCRIPT)
        for item in LIBRARY.items:
            assert run.item.id == item.id
            await pilot.press(*SCRIPT[item.id][0])
            if item.id == "value":
                await pilot.press("ctrl+s")
                await wait_screen(pilot, "SkipDialog")
                await pilot.press("2")  # "Does not apply", then on to the next item
                await wait_until(pilot, lambda: run.item.id == "barrier_own", what="skip")
                continue
            if item.id == "barrier_own":
                await pilot.press("ctrl+o")
                await wait_screen(pilot, "NoteDialog")
                await pilot.press(*"Shifts", "ctrl+s")
                await wait_screen(pilot, "InterviewRunScreen")
            await pilot.press("ctrl+n")
        await wait_screen(pilot, "WrapUpScreen")
        missing = app.screen.query_one("#wrapup-missing", Static)
        await wait_until(pilot, lambda: "Key points not covered" in str(missing.render()),
                         what="wrap-up lists")
        listed = str(missing.render())
        # The skipped key point is the only one missing; no required item is unanswered.
        assert LIBRARY.item("value").prompt in listed
        assert LIBRARY.item("barrier_others").prompt not in listed
        assert "✓ every required item" in listed
        await pilot.press(*"Good", "ctrl+g")
        await wait_screen(pilot, "HomeScreen")
        await flush(app)
        await wait_until(pilot, lambda: "✓ 1 complete" in str(
            app.screen.query_one("#home-counts", Static).render()), what="counts")

    [doc] = documents(home)
    assert doc["status"] == "complete"
    assert doc["respondent"] == "R-TEST-01"
    assert doc["checklist"] == list(LIBRARY.checklist[:2])
    [consent] = doc["consent"]
    assert consent["given"] is True
    assert consent["text_hash"] == sha256_hex(LIBRARY.consent_text.encode())
    answers = doc["answers"]
    for item_id, (_keys, value) in SCRIPT.items():
        if value is not None:
            assert answers[item_id]["value"] == value, item_id
    assert answers["value"]["skipped"] is True
    assert answers["value"]["skip_reason"] == "Does not apply"
    assert answers["last_visit"]["key_covered"] is True
    assert answers["new_service"]["key_covered"] is True
    assert "anything_else" not in answers or not answers["anything_else"]["value"]
    assert [(n["item_id"], n["text"]) for n in doc["notes"]] == [("barrier_own",
                                                                 "Shifts")]
    assert doc["reflections"] == "Good"
    kinds = {e["type"] for e in doc["events"]}
    assert {"consent", "nav", "answer", "key", "note", "skip", "section", "complete"} <= kinds
    sections_left = [e["section_id"] for e in doc["events"] if e["type"] == "section"]
    assert sections_left == [s.id for s in LIBRARY.sections[:-1]]


async def test_keys_in_a_burst_land_in_the_right_items(tmp_path: Path) -> None:
    """Text typed just before Ctrl+N, and keys just after it, are not lost or misplaced."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = await start_interview(pilot)
        burst(app, *"Porch", "ctrl+n", "7", "enter", "1", "enter", *"On foot", "ctrl+o",
              *"Shy at first", "ctrl+s", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "visits", what="four moves")
        await flush(app)
        await pilot.press("ctrl+q")
    [doc] = documents(home)
    answers = {k: v["value"] for k, v in doc["answers"].items()}
    assert answers == {"setting": "Porch", "years_area": 7, "member": "Yes",
                       "last_visit": "On foot"}
    assert [(n["item_id"], n["text"]) for n in doc["notes"]] == [("last_visit",
                                                                 "Shy at first")]
    assert doc["position"]["item_id"] == "visits"


async def test_declined_consent_is_saved_as_a_refusal(tmp_path: Path) -> None:
    """D on the prepare screen, confirmed with y, ends the session as refused, with the consent
    record."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("d", "y")
        await wait_screen(pilot, "HomeScreen")
        await flush(app)
        await wait_until(pilot, lambda: "✗ 1 refused" in str(
            app.screen.query_one("#home-counts", Static).render()), what="counts")
    [doc] = documents(home)
    assert doc["status"] == "refused"
    assert [c["given"] for c in doc["consent"]] == [False]
    assert [e["type"] for e in doc["events"]] == ["consent", "refused"]
    assert doc["answers"] == {}
