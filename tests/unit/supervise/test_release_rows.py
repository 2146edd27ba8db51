"""Differencing within a crossing (issue 10, items 3 and 4): the added respondents of one
group (a region, a language) all giving one answer.

Between two releases 20 respondents of the North are added who all answer "3 to 5 days"
and 20 of the South who all answer "6 or 7 days": each item's answer among all the added
is split half and half (the whole-item posterior is 0.5), but the difference of the
region × weekly table has a North row with all its mass on one answer and zeros
elsewhere. A reader who knows only what was published (both releases' cells within the
largest change) and that someone was added and lives in the North must not be more than
0.5 sure of their answer.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.attacker import Attacker
from fieldtui.supervise.poll_tables import TALLIED, language_item
from fieldtui.supervise.release import Release, create_release
from tests.support.dataset_factory import document
from tests.support.paths import FIXTURES, PLANS
from tests.support.poll_world import (
    add_sessions,
    poll_dataset,
    poll_docs,
    poll_plan,
    reader_knows,
    with_poll,
)

PLAN = "poll-bins-mini"
WEEKLY = ["None", "1 to 2 days", "3 to 5 days", "6 or 7 days"]
REGIONS = ["North", "South"]


def _plan_text() -> str:
    """The two-item poll with a region item, crossed by region."""
    text = (FIXTURES / "poll_bins.toml").read_text().replace(
        '[[section.item]]\nid = "distance"',
        '[[section.item]]\nid = "region"\nkind = "choice"\nprompt = "Where do you live?"\n'
        'options = ["North", "South"]\n\n[[section.item]]\nid = "distance"', 1)
    return with_poll(text, cross=["region"])


def _doc(rng: random.Random, weekly: str, region: str) -> dict[str, Any]:
    return document(method="poll", plan_id=PLAN, answers={
        "weekly": weekly, "region": region, "distance": rng.choice([1, 2, 3, 4, 5])})


def _worst_row(one: Release, two: Release) -> tuple[float, str]:
    """The reader's largest certain share of one answer among the added respondents of
    one group (a row or a column of the difference), from published cells, beyond what
    the published table says of everyone in the group (the answer's shown share of it)."""
    attacker = Attacker([reader_knows(one, "a"), reader_knows(two, "b", inside=("a",))])
    shown = two.cells()
    worst = (0.0, "")
    for group, answer in (("region", "weekly"), ("weekly", "region")):
        for r in two.tables["categories"][group]:
            added = attacker.interval_high({("b", "1", group, r): 1.0,
                                            ("a", "1", group, r): -1.0})
            for c in two.tables["categories"][answer]:
                cell = ("x", "region", r, "weekly", c) if group == "region" else \
                    ("x", "region", c, "weekly", r)
                sure = attacker.interval_low({("b", *cell): 1.0, ("a", *cell): -1.0})
                everyone = (shown[cell] or 0) / max(1, shown[("1", group, r)] or 0)
                if added > 0 and sure / added > max(0.5, everyone):
                    worst = max(worst, (sure / added, f"{group}={r}: {answer}={c}"))
    return worst


def test_a_group_added_all_alike_is_refused_until_enough_more_are_merged(
        tmp_path: Path) -> None:
    rng = random.Random(1)
    first = [_doc(rng, rng.choice(WEEKLY), rng.choice(REGIONS)) for _ in range(40)]
    conn = poll_dataset(tmp_path / "d.sqlite", _plan_text(), first)
    one, _ = create_release(conn, PLAN)
    add_sessions(conn, [_doc(rng, "3 to 5 days", "North") for _ in range(20)]
                 + [_doc(rng, "6 or 7 days", "South") for _ in range(20)], seed=2)
    try:
        two, _ = create_release(conn, PLAN)
    except FieldtuiError as exc:
        refused = exc
    else:
        posterior, where = _worst_row(one, two)
        pytest.fail(f"published: the reader reads the added {where} at {posterior:.2f}")
    assert "posterior" in refused.what and "region" in refused.what, refused.what
    # Merging as many more as each refusal names, in each region with answers of every
    # kind, dilutes the groups until the release passes.
    for batch in range(4, 10):
        more = int(refused.todo.split("merge at least ")[1].split()[0])
        add_sessions(conn, [_doc(rng, rng.choice(WEEKLY), region) for region in REGIONS
                            for _ in range(more)], seed=batch)
        try:
            two, result = create_release(conn, PLAN)
            break
        except FieldtuiError as exc:
            refused = exc
    else:
        pytest.fail(f"still refused: {refused.what}")
    assert not result.findings
    posterior, where = _worst_row(one, two)
    assert posterior == 0.0, f"the reader reads the added {where} at {posterior:.2f}"


def asked_in(docs: list[dict[str, Any]], langs: list[str]) -> list[dict[str, Any]]:
    """The documents with every answer asked in the language given for its session."""
    for doc, lang in zip(docs, langs, strict=True):
        for answer in doc["answers"].values():
            answer["lang"] = lang
    return docs


def _alike(plan: Plan, k: int) -> dict[str, Any]:
    """A session giving the k-th answer (k = 0 or 1) to every item."""
    answers: dict[str, Any] = {}
    for item in plan.items:
        if item.kind == "choice":
            answers[item.id] = item.options[k]
        elif item.kind in ("scale", "number"):
            answers[item.id] = 4 + k if item.kind == "scale" else 1 + 5 * k
    return document(method="poll", plan_id=plan.id, answers=answers)


def test_twenty_added_in_chinese_all_alike_are_refused(tmp_path: Path) -> None:
    """The bilingual form: 20 added asked in Chinese all give one answer to every item,
    20 in English all another (each item half and half among the added). Published, as
    on main, the reader reads the Chinese row of the difference above 0.5 (0.52 to 0.59)."""
    plan = poll_plan()
    rng = random.Random(1)
    first = asked_in(poll_docs(plan, 40, 1), [rng.choice(["en", "zh"]) for _ in range(40)])
    conn = poll_dataset(tmp_path / "d.sqlite", (PLANS / "poll-bins.toml").read_text(), first)
    one, _ = create_release(conn, plan.id)
    add_sessions(conn, asked_in([_alike(plan, 0) for _ in range(20)], ["zh"] * 20)
                 + asked_in([_alike(plan, 1) for _ in range(20)], ["en"] * 20), seed=2)
    with pytest.raises(FieldtuiError) as refused:
        two, _ = create_release(conn, plan.id)
        attacker = Attacker([reader_knows(one, "a"), reader_knows(two, "b", inside=("a",))])
        for item, cats in two.tables["categories"].items():
            row = language_item(item)
            if plan.item(item).kind not in TALLIED:
                continue
            added = attacker.interval_high({("b", "1", row, "zh"): 1.0,
                                            ("a", "1", row, "zh"): -1.0})
            for c in cats:
                cell = ("x", row, "zh", item, c)
                sure = attacker.interval_low({("b", *cell): 1.0, ("a", *cell): -1.0})
                assert sure <= added * 0.5, \
                    f"published: the added asked in Chinese answered {item}={c} at " \
                    f"{sure / added:.2f}"
    what = refused.value.what
    assert "asked" in what and ("'zh'" in what or "'en'" in what), what
    assert "merge at least" in refused.value.todo
