"""A real terminal: type an interview, kill -9 the app mid-way, restart, finish, read the store."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.app_support import PASSPHRASE, make_home
from tests.support.e2e_waits import wait_gone, wait_store
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


def answers(doc: dict[str, Any]) -> dict[str, Any]:
    """item id -> value."""
    return {k: v["value"] for k, v in doc["answers"].items()}


def test_kill_mid_interview_then_resume_and_finish(tmp_path: Path, tmux: Tmux) -> None:
    """What was typed before kill -9 is there after the restart, at the same item."""
    home = make_home(tmp_path)
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
    tmux.wait_for("Q 1/16")
    tmux.text("Porch")
    tmux.keys("C-n")
    tmux.wait_for("Q 2/16")
    tmux.text("12")
    tmux.keys("Enter")
    tmux.wait_for("Q 3/16")
    tmux.keys("2")
    tmux.wait_for("● No")
    tmux.keys("C-n")
    tmux.wait_for("Q 4/16")
    tmux.text("Came by bus")
    tmux.wait_for("Came by bus")
    # Saved as typed (debounced), without leaving the item: then pull the plug.
    wait_store(home, lambda d: answers(d).get("last_visit") == "Came by bus")
    pid = tmux.pid()
    os.kill(pid, signal.SIGKILL)
    wait_gone(pid)
    tmux.kill_server()

    tmux.start(app, env)
    tmux.wait_for("Type your passphrase")
    tmux.text(PASSPHRASE)
    tmux.keys("Enter")
    tmux.wait_for("↻")  # the draft is listed
    tmux.keys("Enter")  # home opens on the drafts list when there are drafts
    # the item and what was typed in it, in one look: a look taken while the screen was
    # still being drawn held the item's number and not yet its answer (a loaded machine)
    tmux.wait_for(lambda screen: "Q 4/16" in screen and "Came by bus" in screen)
    tmux.text(" and walked")
    tmux.keys("C-f")
    tmux.wait_for("Wrap-up")
    tmux.text("Calm talk")
    tmux.keys("C-g")
    tmux.wait_for("Ctrl+G again completes")  # the line wraps at 80 columns after it
    tmux.keys("C-g")
    tmux.wait_for("✓ 1 complete")

    doc = wait_store(home, lambda d: d["status"] == "complete")
    assert answers(doc) == {"setting": "Porch", "years_area": 12, "member": "No",
                            "last_visit": "Came by bus and walked"}
    assert doc["reflections"] == "Calm talk"
    assert doc["position"]["item_id"] == "last_visit"
