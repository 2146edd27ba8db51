"""A conflict whose differences outrun the panel can be read to the end.

The conflicts screen shows what differs between the kept and the incoming revision in the
rows under the list (about ten at 80x24); a conflict where many answers differ was cut
there with no way to read the rest, and the supervisor chose which revision to keep
without seeing every difference. The panel now scrolls: Tab moves into it, End reaches
the last line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import merge_bundles
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.screens.review_conflicts import ConflictsScreen
from tests.support.app_support import wait_ready
from tests.support.dataset_factory import document, record_plans
from tests.support.paths import FIXTURES
from tests.support.screen_text import screen_lines


@dataclass
class _Opened:
    manifest: dict[str, Any]
    sessions: list[dict[str, Any]]


def _conflict(tmp_path: Path) -> Path:
    db = tmp_path / "c.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    kept = document(answers={f"q{n:02d}": "first" for n in range(1, 26)})
    incoming = document(session_id=kept["session_id"],
                        answers={f"q{n:02d}": "second" for n in range(1, 26)})
    files = []
    for i, doc in enumerate((kept, incoming)):
        path = tmp_path / f"b{i}.ftb"
        path.write_bytes(str(i).encode())
        files.append((path, doc))
    opened = {p.read_bytes(): doc for p, doc in files}

    def opener(data: bytes, path: Path | None = None) -> _Opened:
        return _Opened({"device_id": "d" * 16, "seq": int(data) + 1,
                        "study_id": "study-test"}, [opened[data]])

    merge_bundles(conn, [p for p, _ in files], opener)
    conn.close()
    return db


async def test_the_last_difference_can_be_scrolled_to(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReviewApp(_conflict(tmp_path), "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and bool(app.screen.data.conflicts))
        await pilot.press("c")
        await wait_ready(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        diff = app.screen.query_one("#conflict-diff", Static)
        await wait_ready(pilot, lambda: "q25: kept" in str(diff.render()))
        await pilot.press("tab", "end")
        await wait_ready(pilot, lambda: any("q25: kept" in line
                                            for line in screen_lines(app)))
