"""The footers a person meets in the interview, poll and meeting run screens fit 80 columns
in English and Chinese, every key's label whole, each key the step needs in view.

The field walk found the interview's footer cut at 80 columns ("… ^w Why f") on a choice
in a section with an item not asked. Each step here is reached with the keys an interviewer
presses, one app walking on from step to step; the footer is read as the terminal shows it (the screen's last row) and as widgets
(each key wholly inside the 80 columns, none under another).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.i18n import _
from fieldtui.core.plan.load import load_plan
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import make_app, make_home, unlock, wait_screen, wait_until
from tests.support.chinese_walk import app_on, chinese
from tests.support.footer_fit import fits
from tests.support.household_screens import at_household_size, household_run
from tests.support.paths import FIXTURES
from tests.support.screen_text import screen_lines

__all__ = ["chinese"]  # the fixture

Reach = Callable[[Pilot[Any]], Awaitable[Any]]

# What every item of an interview offers (Why only where the outline dims an item, Key✓
# only on a key point; a choice's number keys are named by its box's title)
ITEM_KEYS = {"ctrl+n", "ctrl+b", "ctrl+g", "ctrl+o", "ctrl+s", "ctrl+f", "f1"}
MEMBER_LIST = {"shift+up", "shift+down", "ctrl+n", "ctrl+b", "ctrl+g", "ctrl+f", "f1"}
NOT_ON_ITEMS = {"ctrl+k", "ctrl+w"}


async def jump_to(pilot: Pilot[Any], section: int) -> Any:
    """Jump (Ctrl+G) forward to `section` (1-based) from the section the run screen is in
    (the dialog opens on it)."""
    run: Any = pilot.app.screen
    ids = [s.id for s in run.plan.sections]
    here = ids.index(run.walk.sections[run.step.section].id)
    await pilot.press("ctrl+g")
    await wait_screen(pilot, "JumpDialog")
    await pilot.press(*["down"] * (section - 1 - here), "enter")
    await wait_screen(pilot, "InterviewRunScreen")
    await wait_until(pilot, lambda: run.walk.sections[run.step.section].id
                     == ids[section - 1], what=f"section {section}")
    return run


def said(pilot: Pilot[Any], words: str) -> None:
    """`words` are on the screen, whole."""
    lines = screen_lines(pilot.app)
    assert any(words in line for line in lines), (words, lines)


async def first_item(pilot: Pilot[Any]) -> None:
    await household_run(pilot)


async def member_list(pilot: Pilot[Any]) -> None:
    """The household's member list, sized by the answer 2."""
    run = await jump_to(pilot, 2)
    await pilot.press("2", "enter")
    await wait_until(pilot, lambda: run.step.is_roster, what="the member list")


async def choice_not_asked(pilot: Pilot[Any]) -> None:
    """The water source: a choice (1-9) in a section with an item not asked (Why)."""
    run = await jump_to(pilot, 5)
    await wait_until(pilot, lambda: run.step.item_id == "water_source" and run.footer_why,
                     what="the water source, its follow-up dimmed")
    await pilot.pause()
    said(pilot, _("Press the number of the answer"))  # the number keys, not in the footer


async def outline_focused(pilot: Pilot[Any]) -> None:
    """Tab to the outline from the water source (a key point, an item dimmed): the field
    walk read "w Why not asked esc Back to the item ^n Next … ^s Skip", Finish and Help
    pushed off the edge."""
    run: Any = pilot.app.screen
    await pilot.press("tab")
    await wait_until(pilot, lambda: run.focused is run.query_one("#outline"),
                     what="the outline focused")


async def several_not_asked(pilot: Pilot[Any]) -> None:
    """The assets: several choices, the phone count dimmed (from the water source)."""
    run: Any = pilot.app.screen
    await pilot.press("1", "enter")
    await wait_until(pilot, lambda: run.step.item_id == "assets" and run.footer_why,
                     what="the assets, the phone count dimmed")
    await pilot.pause()
    said(pilot, _("Press the numbers of every answer that applies"))


async def note_item(pilot: Pilot[Any]) -> None:
    """The read-back note of the last section."""
    run = await jump_to(pilot, 6)
    await wait_until(pilot, lambda: run.step.item_id == "readback", what="the read-back")


async def note_dialog(pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+o")
    await wait_screen(pilot, "NoteDialog")


async def wrapup(pilot: Pilot[Any]) -> None:
    """The wrap-up, from the item the note dialog (closed here) was opened on."""
    await pilot.press("escape")
    await wait_screen(pilot, "InterviewRunScreen")
    await pilot.press("ctrl+f")
    await wait_screen(pilot, "WrapUpScreen")


async def open_member_list(pilot: Pilot[Any]) -> None:
    """A member list the interviewer fills (a/d add and remove): Ana's clinic visits."""
    run = await at_household_size(pilot)
    await pilot.press("2", "enter")
    await wait_until(pilot, lambda: run.step.is_roster, what="the household's member list")
    await pilot.press("enter")
    await wait_until(pilot, lambda: run.step.item_id == "name", what="the first name")
    await pilot.press(*"Ana", "ctrl+n")
    await wait_until(pilot, lambda: run.step.item_id == "age", what="the age")
    await pilot.press(*"30", "enter")
    await wait_until(pilot, lambda: run.step.item_id == "clinic_visits", what="the visits")
    await pilot.press("2", "enter")
    await wait_until(pilot, lambda: run.step.is_roster, what="the clinic visits list")


async def poll_choice(pilot: Pilot[Any]) -> None:
    """The poll's first item, a choice, consent given."""
    await unlock(pilot)
    home: Any = pilot.app.screen
    plans = home.query_one("#plans", OptionList)
    device = home.device
    index = next(i for i, p in enumerate(device.plans()) if p.method == "poll")
    plans.highlighted = plans.get_option_index(f"plan:{index}")
    await pilot.press("enter")
    await wait_screen(pilot, "PollPrepareScreen")
    await pilot.press("s")
    await wait_screen(pilot, "PollRunScreen")
    await pilot.press("y")
    run: Any = pilot.app.screen
    await wait_until(pilot, lambda: run.index == 0, what="the poll's first item")


async def poll_number(pilot: Pilot[Any]) -> None:
    """The poll's second item, a number, reached by answering the first."""
    run: Any = pilot.app.screen
    await pilot.press("1")
    await wait_until(pilot, lambda: run.index == 1, what="the poll's second item")


async def meeting(pilot: Pilot[Any]) -> None:
    app: Any = pilot.app
    await unlock(pilot)
    plan = next(p for p in app.device.plans() if p.method == "group")
    store = SessionStore.create(app.device.home, plan=plan, device=app.device)
    store.set_participants([{"id": f"P{n}", "label": name, "attributes": {},
                             "informed": True} for n, name in ((1, "Ann"), (2, "Bea"))])
    for person in ("P1", "P2"):
        store.record_consent(person, True, sha256_hex(plan.consent_text.encode()))
    app.open_sessions.append(store)
    app.push_screen(GroupRunScreen(plan, app.device, store))
    await wait_screen(pilot, "GroupRunScreen")
    await pilot.press("1", "n")  # someone speaks; on the second section


# A step: its name, how it is reached from the step before it in its walk (the first from
# the app's start), the keys its footer shows, the keys it does not. One app walks each
# list, as an interviewer moves through the screens.
Step = tuple[str, Reach, set[str], set[str]]
WALKS: dict[str, list[Step]] = {
    "interview": [
        ("first item", first_item, ITEM_KEYS, NOT_ON_ITEMS),
        ("member list", member_list, MEMBER_LIST, {"a", "d", "ctrl+o", "ctrl+s", "ctrl+k"}),
        ("choice, an item not asked", choice_not_asked, ITEM_KEYS | NOT_ON_ITEMS, set()),
        ("several choices, an item not asked", several_not_asked, ITEM_KEYS | NOT_ON_ITEMS,
         set()),
        ("note item", note_item, ITEM_KEYS, NOT_ON_ITEMS),
        ("note dialog", note_dialog, {"ctrl+s", "escape"}, set()),
        ("wrap-up", wrapup, {"ctrl+g", "escape", "f1"}, set()),
    ],
    "outline": [
        ("first item", first_item, ITEM_KEYS, NOT_ON_ITEMS),
        ("choice, an item not asked", choice_not_asked, ITEM_KEYS | NOT_ON_ITEMS, set()),
        ("the outline focused", outline_focused, ITEM_KEYS | {"ctrl+k", "w"}, set()),
    ],
    "member list to fill": [
        ("member list to fill", open_member_list, MEMBER_LIST | {"a", "d"},
         {"ctrl+o", "ctrl+s", "ctrl+k"}),
    ],
    "poll": [
        ("poll choice", poll_choice, {"enter", "s", "b", "x", "e", "f1"}, set()),
        ("poll number", poll_number, {"s", "b", "x", "e", "f1"}, set()),
    ],
    "meeting": [
        ("meeting", meeting, {"1", "p", "o", "q", "n", "b", "e", "escape", "f1"}, set()),
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("walk", list(WALKS))
async def test_run_footer_fits_80_columns_with_every_key_whole(
        tmp_path: Path, request: pytest.FixtureRequest, lang: str, walk: str) -> None:
    if lang == "zh":
        request.getfixturevalue("chinese")
    app = make_app(make_home(tmp_path))
    wrong: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for step, reach, expected, absent in WALKS[walk]:
            await reach(pilot)
            await pilot.pause()
            try:
                shown = await fits(pilot, expected)
                assert not absent & shown, sorted(shown)
            except AssertionError as error:  # the footer is wrong here: on to the next
                wrong.append(f"{step}: {error}")
    assert wrong == []


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_poll_member_list_footer_fits_80_columns(
        request: pytest.FixtureRequest, lang: str) -> None:
    """A poll's member list: its keys (a/d, ⇧↑/⇧↓) beside the poll's, whole at 80 columns."""
    if lang == "zh":
        request.getfixturevalue("chinese")
    plan = load_plan(FIXTURES / "poll_roster.toml")
    app = app_on(FIXTURES / "poll_roster.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        run = PollRunScreen(plan, app.device)
        await app.push_screen(run)
        await wait_until(pilot, lambda: run.step is not None and run.step.is_roster,
                         what="the member list")
        await fits(pilot, {"a", "d", "shift+up", "shift+down", "enter", "b", "x", "e", "f1"})
