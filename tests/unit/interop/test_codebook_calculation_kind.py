"""The codebook said whether a calculation is numeric from the answers: numeric when every
stored value was a number, else text (with an `_m` variable). One respondent whose value
was text (a device's, or an expression that gives either) turned the variable to text in
the codebook, a document in plain text that travels and says it holds no answer: two
codebooks one respondent apart told that someone's value was not a number. Now the
codebook reads the plan alone (core/plan/expr/result_kind); the export still looks at the
values it writes, and the codebook says where that may differ."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.cli import main
from fieldtui.core.plan.expr.result_kind import calculation_kinds
from tests.support.dataset_factory import document, plan_dataset
from tests.support.roster_world import row

PLAN = "\n".join([
    "[plan]", 'id = "calc"', "version = 1", 'title = "Calculations"', 'method = "interview"',
    'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    "[[section.item]]", 'id = "n"', 'kind = "number"', 'prompt = "How many?"',
    "[[section.item]]", 'id = "doubled"', 'kind = "calculate"', 'calculation = "${n} * 2"',
    "[[section.item]]", 'id = "copied"', 'kind = "calculate"', 'calculation = "${n}"',
    "[[section.item]]", 'id = "size"', 'kind = "calculate"',
    "calculation = \"if(${n} > 5, 'big', 'small')\"", ""])


def _answers(n: Any, doubled: Any, copied: Any, size: str) -> dict[str, Any]:
    return {"n": row(n), "doubled": row(doubled), "copied": row(copied), "size": row(size)}


BASE = [_answers(k, 2 * k, k, "small") for k in range(1, 5)]


def _codebook(folder: Path, extra: list[dict[str, Any]], suffix: str) -> str:
    folder.mkdir()
    docs = [document(plan_id="calc", session_id=f"s{k}", answers=None)
            for k in range(len(BASE) + len(extra))]
    for doc, answers in zip(docs, BASE + extra, strict=True):
        doc["answers"] = answers
    plan_dataset(folder / "d.sqlite", PLAN, docs).close()
    book = folder / f"book.{suffix}"
    main(["codebook", str(folder / "d.sqlite"), "-o", str(book)])
    return book.read_text("utf-8")


@pytest.mark.parametrize("suffix", ["md", "html"])
@pytest.mark.parametrize("extra", [
    _answers(7, 14, "seven", "big"),   # a value given as text where the others are numbers
    _answers(7, "x", 7, "big"),        # a device's text where the plan gives a number
    _answers(7, 14, 7, "12"),          # text that looks like a number
])
def test_one_respondent_leaves_the_codebook_as_it_was(
        tmp_path: Path, suffix: str, extra: dict[str, Any],
        capsys: pytest.CaptureFixture[str]) -> None:
    base = _codebook(tmp_path / "a", [], suffix)
    more = _codebook(tmp_path / "b", [extra], suffix)
    capsys.readouterr()
    assert more == base


def test_the_plan_says_the_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = _codebook(tmp_path / "a", [], "md")
    capsys.readouterr()
    doubled = book.split("### doubled", 1)[1].split("###", 1)[0]
    assert "- type: numeric\n" in doubled
    copied = book.split("### copied\n", 1)[1].split("###", 1)[0]
    assert "- type: text, or numeric: its plan does not say" in copied
    assert "### copied_m" in book  # described as text: its reason variable too
    size = book.split("### size\n", 1)[1].split("###", 1)[0]
    assert "- type: text\n" in size


@pytest.mark.parametrize(("calculation", "kind"), [
    ("1 + 2", "num"), ("0.5", "num"), ("-${n}", "num"), ("${a} div ${b}", "num"),
    ("round(${a} div 3, 2)", "num"), ("count(${members})", "num"), ("position(..)", "num"),
    ("if(${a} > 1, 1, 0)", "num"), ("if(${a} > 1, ${a} * 2, '')", "num"),
    ("coalesce(${a} + 1, 0)", "num"), ("once(random())", "num"), ("${other}", "num"),
    ("'often'", "text"), ("'5'", "text"), ("${a} > 1", "text"), ("concat(${a}, 'x')", "text"),
    ("today()", "text"), ("if(${a} > 1, 'yes', 'no')", "text"),
    ("${a}", "any"), (".", "any"), ("if(${a} > 1, 1, 'no')", "any"), ("''", "any"),
    ("indexed-repeat(${a}, ${r}, 1)", "any"), ("nosuch(1)", "any"), ("1 +", "any"),
])
def test_the_kind_of_a_calculation(calculation: str, kind: str) -> None:
    assert calculation_kinds({"c": calculation, "other": "3 * 2"})["c"] == kind


def test_a_cycle_has_no_kind() -> None:
    assert calculation_kinds({"a": "${b}", "b": "${a}"}) == {"a": "any", "b": "any"}
