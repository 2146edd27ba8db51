"""Which calculations are numbers (numeric variables in Stata and SPSS) is
read the same from a dataset file and from PostgreSQL: PostgreSQL has no GLOB, and a
plan with a calculation made `codebook URL` and `export URL --format dta|sav` fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.interop.exporter import numeric_calculations
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.study_link import dataset_plans
from tests.support.cli_main import run
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES

CALCULATIONS = """
[[section.item]]
id = "trips"
kind = "calculate"
calculation = "1 + 2"

[[section.item]]
id = "label"
kind = "calculate"
calculation = "'often'"

[[section.item]]
id = "ratio"
kind = "calculate"
calculation = "0.5"
"""


def _dataset(at: Path | str, plan: Path) -> Any:
    conn = open_dataset(at, create=True)
    record_plans(conn, plan)
    answers: list[dict[str, Any]] = [
        {"travel": "bus", "trips": 3, "label": "often", "ratio": -1.5e-3},
        {"travel": "car", "trips": 12, "label": "2 or more", "ratio": 0.25}]
    load_documents(conn, [document(answers=a) for a in answers])
    return conn


def test_numeric_calculations_agree_on_a_file_and_on_postgres(
        tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "calc.toml"
    plan.write_text((FIXTURES / "minimal_interview.toml").read_text("utf-8") + CALCULATIONS,
                    encoding="utf-8")
    found = {}
    for kind, at in (("file", tmp_path / "d.sqlite"), ("pg", pg_url)):
        conn = _dataset(at, plan)
        try:
            plans = [dataset_plans(conn)[("mini-interview", 1)]]
            found[kind] = numeric_calculations(conn, "mini-interview", plans)
        finally:
            conn.close()
    assert found["file"] == frozenset({"trips", "ratio"})  # "label" holds text
    assert found["pg"] == found["file"]  # before: PostgreSQL refused the GLOB
    book = tmp_path / "codebook.md"
    code, _out, err = run(["codebook", pg_url, "-o", str(book)], capsys)
    assert code == 0, err
    assert "trips" in book.read_text("utf-8")
