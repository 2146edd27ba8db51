"""A poll's number item: tallied into ranges from the plan, protected like a choice."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise.attacker import Key
from fieldtui.supervise.number_bins import NOT_A_NUMBER, bins
from fieldtui.supervise.poll_tables import INVALID, NO_ANSWER
from fieldtui.supervise.ptable import PTable
from fieldtui.supervise.release_tables import publish, tabulate
from tests.support.dataset_factory import document

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


def test_bins_are_equal_width_whole_numbers_from_the_plan(plan: Plan) -> None:
    assert [b.label for b in bins(plan.item("bags"))] == ["0–4", "5–9", "10–14", "15–19",
                                                          "20–24"]
    assert [b.label for b in bins(plan.item("minutes"))] == ["0–9", "10–19", "20–29", "30–39",
                                                             "40 or more"]
    free = Item("x", "number", "How many?")
    assert [b.label for b in bins(free)] == ["0", "1–9", "10–99", "100–999", "1000 or more"]


def _tables(docs: list[dict[str, Any]], plan: Plan, crossing: list[str] | None = None
            ) -> tuple[dict[str, int], dict[Key, int | None]]:
    tab = tabulate([(n * 7919, d) for n, d in enumerate(docs)], plan, crossing or [])
    counts = {c[2]: v for c, v in tab.counts.items() if c[:2] == ("1", "bags")}
    return counts, publish(tab, PTable(), plan.poll.min_cell)  # type: ignore[union-attr]


def test_a_number_item_is_tallied_into_ranges_and_small_ranges_are_hidden(plan: Plan) -> None:
    counts, cells = _tables(_docs(blank=0), plan)
    assert counts == {"0–4": 12, "5–9": 3, "10–14": 9, "15–19": 8, "20–24": 6, NO_ANSWER: 0}
    assert cells[("1", "bags", "5–9")] is None and cells[("1", "bags", NO_ANSWER)] is None
    for label in ("0–4", "10–14", "15–19", "20–24"):
        shown = cells[("1", "bags", label)]
        assert shown is None or abs(shown - counts[label]) <= 2


def test_no_raw_value_reaches_the_release(plan: Plan) -> None:
    docs = _docs()
    docs[0]["answers"]["bags"]["value"] = 777  # out of range, one respondent
    docs[1]["answers"]["bags"]["value"] = "lots"
    docs[2]["answers"]["weekly"]["value"] = "my neighbour at no. 4"
    counts, cells = _tables(docs, plan, ["weekly"])
    assert "above 24" in counts and NOT_A_NUMBER in counts
    labels = {part for cell in cells for part in cell}
    assert not {"777", "lots", "my neighbour at no. 4"} & labels
    assert INVALID in labels
    assert cells[("1", "bags", "above 24")] is None
