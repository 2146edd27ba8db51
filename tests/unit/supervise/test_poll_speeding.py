"""Rushed sessions that record no per-item times (polls, for the respondent's anonymity):
a floor that does not depend on peers, the time needed to read the answered items aloud.

Before, a poll could never be flagged for speeding (it records no `nav`/`answer` events),
and "short" went blind once five peers existed when the whole team rushed (the median
was itself rushed)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from rich.cells import cell_len

from fieldtui.core.i18n import set_language
from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.supervise import flags
from fieldtui.supervise.quality import flags_for
from fieldtui.supervise.session_rows import session_duration
from tests.support.dataset_factory import T0, document
from tests.support.paths import FIXTURES

ITEMS = 20
# 11 words of prompt and 7 of labels: 6 s to read each item aloud, 120 s for all 20.
POLL = """
[plan]
id = "poll-rush"
version = 1
title = "Services"
method = "poll"
language = "en"
minutes = 10
[poll]
anonymous = true
min_cell = 5
[[section]]
id = "s"
title = "Services"
minutes = 10
""" + "".join(f"""
[[section.item]]
id = "q{i}"
kind = "scale"
prompt = "How satisfied are you with service number {i} in your area?"
scale = {{ min = 1, max = 5, labels = ["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"] }}
""" for i in range(1, ITEMS + 1))


def _poll() -> Plan:
    plan = parse_plan(POLL, "poll").plan
    assert plan is not None
    return plan


def _interview() -> Plan:
    return load_plan(FIXTURES / "minimal_interview.toml")


def _wall(seconds: float) -> str:
    minutes, sec = divmod(int(seconds), 60)
    return f"2026-11-20T09:{minutes:02d}:{sec:02d}.000+00:00"


def _poll_doc(k: int, seconds: float, *, answered: int = ITEMS,
              selection: bool = False) -> dict[str, Any]:
    """A poll response as the poll screen records it (tests/tui/test_poll_length.py): a
    consent event and a random start's `selection` event when the session starts, no
    per-item events; created and completed by the wall clock."""
    events: list[dict[str, Any]] = [{"t": 0, "type": "consent", "participant": None,
                                     "given": True}]
    if selection:
        events.append({"t": 0.002, "type": "selection", "start": 2, "every": 5})
    rng = random.Random(k)
    answers = {f"q{i}": rng.randint(1, 5) for i in range(1, answered + 1)}
    doc = document(method="poll", plan_id="poll-rush", answers=answers, events=events)
    doc["created"], doc["completed"] = T0, _wall(seconds)
    return doc


def _codes(found: list[flags.Flag]) -> set[str]:
    return {f.code for f in found}


def test_a_whole_team_of_rushed_poll_sessions_is_flagged_although_the_median_is_rushed() -> None:
    docs = [_poll_doc(k, 10.0) for k in range(6)]  # a 10-minute plan, 20 items in 10 s
    found = flags_for(docs, {("poll-rush", 1): _poll()})
    for doc in docs:
        flagged = [f for f in found[doc["session_id"]] if f.code == "speeding"]
        assert len(flagged) == 1, found[doc["session_id"]]
        assert "20" in flagged[0].message and "10 s" in flagged[0].message
        assert "2.0 min" in flagged[0].message  # the 120 s needed to read them aloud


def test_a_poll_session_of_reasonable_length_is_not_flagged() -> None:
    plan = _poll()
    docs = [_poll_doc(k, 180.0 + 30 * k, selection=True) for k in range(6)]
    found = flags_for(docs, {("poll-rush", 1): plan})
    assert all(not ({"speeding", "short"} & _codes(found[d["session_id"]])) for d in docs)
    # a short poll that asked only 3 of the items: 18 s of reading, done in 25 s
    few = _poll_doc(9, 25.0, answered=3)
    assert flags.session_speeding(few, plan, session_duration(few)) == []


def test_items_given_no_answer_do_not_count_towards_the_floor() -> None:
    plan = _poll()
    doc = _poll_doc(0, 30.0, answered=ITEMS)
    for i in range(5, ITEMS + 1):
        doc["answers"][f"q{i}"].update(value=None, skipped=True)
    assert flags.session_speeding(doc, plan, 30.0) == []  # 4 answered: 24 s
    assert _codes(flags.session_speeding(doc, plan, 20.0)) == {"speeding"}


def test_a_poll_session_lasts_from_its_creation_to_its_completion() -> None:
    # its events (consent and a random start, as it starts) do not span it
    assert session_duration(_poll_doc(0, 300.0, selection=True)) == 300.0


def test_interviews_with_per_item_times_keep_the_per_item_check() -> None:
    plan = _interview()
    items = [i.id for i in plan.items]

    def paced(seconds_each: float) -> dict[str, Any]:
        events: list[dict[str, Any]] = []
        t = 0.0
        for item in items:
            events.append({"t": t, "type": "nav", "item_id": item, "from": None})
            t += seconds_each
            events.append({"t": t, "type": "answer", "item_id": item})
        return document(answers=dict.fromkeys(items, "x"), events=events)

    fast, slow = paced(1.0), paced(40.0)
    found = flags_for([fast, slow], {("mini-interview", 1): plan})
    speeding = [f for f in found[fast["session_id"]] if f.code == "speeding"]
    assert [f.message for f in speeding] == [f.message for f in flags.speeding(fast, plan)]
    assert "3 of 3 items answered faster than they can be read aloud" in speeding[0].message
    assert "speeding" not in _codes(found[slow["session_id"]])


def test_an_interview_without_per_item_times_gets_the_same_floor() -> None:
    plan = _interview()  # its three items take about 18 s to read aloud
    rushed = document(answers={"travel": "bus", "visits": "1 to 2 times", "rating": 4})
    rushed["completed"] = _wall(9.0)  # no events: created -> completed
    found = flags_for([rushed], {("mini-interview", 1): plan})
    assert [f.message for f in found[rushed["session_id"]] if f.code == "speeding"] == [
        "lasted 9 s; its 3 answered items take 18 s to read aloud"]
    assert flags.session_speeding(rushed, plan, 20.0) == []


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    set_language("en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_flag_keeps_to_a_line_of_the_review_detail(lang: str, english_after: None) -> None:
    set_language(lang)
    plan = _poll()
    doc = _poll_doc(0, 10.0)
    # 999 answers (a roster of 50 members): 5994 s, "100 min", to read aloud
    rows = [(f"q{i}#m{m}", {"value": 3, "skipped": False, "member": f"m{m}",
                            "item_id": f"q{i}"})
            for i in range(1, ITEMS + 1) for m in range(50)]
    doc["answers"] = dict(rows[:999])
    for seconds in (119.0, 599.0, 5990.0):  # "119 s", "10.0 min", "100 min"
        found = flags.session_speeding(doc, plan, seconds)
        assert len(found) == 1
        line = f"⚑ {flags.flag_word('speeding')}: {found[0].message}"
        assert cell_len(line) <= 80, line
