"""fieldtui stopped (a crash, a power cut) while a lower count was being typed: the count
was saved as typed, the roster never left. Reopened, the members holding answers stay in
the roster and leaving the count asks, as it would have; they were cut in silence before."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from fieldtui.tui.screens.count_question import stopped_notice
from tests.support.app_support import documents, flush, make_app, make_home, unlock, wait_until
from tests.support.household_logic_walk import at
from tests.support.household_screens import at_household_size
from tests.support.logic_plans import row


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home left as `stopped_while_typing_4` leaves it: built once, copied by each test."""
    with pytest.MonkeyPatch.context() as patch:  # before the per-test autouse fixture
        patch.setenv("FIELDTUI_TEST_WEAK_KDF", "1")
        home = make_home(tmp_path_factory.mktemp("crashed"))
        asyncio.run(stopped_while_typing_4(home, patch))
    return home


def copy_of(crashed: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(crashed, tmp_path / "home"))


async def stopped_while_typing_4(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Six members, m5 and m6 named; 4 typed into the household size and saved; then the
    app stops before the count is left (its last save never runs, as in a crash)."""
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("6", "ctrl+n")
        await wait_until(pilot, lambda: len(run.walk.members("members")) == 6, what="6")
        for member, name in (("m5", "Eve"), ("m6", "Fay")):
            await run.go_to(run.walk.find("name", member))
            await wait_until(pilot, lambda m=member: at(run, "name", m), what=member)
            await pilot.press(*name, "ctrl+n")
            await wait_until(pilot, lambda n=name, m=member: run.walk.value("name", m) == n,
                             what=name)
        await run.go_to(run.walk.find("household_size"), check=False)
        await wait_until(pilot, lambda: at(run, "household_size"), what="the size again")
        run.entries.shown.value = ""
        await pilot.press("4")
        await wait_until(pilot, lambda: run.walk.value("household_size") == 4, what="4 typed")
        await pilot.pause(0.5)  # past the typing pause: what the entry holds is saved
        await flush(app)
        monkeypatch.setattr(run, "save_typing", lambda store: None)  # the crash
    [doc] = documents(home)
    assert doc["answers"]["household_size"]["value"] == 4
    assert len(doc["rosters"]["members"][""]) == 6


async def resumed(pilot: Any) -> Any:
    await unlock(pilot)
    await wait_until(pilot, lambda: len(pilot.app.screen.infos) == 1, what="the draft")
    await pilot.press("enter")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "InterviewRunScreen",
                     what="the interview resumed")
    return pilot.app.screen


async def test_reopened_the_members_stay_and_leaving_the_count_asks(
        tmp_path: Path, crashed: Path) -> None:
    home = copy_of(crashed, tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await resumed(pilot)
        assert run.walk.members("members")[4:] == ["m5", "m6"]  # not cut on opening
        def notices() -> str:
            return " ".join(str(n.message) for n in app._notifications)

        # the notice follows the screen's mount (a loaded machine: a moment later)
        await wait_until(pilot, lambda: "Eve, Fay stay in the roster" in notices(),
                         what="the notice")
        await run.go_to(run.walk.find("household_size"), check=False)
        await wait_until(pilot, lambda: at(run, "household_size"), what="the size")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question")
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Take 2 members out of the roster?" in text and "back to 6" in text, text
        await pilot.press("escape")  # keeps them: the count the stored roster had
        await wait_until(pilot, lambda: run.walk.value("household_size") == 6, what="6 again")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert not any("stay in the roster" in m for m in said), said
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["household_size"]["value"] == 6
    assert doc["rosters"]["members"][""][4:] == ["m5", "m6"]


async def test_reopened_yes_takes_them_out_as_before(
        tmp_path: Path, crashed: Path) -> None:
    home = copy_of(crashed, tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await resumed(pilot)
        await run.go_to(run.walk.find("household_size"), check=False)
        await wait_until(pilot, lambda: at(run, "household_size"), what="the size")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog",
                         what="the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: len(run.walk.members("members")) == 4, what="4")
        await pilot.pause()
        # answered: what reopening said ("Eve, Fay stay in the roster") is gone, not shown
        # beside "Taken out of the roster: Eve, Fay."
        said = [str(n.message) for n in app._notifications]
        assert "Taken out of the roster: Eve, Fay." in said, said
        assert not any("stay in the roster" in m for m in said), said
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["household_size"]["value"] == 4
    assert doc["rosters"]["members"][""] == ["m1", "m2", "m3", "m4"]
    assert doc["answers"]["name#m5"]["value"] == "Eve"  # kept aside, not deleted


NESTED = """
[plan]
id = "nested-count"
version = 1
title = "Others and their children"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "others"
title = "The others"
minutes = 2
repeat = true
repeat_count = "2"
member_label = "${oname}"

[[section.item]]
id = "oname"
kind = "open"
prompt = "First name of this other person?"

[[section.item]]
id = "kids"
kind = "number"
prompt = "How many children does ${oname} have at home, under eighteen years old?"

[[section]]
id = "children"
title = "Their children"
minutes = 2
repeat = true
within = "others"
repeat_count = "${kids}"
member_label = "${cname}"

[[section.item]]
id = "cname"
kind = "open"
prompt = "Name of ${oname}'s child?"
"""


def test_the_notice_says_the_question_as_asked_cut_at_a_word(tmp_path: Path) -> None:
    """Reopened with Al's children typed down from 2 to 1: the notice pipes Al's name into
    the question (it said "${oname}"), cuts it between words, and says "Cid stays"."""
    (tmp_path / "plan.toml").write_text(NESTED, encoding="utf-8")
    rows = {"oname#m1": row("oname", "Al", "m1"), "kids#m1": row("kids", 1, "m1"),
            "cname#m1/v1": row("cname", "Cal", "m1/v1"),
            "cname#m1/v2": row("cname", "Cid", "m1/v2")}
    walk = QuestionnaireWalk(load_plan(tmp_path / "plan.toml"), {
        "answers": rows, "rosters": {"others": {"": ["m1", "m2"]},
                                     "children": {"m1": ["v1", "v2"]}}}, typed_counts=True)
    assert walk.unsettled == {("kids", "m1"): 2}
    said = stopped_notice(walk, ("kids", "m1"), walk.leaving("kids", "m1", 1))
    assert said == ("fieldtui stopped while a count was being typed: Cid stays in the roster "
                    "until you leave \u201cHow many children does Al have at home, "
                    "under\u2026\u201d, which asks first."), said


async def test_reopened_the_count_typed_again_and_left_the_notice_goes(
        tmp_path: Path, crashed: Path) -> None:
    """6 typed again and Next: nothing is asked, and "Eve, Fay stay in the roster until you
    leave …" is gone (it stayed for ten seconds on the member list)."""
    home = copy_of(crashed, tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await resumed(pilot)
        await wait_until(pilot, lambda: at(run, "household_size"), what="the size")
        run.entries.shown.value = ""
        await pilot.press("6", "ctrl+n")
        await wait_until(pilot, lambda: not at(run, "household_size"), what="left")
        await pilot.pause()
        assert type(app.screen).__name__ == "InterviewRunScreen"
        said = [str(n.message) for n in app._notifications]
        assert not any("stay in the roster" in m for m in said), said
        assert run.walk.members("members")[4:] == ["m5", "m6"]
