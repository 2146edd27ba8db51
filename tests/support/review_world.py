"""Small supervisor datasets the review and follow-up screen tests open (in English and in
Chinese)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import merge_bundles
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES


@dataclass
class _Opened:
    manifest: dict[str, Any]
    sessions: list[dict[str, Any]]


def review_dataset(tmp_path: Path, at: Path | str | None = None) -> tuple[Any, str]:
    """Three interview sessions (one short with a missed key point) and one conflict, in
    a file (or at `at`: a PostgreSQL URL)."""
    db = tmp_path / "review.sqlite" if at is None else at
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    long_events = [{"t": 0, "type": "nav", "item_id": "travel", "from": None},
                   {"t": 700, "type": "answer", "item_id": "travel"}]
    good = document(interviewer="Ana", answers={"travel": "bus"}, key_covered=("travel",),
                    events=long_events)
    short = document(interviewer="Ben", answers={"travel": "car"},
                     events=[{"t": 0, "type": "nav", "item_id": "travel", "from": None},
                             {"t": 60, "type": "answer", "item_id": "travel"}])
    other = document(interviewer="Ana", answers={"travel": "walk"}, key_covered=("travel",),
                     events=long_events)
    changed = dict(good, reflections="added later")
    files = []
    for i, docs in enumerate(([good, short], [other], [changed])):
        path = tmp_path / f"b{i}.ftb"
        path.write_bytes(str(i).encode())
        files.append((path, docs))
    opened = {p.read_bytes(): docs for p, docs in files}

    def opener(data: bytes, path: Path | None = None) -> _Opened:
        return _Opened({"device_id": "d" * 16, "seq": int(data) + 1,
                        "study_id": "study-test"}, opened[data])

    merge_bundles(conn, [p for p, _ in files], opener)
    conn.close()
    return db, str(short["session_id"])


def followup_dataset(tmp_path: Path) -> Path:
    """One interview with two concerns: a late promise whose text is markup, and a low one."""
    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    doc = document()
    doc["concerns"] = [
        {"description": "[bold]pump[/bold] broken", "category": "services",
         "urgency": "high", "settled": False, "promise": True, "due": "2000-01-01",
         "participant": None, "at": ""},
        {"description": "no teacher", "category": "school", "urgency": "low",
         "settled": False, "promise": False, "due": None, "participant": None, "at": ""}]
    load_documents(conn, [doc])
    conn.close()
    return path
