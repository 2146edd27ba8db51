"""A poll's number item: tallied into ranges from the plan, suppressed like a choice."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise.disclosure import Key, System
from fieldtui.supervise.number_bins import NOT_A_NUMBER, bins
from fieldtui.supervise.poll_tables import NO_ANSWER, poll_report
from fieldtui.supervise.report import poll_lines
from tests.unit.supervise.factory import document
from tests.unit.supervise.test_disclosure import attack, integer_alternative

PLAN = '''
[plan]
id = "poll-num"
version = 1
title = "Bins and bags poll"
method = "poll"
language = "en"
minutes = 3

[prepare]
purpose = "Count how many bags residents recycle."

[poll]
anonymous = true
min_cell = 5

[[section]]
id = "bins"
title = "Bins"
minutes = 3

[[section.item]]
id = "weekly"
kind = "choice"
prompt = "In the past seven days, did you use the new recycling bins?"
options = ["Yes", "No"]

[[section.item]]
id = "bags"
kind = "number"
prompt = "How many bags did you recycle last month?"
unit = "bags"
min = 0
max = 24

[[section.item]]
id = "minutes"
kind = "number"
prompt = "How many minutes does the walk to the bin take?"
min = 0
'''


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    path = tmp_path / "poll_num.toml"
    path.write_text(PLAN, encoding="utf-8")
    return load_plan(path)


# bags: 0-4 x12, 5-9 x3 (small), 10-14 x9, 15-19 x8, 20-24 x6
BAGS = [1, 2, 0, 4, 3, 3, 2, 1, 0, 4, 2, 3, 5, 9, 7, 10, 11, 12, 13, 14, 10, 11, 12, 13,
        15, 16, 17, 18, 19, 15, 16, 17, 20, 21, 22, 23, 24, 20]


def _docs(minutes: bool = True, blank: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(5)
    docs = []
    for i, bags in enumerate([*BAGS] + [None] * blank):
        answers: dict[str, Any] = {"weekly": "Yes" if i % 3 else "No", "bags": bags}
        if minutes:
            answers["minutes"] = rng.choice([3, 7, 12, 12.5, 25, 33])
        docs.append(document(method="poll", plan_id="poll-num", answers=answers))
    return docs


def _truth(report_rows: dict[str, int | None], counts: dict[str, int], n: int
           ) -> tuple[System, set[Key]]:
    """The true one-way table rebuilt from the answers, and which cells the report hid."""
    system = System()
    system.one_way(("n",), {("bags", c): v for c, v in counts.items()}, n)
    hidden = set()
    for label, shown in report_rows.items():
        if shown is None:
            hidden.add(("bags", label))
        else:
            assert shown == counts[label]
    return system, hidden


def test_bins_are_equal_width_whole_numbers_from_the_plan(plan: Plan) -> None:
    assert [b.label for b in bins(plan.item("bags"))] == ["0–4", "5–9", "10–14", "15–19",
                                                          "20–24"]
    assert [b.label for b in bins(plan.item("minutes"))] == ["0–9", "10–19", "20–29", "30–39",
                                                             "40 or more"]
    free = Item("x", "number", "How many?")
    assert [b.label for b in bins(free)] == ["0", "1–9", "10–99", "100–999", "1000 or more"]


def test_a_number_item_is_tallied_into_ranges_and_small_ranges_are_hidden(plan: Plan) -> None:
    docs = _docs(blank=0)
    report = poll_report(docs, plan)
    bags = next(t for t in report.tallies if t.item_id == "bags")
    rows = {r.label: r.count for r in bags.rows}
    counts = {"0–4": 12, "5–9": 3, "10–14": 9, "15–19": 8, "20–24": 6, NO_ANSWER: 0}
    assert list(rows) == list(counts)
    # Only 5–9 (3) is below min_cell: the total would give it away, so a complement
    # (another non-zero range) is hidden too; the published zero stays.
    assert rows["5–9"] is None and rows[NO_ANSWER] == 0
    assert sum(1 for v in rows.values() if v is None) == 2
    system, hidden = _truth(rows, counts, len(docs))
    assert attack(system, hidden) == set()
    for key in hidden:
        assert integer_alternative(system, hidden, key), key
    text = "\n".join(poll_lines(report))
    assert "10–14" in text and "mean" not in text.lower()
    minutes = next(t for t in report.tallies if t.item_id == "minutes")
    assert "10–19" in [r.label for r in minutes.rows]  # 12.5 falls in 10–19


def test_no_raw_value_reaches_the_report(plan: Plan) -> None:
    docs = _docs()
    docs[0]["answers"]["bags"]["value"] = 777  # out of range, one respondent
    docs[1]["answers"]["bags"]["value"] = "lots"
    report = poll_report(docs, plan)
    bags = next(t for t in report.tallies if t.item_id == "bags")
    labels = [r.label for r in bags.rows]
    assert "above 24" in labels and NOT_A_NUMBER in labels
    text = "\n".join(poll_lines(report))
    assert "777" not in text and "lots" not in text
    assert {r.count for r in bags.rows if r.label in ("above 24", NOT_A_NUMBER)} == {None}


def test_a_number_item_nobody_answered_says_so(plan: Plan) -> None:
    report = poll_report(_docs(minutes=False), plan)
    minutes = next(t for t in report.tallies if t.item_id == "minutes")
    assert minutes.note == "no answers to this number item"
    text = "\n".join(poll_lines(report))
    assert "minutes: How many minutes" in text and "no answers to this number item." in text


def test_a_number_item_crossed_by_a_choice_leaks_nothing(plan: Plan) -> None:
    docs = _docs()
    report = poll_report(docs, plan, by="weekly")
    bags = next(t for t in report.tallies if t.item_id == "bags")
    assert bags.matrix is not None
    assert all(c is None or c == 0 or c >= 5 for row in bags.matrix for c in row)
