"""The attacker's check on the codebook, a document written in plain text, not logged, that
travels with the study's files and says it holds no answer: two datasets that differ by one
respondent must give the same codebook. Its SPSS missing codes were worked out from the
answers too, so one more respondent who answered -995 to a number item with no `min`
moved that item's codes to -9991 in the codebook (and one who answered below -9991, to
-99991): the codebook told whoever read it that someone answered between -999 and -991,
and how low the lowest answer went. The codebook now names only the moves its plan makes
(a `min` down into the range, a labelled code there); the .sav file declares the others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.cli import main
from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents
from tests.support.roster_world import row

PLAN = "\n".join([
    "[plan]", 'id = "num"', "version = 1", 'title = "Numbers"', 'method = "interview"',
    'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    "[[section.item]]", 'id = "balance"', 'kind = "number"', 'prompt = "Balance?"',
    "[[section.item]]", 'id = "depth"', 'kind = "number"', 'prompt = "Depth?"',
    "min = -2000", "max = 0", ""])
BASE: list[dict[str, Any]] = [{"balance": row(n), "depth": row(-n)} for n in range(1, 9)]


def _codebook(folder: Path, extra: list[dict[str, Any]], suffix: str) -> str:
    folder.mkdir()
    conn = open_dataset(folder / "d.sqlite", create=True)
    plan = parse_plan(PLAN).plan
    assert plan is not None
    conn.execute("INSERT INTO plans VALUES ('num', 1, ?, ?)", (plan.content_hash, PLAN))
    docs = []
    for n, answers in enumerate(BASE + extra):
        doc = document(plan_id="num", session_id=f"s{n}")
        doc["plan"]["hash"] = plan.content_hash
        doc["answers"] = answers
        docs.append(doc)
    load_documents(conn, docs)
    conn.close()
    book = folder / f"book.{suffix}"
    main(["codebook", str(folder / "d.sqlite"), "-o", str(book)])
    return book.read_text("utf-8")


@pytest.mark.parametrize("suffix", ["md", "html"])
@pytest.mark.parametrize(("before", "added"), [([], -995), ([-995], -12_345)])
def test_one_more_respondent_leaves_the_codebook_as_it_was(
        tmp_path: Path, suffix: str, before: list[int], added: int,
        capsys: pytest.CaptureFixture[str]) -> None:
    """-995 answered (the codes were moved to -9991), or -12345 below an answer of -995
    (moved again, to -99991): the codebook must not tell."""
    rows = [{"balance": row(v), "depth": row(-1)} for v in before]
    base = _codebook(tmp_path / "a", rows, suffix)
    more = _codebook(tmp_path / "b", [*rows, {"balance": row(added), "depth": row(-2)}],
                     suffix)
    capsys.readouterr()
    assert more == base
    # the plan's own reach is still named: depth's min (-2000) reaches the range
    depth = base.split("depth", 1)[1]
    assert "-9991 = declined" in depth and "-9999 to -9991" in depth
