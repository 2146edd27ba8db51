"""The wording check measured on a labelled set of unseen items (tests/fixtures/wording_eval).

The items were written for this set, not taken from the rule tests or the lexicons; each names
the rule a survey methodologist expects (or none for a good item). The "dev" items were
scored first and their misses guided general improvements to the rules (never by copying their
words into the lexicons); the "fresh" items were written after a first round of improvements
and their false alarms led to two general fixes, so they are training data too. The "holdout"
items are never used to change a rule: its first 53 items were written before the first round,
and 48 more (ids en-n…/zh-n…, 32 defective) were added from the rule definitions before the
second round (presumptions, "untrue", more absolutes, a count with no "none", numbers in words
in ranges), so that the holdout has enough defective items (68) to say something. Targets
(issue 12, item 7), asserted on the holdout: flag at least 80 % of defective items, name the
expected rule for at least 60 %, and raise an alarm on at most 15 % of good ones. Run with -s
to see the figures; misses are listed for the training parts only, so the holdout stays unseen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.wording import RULES
from tests.support.wording_items import plan_text

EVAL = Path(__file__).parents[2] / "fixtures" / "wording_eval" / "items.jsonl"


@dataclass(frozen=True)
class Scores:
    recall: float
    right_rule: float
    false_alarms: float
    misses: tuple[str, ...]


def _item(row: dict[str, Any]) -> dict[str, object]:
    item: dict[str, object] = {"kind": row["kind"], "prompt": row["prompt"]}
    if "options" in row:
        item["options"] = row["options"]
    if "labels" in row:
        item["scale"] = row["labels"]
    return item


def _rules(row: dict[str, Any]) -> set[str]:
    language = "zh-CN" if row["lang"] == "zh" else "en"
    findings = check_text(plan_text(_item(row), language=language, method=row["method"]), "eval.toml")
    stray = [f.format() for f in findings if f.rule not in RULES]
    assert not stray, (row["id"], stray)  # every item is a valid plan: only wording findings
    return {f.rule for f in findings}


def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(data: list[dict[str, Any]]) -> Scores:
    bad = [(r, _rules(r)) for r in data if r["expect"]]
    good = [(r, _rules(r)) for r in data if not r["expect"]]
    flagged = sum(1 for _, rules in bad if rules)
    named = sum(1 for r, rules in bad if r["expect"] in rules)
    alarms = sum(1 for _, rules in good if rules)
    misses = tuple(f"{r['id']}: expected {r['expect'] or 'nothing'}, got {sorted(rules)}"
                   for r, rules in (*bad, *good) if (r["expect"] not in rules) == bool(r["expect"])
                   or (not r["expect"] and rules))
    return Scores(flagged / len(bad), named / len(bad), alarms / len(good), misses)


def test_the_set_is_big_enough_and_covers_every_rule_in_both_languages() -> None:
    data = rows()
    assert len(data) >= 120
    assert len({r["id"] for r in data}) == len(data)
    assert {r["part"] for r in data} == {"dev", "holdout", "fresh"}
    assert {r["expect"] for r in data} == {*RULES, None}
    for language in ("en", "zh"):
        mine = [r for r in data if r["lang"] == language]
        assert {r["expect"] for r in mine} == {*RULES, None}, language
        assert {r["kind"] for r in mine} >= {"open", "choice", "multi", "scale", "number"}


def test_recall_right_rule_and_false_alarms_meet_the_targets() -> None:
    data = rows()
    for part in ("dev", "fresh"):
        mine = score([r for r in data if r["part"] == part])
        print(f"\n{part}: recall {mine.recall:.0%}, right rule {mine.right_rule:.0%}, "
              f"false alarms {mine.false_alarms:.0%}")
        print("\n".join(mine.misses))
    holdout = [r for r in data if r["part"] == "holdout"]
    assert sum(1 for r in holdout if r["expect"]) >= 40 and len(holdout) >= 60
    scores = score(holdout)
    print(f"wording eval, holdout of {len(holdout)} items: recall {scores.recall:.0%} "
          f"(target >= 80%), right rule {scores.right_rule:.0%} (>= 60%), false alarms "
          f"{scores.false_alarms:.0%} (<= 15%)")
    assert scores.recall >= 0.80
    assert scores.right_rule >= 0.60
    assert scores.false_alarms <= 0.15


def test_the_score_counts_what_it_says() -> None:
    good = {"id": "g", "lang": "en", "method": "interview", "kind": "open",
            "prompt": "What is your job title?", "expect": None}
    bad = {"id": "b", "lang": "en", "method": "interview", "kind": "open",
           "prompt": "Do you always walk?", "expect": "absolute"}
    wrong = {**bad, "id": "w", "expect": "leading"}
    alarm = {**bad, "id": "a", "expect": None}
    assert score([good, bad]) == Scores(1.0, 1.0, 0.0, ())
    result = score([good, alarm, wrong])
    assert (result.recall, result.right_rule, result.false_alarms) == (1.0, 0.0, 0.5)
    assert len(result.misses) == 2
