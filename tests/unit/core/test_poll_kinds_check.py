"""The plan check's line on an item a poll cannot ask says what to do."""

from __future__ import annotations

from fieldtui.core.plan.check import check_file
from tests.support.paths import FIXTURES


def test_open_item_in_a_poll_says_what_to_do() -> None:
    findings = check_file(FIXTURES / "bad_plans" / "open_item_in_poll.toml")
    [finding] = [f for f in findings if f.rule == "open-in-poll"]
    assert finding.message == (
        "'travel' is open; a poll asks only closed items (choice, multi, scale, number) — "
        "drop it, make it one of those kinds, or make the plan an interview "
        "(method = \"interview\")")
    assert " — " in finding.message_zh and 'method = "interview"' in finding.message_zh
