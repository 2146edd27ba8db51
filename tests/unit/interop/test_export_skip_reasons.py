"""A skip reason typed in Chinese is read as English ones are: "不知道" is don't know and
"拒绝回答" declined, in the long tables (the CSV lines SQLite writes and the Python path)
and in Stata's extended missing values. They were "skipped (other reason)". Only whole
reasons count: a longer text holding such words stays an other reason."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fieldtui.core.missing import Missing, skip_reason
from fieldtui.interop.exporter import Target, export_files
from tests.support.dataset_factory import document, plan_dataset
from tests.support.roster_world import row

PLAN = "\n".join([
    "[plan]", 'id = "why"', "version = 1", 'title = "Why"', 'method = "interview"',
    'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    "[[section.item]]", 'id = "n"', 'kind = "number"', 'prompt = "How many?"', ""])
REASONS = {  # reason typed -> what it is read as
    "Declined to answer": "declined", "refused": "declined", " Don't know ": "dont-know",
    "DK": "dont-know", "不知道": "dont-know", "不清楚": "dont-know", " 说不清\u3000": "dont-know",
    "拒绝回答": "declined", "拒答": "declined", "不愿回答": "declined",
    "他不知道": "skipped", "不知道吧": "skipped", "拒答率": "skipped", "no time": "skipped"}


@pytest.mark.parametrize(("reason", "code"), list(REASONS.items()))
def test_a_reason_is_read_whole_in_either_language(reason: str, code: str) -> None:
    found = skip_reason(True, reason)
    assert found is not None and found.code == code


def _export(tmp_path: Path, fmt: str) -> Path:
    docs = []
    for n, reason in enumerate(REASONS):
        doc = document(plan_id="why", session_id=f"s{n:02d}")
        doc["answers"] = {"n": row(None, reason=reason)}
        docs.append(doc)
    conn = plan_dataset(tmp_path / "d.sqlite", PLAN, docs)
    out = tmp_path / fmt
    out.mkdir()
    paths = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    conn.close()
    return next(p for p in paths if p.name.startswith("answers") or fmt != "csv")


def test_chinese_and_english_reasons_in_the_answers_csv(tmp_path: Path) -> None:
    """The CSV export (SQLite's lines for plain ASCII rows, Python's for the others)."""
    with _export(tmp_path, "csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["skip_reason"]: r["missing"] for r in rows} == REASONS


def test_chinese_and_english_reasons_in_stata(tmp_path: Path) -> None:
    pyreadstat = pytest.importorskip("pyreadstat")
    df, _ = pyreadstat.read_dta(str(_export(tmp_path, "dta")), user_missing=True)
    letters = {m.stata: m.code for m in Missing}
    assert [letters[v] for v in df["n"]] == list(REASONS.values())
