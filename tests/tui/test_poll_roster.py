"""A poll with a household roster: the member list adds, removes (y/n) and reorders members,
each member's items say "Member 2 of 2: …", b crosses back over members, and a respondent
reopened after the app stopped goes on with the same member and item; the members reach
the dataset and the exports."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.plan.load import load_plan
from fieldtui.interop.exporter import Target, export_files
from fieldtui.store.home import DeviceHome
from fieldtui.store.session_store import SessionStore
from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.dataset_factory import load_documents, record_plans
from tests.support.group_poll_support import DeviceStub, HostApp, stored_documents
from tests.support.paths import FIXTURES

PLAN = load_plan(FIXTURES / "poll_roster.toml")


def prompt(run: Any) -> str:
    return str(run.query_one("#prompt", Static).render())


def on(run: Any, item_id: str | None, member: str = "") -> bool:
    step = run.step
    return step is not None and step.item_id == item_id and step.member == member


async def test_a_poll_roster_add_reorder_remove_back_and_resume(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(PollRunScreen(PLAN, device))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await wait_until(pilot, lambda: "0 members" in prompt(run), what="member list")
        await pilot.press("a")  # the first member, straight to their first item
        await wait_until(pilot, lambda: on(run, "relation", "m1"), what="member 1")
        assert "Member 1 of 1" in prompt(run)
        await pilot.press("1")  # Myself
        await wait_until(pilot, lambda: on(run, "age", "m1"), what="age 1")
        assert "Member 1 of 1: Myself" in prompt(run) and "(Myself)" in prompt(run)
        await pilot.press(*"40", "enter")
        await wait_until(pilot, lambda: "anyone else?" in prompt(run), what="add another")
        await pilot.press("a")
        await wait_until(pilot, lambda: on(run, "relation", "m2"), what="member 2")
        await pilot.press("3")  # My child
        await wait_until(pilot, lambda: on(run, "age", "m2"), what="age 2")
        assert "Member 2 of 2: My child" in prompt(run)
        assert "item 4 of 5" in str(run.query_one("#top", Static).render())
        # b goes back across members: member 2's first item, then member 1's last.
        await pilot.press("b", "b")
        await wait_until(pilot, lambda: on(run, "age", "m1"), what="back to member 1")
        assert "Member 1 of 2: Myself" in prompt(run)
        await pilot.press("enter", "enter")  # the saved answers stand
        await wait_until(pilot, lambda: on(run, "age", "m2"), what="on to member 2")
        await pilot.press(*"7", "enter")
        await wait_until(pilot, lambda: "anyone else?" in prompt(run), what="the list again")
        # Reorder: Myself (under the cursor) moves down; then remove them, after n and y.
        await pilot.press("shift+down")
        await wait_until(pilot, lambda: run.walk.members("people") == ["m2", "m1"],
                         what="reordered")
        await pilot.press("d")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("n")
        await wait_screen(pilot, "PollRunScreen")
        assert run.walk.members("people") == ["m2", "m1"]
        await pilot.press("d")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        await wait_until(pilot, lambda: run.walk.members("people") == ["m2"], what="removed")
        await pilot.press("a")  # another member; the app stops on their age
        await wait_until(pilot, lambda: on(run, "relation", "m3"), what="member 3")
        await pilot.press("2")
        await wait_until(pilot, lambda: on(run, "age", "m3"), what="age 3")
        assert "Member 2 of 2: My partner" in prompt(run)
        await app.settle()
    [doc] = stored_documents(device)
    assert doc["status"] == "draft" and doc["rosters"] == {"people": {"": ["m2", "m3"]}}
    assert doc["position"]["member"] == "m3" and doc["position"]["item_id"] == "age"
    actions = [e["action"] for e in doc["events"] if e["type"] == "roster"]
    assert actions == ["add", "add", "down", "remove", "add"]

    # Reopened (as after a kill): the same member and item.
    reopened = SessionStore.open(DeviceHome(isolated_home).store(doc["session_id"]),
                                 device.identity)
    app = HostApp(PollRunScreen(PLAN, device, reopened))
    async with app.run_test(size=(80, 24)) as pilot:
        run = app.screen
        await wait_until(pilot, lambda: on(run, "age", "m3"), what="resumed on member 2")
        assert "Member 2 of 2: My partner" in prompt(run)
        await pilot.press(*"38", "enter")
        await wait_until(pilot, lambda: "anyone else?" in prompt(run), what="the list")
        await pilot.press("enter")  # every member is listed
        await wait_until(pilot, lambda: on(run, "bus"), what="the last item")
        await pilot.press("1")
        await wait_until(pilot, lambda: run.step is None and not run.saving, what="thanks")
        await pilot.press("e")
        await app.settle()
    [doc] = stored_documents(device)
    answers = {k: a["value"] for k, a in doc["answers"].items()}
    assert doc["status"] == "complete"
    assert answers == {answer_key(i, m): v for (i, m), v in {
        ("relation", "m1"): "self", ("age", "m1"): 40, ("relation", "m2"): "child",
        ("age", "m2"): 7, ("relation", "m3"): "partner", ("age", "m3"): 38,
        ("bus", ""): "y"}.items()}

    # The respondent's members reach the dataset and the exports as an interview's do:
    # answers keyed by member (the removed member's answers out of the data), the roster
    # a long table keyed by session and member.
    conn = open_dataset(isolated_home / "d.sqlite", create=True)
    record_plans(conn, FIXTURES / "poll_roster.toml")
    load_documents(conn, [doc])
    rows = {(i, m): (v, asked) for i, m, v, asked in conn.execute(
        "SELECT item_id, member, value, asked FROM answers")}
    assert rows == {("relation", "m2"): ('"child"', 1), ("age", "m2"): ("7", 1),
                    ("relation", "m3"): ('"partner"', 1), ("age", "m3"): ("38", 1),
                    ("bus", ""): ('"y"', 1)}
    out = isolated_home / "export"
    out.mkdir()
    files = {p.name: p for p in export_files(conn, Target(out, "csv", [], True, False, "t"))}
    with files["rosters.csv"].open(encoding="utf-8") as handle:
        members = [(r["session_id"], r["roster"], r["member"], r["position"])
                   for r in csv.DictReader(handle)]
    sid = doc["session_id"]
    assert members == [(sid, "people", "m2", "1"), (sid, "people", "m3", "2")]
    with files["answers.csv"].open(encoding="utf-8") as handle:
        exported = {(r["item_id"], r["member"]): r["value"] for r in csv.DictReader(handle)}
    assert exported[("age", "m3")] == "38" and exported[("relation", "m2")] == "child"
    assert ("age", "m1") not in exported
