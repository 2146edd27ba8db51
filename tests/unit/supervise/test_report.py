"""Poll reports: the published tallies, attacked with every total they show."""

from __future__ import annotations

import random
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.disclosure import Key, System, primary, protect
from fieldtui.supervise.poll_tables import (
    NO_ANSWER,
    PollReport,
    categories,
    poll_report,
    poll_system,
)
from fieldtui.supervise.report import coverage_lines, group_lines, poll_lines
from tests.conftest import FIXTURES, PLANS
from tests.unit.supervise.factory import document
from tests.unit.supervise.test_disclosure import attack, integer_alternative


def _plan() -> Plan:
    return load_plan(FIXTURES / "poll_bins.toml")  # weekly (4 options), distance (scale 1-5)


def _docs() -> list[dict[str, Any]]:
    rng = random.Random(11)
    weekly = ["None"] * 2 + ["1 to 2 days"] * 12 + ["3 to 5 days"] * 9 + ["6 or 7 days"] * 20
    rng.shuffle(weekly)
    docs = []
    for w in weekly:
        distance = rng.choice([1, 2, 4, 4, 5, 5, 5, 3]) if w != "None" else 1
        docs.append(document(method="poll", plan_id="poll-bins-mini",
                             answers={"weekly": w, "distance": distance}))
    docs.append(document(method="poll", plan_id="poll-bins-mini", answers={"weekly": None,
                                                                           "distance": 2}))
    return docs


def _truth_and_hidden(report: PollReport, docs: list[dict[str, Any]], plan: Plan
                      ) -> tuple[System, set[Key]]:
    """Rebuild the true tables from the documents (independently of the library's
    bookkeeping) and collect which of their cells the report left out."""
    system, hidden = System(), set()
    weekly, distance = plan.item("weekly"), plan.item("distance")

    def cat(item_id: str, doc: dict[str, Any]) -> str:
        value = doc["answers"][item_id]["value"]
        item = plan.item(item_id)
        if value is None:
            return NO_ANSWER
        return item.scale.label(value) if item.scale else str(value)

    tallies = {t.item_id: t for t in report.tallies}
    for item in (weekly, distance):
        cats = categories(item)
        counts = {c: sum(1 for d in docs if cat(item.id, d) == c) for c in cats}
        system.one_way(("n",), {(item.id, c): counts[c] for c in cats}, len(docs))
        for row in tallies[item.id].rows:
            if row.count is None:
                hidden.add((item.id, row.label))
            else:
                assert row.count == counts[row.label]
    cross = tallies["distance"]
    if cross.matrix is not None:
        w_cats, d_cats = categories(weekly), categories(distance)
        counts_2d = [[sum(1 for d in docs if cat("weekly", d) == w and cat("distance", d) == c)
                      for c in d_cats] for w in w_cats]
        interior = {(i, j): ("x", w, c) for i, w in enumerate(w_cats)
                    for j, c in enumerate(d_cats)}
        system.two_way(("n",), [("weekly", w) for w in w_cats],
                       [("distance", c) for c in d_cats], interior, counts_2d)
        for i, row in enumerate(cross.matrix):
            for j, value in enumerate(row):
                if value is None:
                    hidden.add(interior[(i, j)])
                else:
                    assert value == counts_2d[i][j]
    return system, hidden


def test_one_way_tallies_hide_small_counts_and_what_would_reveal_them() -> None:
    plan, docs = _plan(), _docs()
    report = poll_report(docs, plan)
    system, hidden = _truth_and_hidden(report, docs, plan)
    small = {k for k, v in system.values.items() if 0 < v < plan.poll.min_cell}  # type: ignore[union-attr]
    assert ("weekly", "None") in small and small <= hidden
    assert attack(system, hidden) == set()
    text = "\n".join(poll_lines(report))
    assert "x" in text and "Respondents: 44" in text


def test_a_cross_table_published_with_the_tallies_still_leaks_nothing() -> None:
    plan, docs = _plan(), _docs()
    report = poll_report(docs, plan, by="weekly")
    system, hidden = _truth_and_hidden(report, docs, plan)
    small = {k for k, v in system.values.items() if 0 < v < 5}
    assert small <= hidden and any(k[0] == "x" for k in hidden)
    assert attack(system, hidden) == set()
    for key in hidden:
        assert integer_alternative(system, hidden, key), key


def test_too_few_respondents_shows_nothing() -> None:
    plan = _plan()
    docs = _docs()[:4]
    report = poll_report(docs, plan)
    assert report.tallies == [] and "fewer than min_cell" in report.withheld


def test_key_point_coverage_and_meeting_talk_time() -> None:
    interview = load_plan(FIXTURES / "minimal_interview.toml")
    docs = [document(answers={"travel": "bus"}, key_covered=("travel",)),
            document(answers={"travel": "car"})]
    assert "1 of 2" in "\n".join(coverage_lines(docs, interview))
    group = load_plan(FIXTURES / "group_park.toml")
    meeting = document(method="group", plan_id="group-park-mini", participants=[
        {"id": "P1", "label": "Ann", "attributes": {}, "informed": True},
        {"id": "P2", "label": "Bo", "attributes": {}, "informed": False}], events=[
        {"t": 0, "type": "turn", "participant": "P1", "section_id": "opening",
         "duration": 120.0},
        {"t": 300, "type": "offtopic", "section_id": "hours", "duration": 150.0},
        {"t": 600, "type": "turn", "participant": "P1", "section_id": "hours",
         "duration": 60.0}])
    text = "\n".join(group_lines([meeting], group))
    assert "off topic 25%" in text
    p1 = next(line for line in text.splitlines() if line.strip().startswith("P1"))
    assert p1.split()[1:] == ["2.0", "1.0", "3.0"]
    p2 = next(line for line in text.splitlines() if line.strip().startswith("P2"))
    assert p2.split()[1:] == ["0.0", "0.0", "0.0"]
    assert "Ann" not in text  # labels are identifiers; the report shows roster ids


def test_a_full_poll_crossed_by_age_leaks_nothing_and_stays_fast() -> None:
    plan = load_plan(PLANS / "poll-bins.toml")  # 14 closed items, 3 to 6 categories each
    rng = random.Random(3)
    docs = []
    for _ in range(150):
        answers: dict[str, Any] = {}
        for item in plan.items:
            if item.kind == "choice":
                answers[item.id] = rng.choice([*item.options[:3], item.options[0]])
            elif item.kind == "scale":
                answers[item.id] = rng.choice([1, 2, 3, 4, 4, 5, 5])
        docs.append(document(method="poll", plan_id=plan.id, answers=answers))
    system, _, _ = poll_system(docs, plan, "age_band")
    hidden = protect(system, 5)
    assert primary(system, 5) <= hidden and len(hidden) > 20
    assert len(hidden) < len(system.values)  # not simply everything withheld
    assert attack(system, hidden) == set()
