"""The meeting checkpoints' counts of closed turns, visits and tangents at a resume."""

from __future__ import annotations

from typing import Any, cast

from fieldtui.tui.screens.group.checkpoint import MeetingCheckpoints


def test_the_counts_of_a_resume_take_each_kind_once_and_skip_a_tampered_type() -> None:
    events: list[dict[str, Any]] = [
        {"type": "turn"}, {"type": ["turn"]}, {"type": "section"}, {"type": "turn"},
        {"type": "offtopic"}, {}, {"type": {"x": 1}}, {"type": "quote"}]
    checkpoints = MeetingCheckpoints(cast(Any, None), {"events": events})
    assert (checkpoints.turns, checkpoints.sections, checkpoints.offtopics) == (2, 1, 1)
