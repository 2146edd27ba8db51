"""Quality flags from paradata, on session documents built in the test."""

from __future__ import annotations

import random
import tracemalloc

from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.supervise import duplicates, flags, meeting_flags
from fieldtui.supervise.duplicates import count_near_pairs, near_duplicates, near_pairs
from fieldtui.supervise.quality import flags_for
from tests.support.dataset_factory import document
from tests.support.paths import FIXTURES

POLL = """
[plan]
id = "poll-battery"
version = 1
title = "Battery"
method = "poll"
language = "en"
minutes = 5
[poll]
anonymous = true
min_cell = 5
[[section]]
id = "s"
title = "Services"
minutes = 5
""" + "".join(f"""
[[section.item]]
id = "q{i}"
kind = "scale"
prompt = "How satisfied are you with service number {i} in your area?"
scale = {{ min = 1, max = 5, labels = ["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"] }}
""" for i in range(1, 6))


def _poll() -> Plan:
    plan = parse_plan(POLL, "poll").plan
    assert plan is not None
    return plan


def _interview() -> Plan:
    return load_plan(FIXTURES / "minimal_interview.toml")


def _codes(found: list[flags.Flag]) -> set[str]:
    return {f.code for f in found}


def _paced(items: list[str], seconds_each: float) -> list[dict[str, object]]:
    events: list[dict[str, object]] = []
    t = 0.0
    for item in items:
        events.append({"t": t, "type": "nav", "item_id": item, "from": None})
        t += seconds_each
        events.append({"t": t, "type": "answer", "item_id": item})
    return events


def test_items_answered_faster_than_read_aloud_are_flagged_and_paced_ones_are_not() -> None:
    plan = _interview()
    items = [i.id for i in plan.items]
    fast = document(answers=dict.fromkeys(items, "x"), events=_paced(items, 1.0))
    slow = document(answers=dict.fromkeys(items, "x"), events=_paced(items, 40.0))
    assert _codes(flags.speeding(fast, plan)) == {"speeding"}
    assert flags.speeding(slow, plan) == []
    assert flags.item_times(slow) == dict.fromkeys(items, 40.0)


def test_short_sessions_against_the_peers_median_or_the_plans_minutes() -> None:
    plan = _interview()  # 10 minutes
    doc = document()
    assert flags.reference_length(plan, [100.0]) == 600.0
    assert flags.reference_length(plan, [1000.0] * 5) == 1000.0
    assert _codes(flags.short_interview(doc, 200.0, 600.0)) == {"short"}
    assert flags.short_interview(doc, 400.0, 600.0) == []


def test_straightlining_in_a_battery() -> None:
    plan = _poll()
    same = document(method="poll", answers={f"q{i}": 3 for i in range(1, 6)})
    varied = document(method="poll", answers={f"q{i}": i for i in range(1, 6)})
    assert _codes(flags.straightlining(same, plan)) == {"straightlining"}
    assert flags.straightlining(varied, plan) == []


def test_key_points_not_covered() -> None:
    plan = _interview()
    missed = document(answers={"travel": "bus"})
    covered = document(answers={"travel": "bus"}, key_covered=("travel",))
    assert "travel" in flags.key_points(missed, plan)[0].message
    assert flags.key_points(covered, plan) == []


def test_talk_time_gini_and_off_topic_share() -> None:
    people = [{"id": f"P{i}", "label": f"P{i}", "attributes": {}, "informed": False}
              for i in range(1, 5)]
    even = document(method="group", participants=people, events=[
        {"t": 10 * i, "type": "turn", "participant": f"P{i}", "section_id": "s",
         "duration": 60.0} for i in range(1, 5)])
    one_voice = document(method="group", participants=people, events=[
        {"t": 0, "type": "turn", "participant": "P1", "section_id": "s", "duration": 600.0},
        {"t": 1000, "type": "offtopic", "section_id": "s", "duration": 400.0}])
    assert meeting_flags.gini([1, 1, 1, 1]) == 0.0
    assert abs(meeting_flags.gini([0, 0, 0, 10]) - 0.75) < 1e-9
    assert meeting_flags.talk_imbalance(even) == []
    assert _codes(meeting_flags.talk_imbalance(one_voice)) == {"talk-imbalance"}
    assert meeting_flags.talk_times(one_voice)["P4"] == 0.0
    assert _codes(meeting_flags.off_topic(one_voice, 1000.0)) == {"off-topic"}
    assert meeting_flags.off_topic(even, 1000.0) == []


def test_near_pair_counting_agrees_with_the_brute_force() -> None:
    rng = random.Random(1)
    vectors = [tuple(str(rng.randint(1, 2)) for _ in range(4)) for _ in range(40)]
    brute = sum(1 for i in range(40) for j in range(i + 1, 40)
                if sum(a != b for a, b in zip(vectors[i], vectors[j], strict=True)) <= 1)
    assert count_near_pairs(vectors) == brute == len(near_pairs(vectors))


def test_partner_counting_agrees_with_the_pairs() -> None:
    rng = random.Random(11)
    vectors = [tuple(rng.choice("ab") for _ in range(4)) for _ in range(40)]
    listed: dict[int, int] = {}
    for a, b in near_pairs(vectors):
        listed[a] = listed.get(a, 0) + 1
        listed[b] = listed.get(b, 0) + 1
    assert duplicates.partner_counts(vectors) == listed


COPIES = 1000  # (a stolen device sends tens of thousands; this shows the pairs' cost)


def test_a_device_sending_one_response_many_times_is_flagged_without_listing_every_pair(
        ) -> None:
    """One device's thousands of copies of a response made every pair of them a tuple in
    memory before the flags were written (a million copies: half a million million)."""
    plan = _poll()
    rng = random.Random(5)
    honest = [doc for n in range(2000) for doc in _poll_docs(rng, 1, f"{n:016x}")]
    copies = [document(method="poll", device_id="c" * 16, plan_id="poll-battery",
                       answers={f"q{i}": 4 if i > 1 else 1 + k % 5 for i in range(1, 6)})
              for k in range(COPIES)]
    tracemalloc.start()
    try:
        found = near_duplicates(honest + copies, plan, runs=100)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert {f.session_id for f in found} == {d["session_id"] for d in copies}
    assert f"near-duplicate of {COPIES - 1} other responses" in found[0].message
    assert peak < 16 * 1024 * 1024, peak  # with the pairs listed: 52 MB


def _poll_docs(rng: random.Random, n: int, device: str) -> list[dict[str, object]]:
    return [document(method="poll", device_id=device, plan_id="poll-battery",
                     answers={f"q{i}": rng.randint(1, 5) for i in range(1, 6)})
            for _ in range(n)]


def test_copied_poll_responses_stand_out_against_chance_but_honest_ones_do_not() -> None:
    plan = _poll()
    rng = random.Random(7)
    honest = _poll_docs(rng, 30, "a" * 16) + _poll_docs(rng, 30, "b" * 16)
    assert near_duplicates(honest, plan) == []
    template = {f"q{i}": 4 for i in range(1, 6)}
    copies = []
    for k in range(8):
        answers = dict(template)
        answers["q1"] = 1 + k % 5  # only q1 varies: every pair is a near-duplicate
        copies.append(document(method="poll", device_id="c" * 16, plan_id="poll-battery",
                               answers=answers))
    found = near_duplicates(honest + copies, plan)
    flagged = {f.session_id for f in found}
    assert flagged == {d["session_id"] for d in copies}
    assert "chance gives about" in found[0].message


def test_a_lopsided_poll_makes_many_pairs_by_chance_and_is_not_flagged() -> None:
    plan = _poll()
    rng = random.Random(3)
    docs = [document(method="poll", device_id="a" * 16,
                     answers={f"q{i}": 5 if rng.random() < 0.9 else 4 for i in range(1, 6)})
            for _ in range(20)]
    assert count_near_pairs([tuple(str(d["answers"][f"q{i}"]["value"])  # type: ignore[index]
                                   for i in range(1, 6)) for d in docs]) > 50
    assert near_duplicates(docs, plan) == []


def test_flags_for_a_dataset_apply_each_check_by_method() -> None:
    poll, interview = _poll(), _interview()
    plans = {("poll-battery", 1): poll, ("mini-interview", 1): interview}
    straight = document(method="poll", plan_id="poll-battery",
                        answers={f"q{i}": 2 for i in range(1, 6)},
                        events=_paced([f"q{i}" for i in range(1, 6)], 30.0))
    talk = document(answers={"travel": "bus"}, events=_paced(["travel"], 1.0))
    found = flags_for([straight, talk], plans)
    assert _codes(found[straight["session_id"]]) == {"straightlining"}
    assert _codes(found[talk["session_id"]]) == {"short", "key-points"}


def test_events_a_device_wrote_oddly_make_no_flag_fail() -> None:
    """A merge keeps an event's item_id that is an object or a list (schema 12: the events
    view gives its JSON text) and an off-topic duration that is text; computing the flags
    (for every session at once: the review screens, `fieldtui quality`) must not fail."""
    doc = document(method="group")
    doc["events"] = [
        {"n": 0, "type": "nav", "item_id": {"a": 1}, "mono": 1.0},
        {"n": 1, "type": "answer", "item_id": ["q"], "mono": 2.0},
        {"n": 2, "type": "offtopic", "duration": "long", "mono": 3.0},
        {"n": 3, "type": "offtopic", "duration": {"s": 1}, "mono": 4.0},
        {"n": 4, "type": "offtopic", "duration": 12, "mono": 5.0},
        {"n": 5, "type": "turn", "participant": "P1", "duration": "5", "mono": 6.0}]
    assert flags.item_times(doc) == {}
    assert meeting_flags.offtopic_share(doc, 24.0) == 0.5
    assert meeting_flags.talk_times(doc) == {"P1": 5.0}
    assert [f.code for f in flags_for([doc], {})[doc["session_id"]]] == ["off-topic"]


def test_a_meetings_talk_per_section_reads_durations_as_its_talk_times() -> None:
    """The report's table of talk by agenda item read a turn's duration with float(): a
    text "1e400" a device wrote (merged: it is a number to float()) made it infinite there
    while talk_times, in the same report, counted it as 0."""
    from fieldtui.supervise.report_counts import turn_table

    doc = document(method="group")
    doc["events"] = [
        {"n": 0, "type": "turn", "participant": "P1", "section_id": "s", "duration": "5"},
        {"n": 1, "type": "turn", "participant": "P1", "section_id": "s", "duration": "1e400"},
        {"n": 2, "type": "turn", "participant": "P1", "section_id": "s", "duration": "-inf"}]
    assert meeting_flags.talk_times(doc) == {"P1": 5.0}
    assert dict(turn_table(doc)["P1"]) == {"s": 5.0}
