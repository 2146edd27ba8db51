"""Next and Back inside a roster lay the screen out no more than the move needs (counted by
the screen's layout signal, never timed).

Between two items of a member, or from a member's last item to the next member's first,
with the same kind of entry, nothing changes size: no layout at all (the outline moves its
▸ in place, the entry is refilled, the footer keeps its keys). Between the member list and
a member's first item the entry box, the outline's rows and the footer's keys all change:
the move is laid out once, footer and all, and Textual lays out once more because sizes
changed (its second pass, on the new sizes); the footer's keys are rewritten in the key
widgets it has, never removed and mounted again (which cost a layout each after the paint).
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from textual.widgets._footer import FooterKey

from fieldtui.core.plan.load import parse_plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.interview.run import InterviewRunScreen
from fieldtui.tui.widgets.member_list import MemberList
from fieldtui.tui.widgets.steady_footer import shown_keys
from tests.support.app_support import wait_until
from tests.support.fakes import FakeStore
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.layout_probe import count_layouts

PLAN = """
[plan]
id = "roster-moves"
version = 1
title = "Who lives here"
method = "interview"
language = "en"
minutes = 10

[[section]]
id = "people"
title = "People"
minutes = 8
repeat = true
member_label = "${name}"

[[section.item]]
id = "name"
kind = "open"
prompt = "What is the name of this person?"

[[section.item]]
id = "job"
kind = "open"
prompt = "What does ${name} do for a living?"

[[section]]
id = "end"
title = "Closing"
minutes = 2

[[section.item]]
id = "remark"
kind = "open"
prompt = "Anything else?"
"""

# A layout for the move, and Textual's second pass once sizes changed.
LIST_MOVE_LAYOUTS = 2


def answer(value: Any, member: str, item_id: str) -> dict[str, Any]:
    return {"value": value, "skipped": False, "skip_reason": "", "item_id": item_id,
            "member": member}


def roster_run() -> tuple[HostApp, InterviewRunScreen]:
    """Two people named, each with a job; the interview on the people's list."""
    plan = parse_plan(PLAN, "roster-moves").plan
    assert plan is not None
    store = FakeStore(plan, uuid.uuid4().hex)
    store.doc["answers"] = {
        f"{item}#{member}": answer(value, member, item)
        for member, (name, job) in (("m1", ("Ana", "Baker")), ("m2", ("Ben", "Nurse")))
        for item, value in (("name", name), ("job", job))}
    store.doc["rosters"] = {"people": {"": ["m1", "m2"]}}
    store.doc["position"] = {"section_id": "people", "roster": True}

    class Host(HostApp):
        CSS_PATH = FieldtuiApp.CSS_PATH  # the run screen as the app styles it
        clock = staticmethod(time.monotonic)

    screen = InterviewRunScreen(plan, DeviceStub(Path("/nonexistent")), store)
    return Host(screen), screen


def footer_state(run: InterviewRunScreen) -> list[tuple[str, str, bool]]:
    """The keys the footer shows: key, words, dimmed."""
    footer: Any = run.query_one("SteadyFooter")
    return [(k.key, k.description, k.has_class("-disabled")) for k in shown_keys(footer)]


async def settled(pilot: Any) -> None:
    for _ in range(4):
        await pilot.pause()


async def move(pilot: Any, run: InterviewRunScreen, key: str, item_id: str | None,
               member: str) -> int:
    """Press `key`, wait for the step, and return the layouts it took."""
    layouts = count_layouts(run)
    await pilot.press(key)
    await wait_until(pilot, lambda: run.step.item_id == item_id
                     and run.step.member == member, what=f"{item_id} of {member}")
    await settled(pilot)
    run.screen_layout_refresh_signal.unsubscribe(run)
    return len(layouts)


async def test_moves_inside_a_roster_lay_out_only_what_changes_size() -> None:
    app, run = roster_run()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: run.step.is_roster, what="the people's list")
        await settled(pilot)
        # Once through, so every entry and key widget this walk needs exists.
        await move(pilot, run, "ctrl+n", "name", "m1")
        await move(pilot, run, "ctrl+b", None, "")
        footer: Any = run.query_one("SteadyFooter")
        key_widgets = list(run.query(FooterKey))
        on_list = footer_state(run)

        assert await move(pilot, run, "ctrl+n", "name", "m1") == LIST_MOVE_LAYOUTS
        on_item = footer_state(run)
        assert on_item != on_list and ("ctrl+s", "Skip", False) in on_item
        # A member's items, and across to the next member: the same entry, refilled.
        assert await move(pilot, run, "ctrl+n", "job", "m1") == 0
        assert await move(pilot, run, "ctrl+n", "name", "m2") == 0
        assert await move(pilot, run, "ctrl+b", "job", "m1") == 0
        assert await move(pilot, run, "ctrl+b", "name", "m1") == 0
        assert footer_state(run) == on_item
        assert "Ben" not in str(run.query_one("#item-text").render())
        assert await move(pilot, run, "ctrl+b", None, "") == LIST_MOVE_LAYOUTS
        assert footer_state(run) == on_list
        assert run.query_one(MemberList).display
        # No key widget was removed or mounted on these moves.
        assert list(run.query(FooterKey)) == key_widgets
        # What the footer shows is what Textual's footer, built anew, would show.
        footer.refresh(recompose=True)
        await settled(pilot)
        assert footer_state(run) == on_list


async def test_the_outline_moves_its_marker_in_place_between_members() -> None:
    """The outline lists the member's items: from one member to the next its rows stay as
    many (no layout), the ▸ on the item asked."""
    app, run = roster_run()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: run.step.is_roster, what="the people's list")
        await settled(pilot)
        await move(pilot, run, "ctrl+n", "name", "m1")
        await move(pilot, run, "ctrl+n", "job", "m1")
        outline: Any = run.query_one("#outline")
        height = outline.outer_size.height
        assert await move(pilot, run, "ctrl+n", "name", "m2") == 0
        assert outline.outer_size.height == height
        rows = [" ".join(text for text, _style in row) for row in outline.rows]
        assert any(r.startswith("  ▸ What is the name") for r in rows)
        assert any(r.startswith("  ✓ What does Ben do") for r in rows)
