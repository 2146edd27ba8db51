"""Key points marked covered: by the interviewer (Ctrl+K) or by an answer that covers them.

Both are stored the same way: the answer's `key_covered` and a `key` event (`item_id`,
`covered`; `by: "answer"` when the answer set it). The stored mark is what the screen
shows: the interviewer's own mark, or else a non-empty answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fieldtui.core.progress import is_answered


def manual_marks(answers: Mapping[str, Mapping[str, Any]],
                 events: Iterable[Mapping[str, Any]]) -> set[str]:
    """Items the interviewer marked covered (and did not unmark), from a saved session."""
    marks: dict[str, bool] = {}
    with_events: set[str] = set()
    for event in events:
        item_id = event.get("item_id")
        if event.get("type") != "key" or not isinstance(item_id, str):
            continue
        with_events.add(item_id)
        if event.get("by") != "answer":
            marks[item_id] = bool(event.get("covered", True))
    marked = {item_id for item_id, covered in marks.items() if covered}
    # A mark with no key event of its own (an older session) can only be a manual one.
    marked |= {item_id for item_id, answer in answers.items()
               if answer.get("key_covered") and item_id not in with_events}
    return marked


def stored_mark(marked: bool, value: Any) -> bool:
    """The `key_covered` to store: the interviewer's mark, or an answer that covers it."""
    return marked or is_answered({"value": value})
