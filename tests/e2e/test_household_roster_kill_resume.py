"""A real 80x24 terminal (TERM=xterm, NO_COLOR=1) through a household roster: members added
on the member list, kill -9 in the middle of the second member, and the restart reopens on
the same member and item with everything typed before."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.app_support import PASSPHRASE
from tests.support.e2e_waits import wait_gone, wait_store
from tests.support.household_logic_walk import household_home
from tests.support.tmux_driver import Tmux

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not Tmux.available(), reason="tmux is not installed")]



@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A private tmux server, killed whatever happens."""
    server = Tmux()
    try:
        yield server
    finally:
        server.kill_server()


def value(doc: dict[str, object], key: str) -> object:
    answers = doc["answers"]
    assert isinstance(answers, dict)
    row = answers.get(key) or {}
    return row.get("value")


def test_kill_in_a_roster_resumes_on_the_same_member_and_item(tmp_path: Path,
                                                              tmux: Tmux) -> None:
    home = household_home(tmp_path)
    env = {"FIELDTUI_HOME": str(home), "FIELDTUI_TEST_WEAK_KDF": "1", "TERM": "xterm",
           "NO_COLOR": "1", "PYTEST_CURRENT_TEST": "e2e"}
    app = [sys.executable, "-m", "fieldtui"]

    tmux.start(app, env)
    tmux.wait_for("Type your passphrase")
    tmux.text(PASSPHRASE)
    tmux.keys("Enter")
    tmux.wait_for("Start a new session")
    tmux.keys("Enter")
    tmux.wait_for("Start (consent given)")
    tmux.keys("g")
    tmux.wait_for("Q 1/")
    tmux.text("Ada")
    tmux.keys("C-n")
    tmux.wait_for("Ada's household")
    tmux.keys("1", "Enter")  # piped water: "Where else" is not asked
    tmux.wait_for("How many rooms")
    tmux.text("2")
    tmux.keys("Enter")
    tmux.wait_for("On which day")
    tmux.text("2026-03-14")
    tmux.keys("C-n")
    tmux.wait_for("At what time")
    tmux.text("10:30")
    tmux.keys("C-n")
    tmux.wait_for("No members yet")
    tmux.keys("a")
    tmux.wait_for("Member 1 of 1")
    tmux.text("Ana")
    tmux.keys("C-n")
    tmux.wait_for("How old is Ana?")
    tmux.text("34")
    tmux.keys("Enter")
    tmux.wait_for("People · 1 member")
    tmux.keys("a")
    tmux.wait_for("Member 2 of 2")
    tmux.text("Ben")
    tmux.keys("C-n")
    # in one look (a look while the screen is still being drawn may hold part of it)
    tmux.wait_for(lambda screen: "How old is Ben?" in screen and "Member 2 of 2: Ben" in screen)
    tmux.text("12")
    # Saved as typed (debounced), in the middle of the second member: pull the plug.
    wait_store(home, lambda d: value(d, "age#m2") == 12
               and (d.get("position") or {}).get("member") == "m2")
    pid = tmux.pid()
    os.kill(pid, signal.SIGKILL)
    wait_gone(pid)
    tmux.kill_server()

    tmux.start(app, env)
    tmux.wait_for("Type your passphrase")
    tmux.text(PASSPHRASE)
    tmux.keys("Enter")
    tmux.wait_for("↻")  # the draft is listed
    tmux.keys("Enter")
    # the interview's own caption: Home's draft row names the item too ("How old is Ben?")
    tmux.wait_for(lambda screen: "Member 2 of 2: Ben" in screen
                  and "How old is Ben?" in screen and "12" in screen)
    tmux.keys("Enter")
    tmux.wait_for("Does Ben go to school?")  # a child: asked
    tmux.keys("1", "Enter")
    tmux.wait_for("People · 2 members")
    tmux.keys("Enter")  # on past the people: the rooms, sized by the answer (2)
    tmux.wait_for("Rooms · 2 entries")
    tmux.keys("Enter")
    tmux.wait_for("Entry 1 of 2")
    tmux.keys("1", "Enter")
    tmux.wait_for("Entry 2 of 2")
    tmux.keys("3", "Enter")
    tmux.wait_for("anything else")
    tmux.keys("C-f")
    tmux.wait_for("Wrap-up")
    tmux.keys("C-g")
    doc = wait_store(home, lambda d: d["status"] == "complete")
    assert doc["rosters"] == {"people": {"": ["m1", "m2"]}, "room_use": {"": ["m1", "m2"]}}
    assert [value(doc, k) for k in ("name#m1", "age#m1", "name#m2", "age#m2", "school#m2")
            ] == ["Ana", 34, "Ben", 12, "Yes"]
    assert value(doc, "use#m1") == ["sleep"] and value(doc, "crowded") == "yes"
