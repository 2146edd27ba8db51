"""A poll walked from its prepare screen to home: anonymous sessions, one per respondent."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.widgets import Input

from fieldtui.core.plan.load import load_plan
from fieldtui.core.selection import recorded_start
from fieldtui.store.home import DeviceHome
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, poll_plan, stored_documents
from tests.support.paths import FIXTURES


async def test_two_respondents_are_two_anonymous_sessions(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(PollPrepareScreen(poll_plan(), device))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, PollRunScreen)
        # Respondent 1: option 2, then scale point 4.
        await pilot.press("2", "4")
        # "saved" only once the writer saved it
        await wait_until(pilot, lambda: "Thank you" in str(app.screen.query_one("#prompt").render()))
        # Between respondents the item keys (s, b, x) are not offered.
        run: Any = app.screen
        assert [run.check_action(a, ()) for a in ("no_answer", "back", "stop_respondent",
                                                   "confirm", "end")] == [False] * 3 + [True] * 2
        # Respondent 2: no answer to the first, back, then option 1, then 5.
        await pilot.press("enter", "s", "b", "1", "5")
        await pilot.press("e")
        await app.settle()
        # the screen leaves once its own worker saw every save through (poll/respondents.py _leave)
        await wait_until(pilot, lambda: not isinstance(app.screen, PollRunScreen),
                         what="the poll screen to close")
        assert app.failures == []
    docs = stored_documents(device)
    assert [d["status"] for d in docs] == ["complete", "complete"]
    answers = [{k: v["value"] for k, v in d["answers"].items()} for d in docs]
    assert answers == [{"weekly": "1 to 2 days", "distance": 4},
                       {"weekly": "None", "distance": 5}]
    for doc in docs:
        assert doc["method"] == "poll"
        assert doc["respondent"] is None
        assert doc["consent"] == [] and doc["participants"] == [] and doc["notes"] == []


async def test_a_respondent_who_stops_is_kept_as_refused(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(PollRunScreen(poll_plan(), device))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "x", "y")
        await wait_until(pilot, lambda: "Thank you" in str(app.screen.query_one("#prompt").render()))
        await pilot.press("e")
        await app.settle()
        await pilot.pause()
    (doc,) = stored_documents(device)
    assert doc["status"] == "refused"
    assert doc["answers"]["weekly"]["value"] == "3 to 5 days"


async def test_a_plan_whose_check_has_errors_cannot_start(
        isolated_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "poll.toml"
    shutil.copy(FIXTURES / "poll_bins.toml", path)
    plan = load_plan(path)
    # The file changed since the plan was loaded: the prepare screen checks it again.
    shutil.copy(FIXTURES / "poll_broken.toml", path)
    app = HostApp(PollPrepareScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, PollPrepareScreen)
        status = str(app.screen.query_one("#status").render())
        assert "2 errors" in status and "cannot start" in status
        findings = [str(w.render()) for w in app.screen.query(".finding")]
        assert any("open-in-poll" in f for f in findings)
        assert any("missing-options" in f for f in findings)
    assert not (isolated_home / "sessions").exists() or not any(
        (isolated_home / "sessions").iterdir())


async def test_multi_and_number_items_and_resuming_a_respondent(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    plan = load_plan(FIXTURES / "poll_mixed.toml")
    app = HostApp(PollRunScreen(plan, device))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # nothing ticked yet: a hint, no answer saved
        assert "item 1 of 3" in str(app.screen.query_one("#top").render())
        await pilot.press("1", "3", "3", "4", "enter")  # tick Bus, Bicycle; untick it; Car
        await pilot.press("1", "2", "0", "enter")
        assert "At most 100" in " ".join(
            str(n.message) for n in app._notifications)
        await pilot.press("s")  # letters reach the screen's keys even in the number field
        assert "item 3 of 3" in str(app.screen.query_one("#top").render())
        await pilot.press("1", "1", "enter")  # an 11-point scale: the value is typed
        assert "item 3 of 3" in str(app.screen.query_one("#top").render())  # no option 11
        await pilot.press("1", "0", "enter")
        await wait_until(pilot, lambda: "Thank you" in str(
            app.screen.query_one("#prompt").render()), what="the thank-you (saved)")
        await pilot.press("enter", "2", "enter", "7")  # respondent 2 stops after 7 typed
        await app.settle()
    first, second = stored_documents(device)
    assert first["status"] == "complete"
    assert first["answers"]["modes"]["value"] == ["Bus", "Car"]
    assert first["answers"]["trips"] == {**first["answers"]["trips"], "value": None,
                                         "skipped": True}
    assert first["answers"]["recommend"]["value"] == 10
    assert second["status"] == "draft" and "trips" not in second["answers"]

    # Reopened from home, respondent 2 goes on at the item they had not answered.
    reopened = SessionStore.open(DeviceHome(isolated_home).store(second["session_id"]),
                                 device.identity)
    app = HostApp(PollRunScreen(plan, device, reopened))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "item 2 of 3" in str(app.screen.query_one("#top").render())
        await pilot.press("1", "2", "enter", "0", "enter")
        await wait_until(pilot, lambda: "Thank you" in str(
            app.screen.query_one("#prompt").render()), what="the thank-you (saved)")
        await pilot.press("e")
        await app.settle()
    docs = stored_documents(device)
    assert docs[1]["status"] == "complete"
    assert docs[1]["answers"]["modes"]["value"] == ["Train"]
    assert docs[1]["answers"]["trips"]["value"] == 12
    assert docs[1]["answers"]["recommend"]["value"] == 0


async def test_number_field_shows_the_range_and_unit(isolated_home: Path) -> None:
    plan = load_plan(FIXTURES / "poll_mixed.toml")
    app = HostApp(PollRunScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")  # the multi item, to reach the number item
        assert "item 2 of 3" in str(app.screen.query_one("#top").render())
        assert app.screen.query_one("#number", Input).placeholder == "0–100 trips, then Enter"
        await pilot.press("s")  # the typed 0–10 scale has no unit or plan range to show
        assert app.screen.query_one("#number", Input).placeholder == "a number, then Enter"


async def test_a_random_selection_shows_its_drawn_start_and_records_it(
        isolated_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "poll.toml"
    text = (FIXTURES / "poll_bins.toml").read_text("utf-8")
    path.write_text(text.replace("[poll]\n", "[poll]\nevery = 5\nselection = \"Doors on "
                                 "the left side of the street.\"\n", 1), "utf-8")
    plan = load_plan(path)
    assert plan.poll is not None and (plan.poll.every, plan.poll.selection) == (
        5, "Doors on the left side of the street.")
    device = DeviceStub(isolated_home)
    prepare = PollPrepareScreen(plan, device)
    assert prepare.selection is not None
    start, every = prepare.selection
    assert every == 5 and 1 <= start <= 5
    app = HostApp(prepare)
    async with app.run_test(size=(80, 24)) as pilot:
        about = str(app.screen.query_one("#about").render())
        assert f"start at number {start}, then every 5th ({start}, {start + 5}," in about
        assert "Doors on the left side" in about
        await pilot.press("s")
        assert isinstance(app.screen, PollRunScreen)
        await pilot.press("2", "4")
        await wait_until(pilot, lambda: "Thank you" in str(app.screen.query_one("#prompt").render()))
        await pilot.press("enter", "1", "5", "e")
        await app.settle()
        await pilot.pause()
    docs = stored_documents(device)
    assert len(docs) == 2
    assert [recorded_start(d) for d in docs] == [(start, 5), (start, 5)]
