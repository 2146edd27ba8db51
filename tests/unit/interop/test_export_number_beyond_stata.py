"""A device can answer a number item with 1e308 (a finite double, valid JSON). Stata's
doubles stop below 2**1023, and pyreadstat refused the whole .dta for that one cell: the
export failed, its message blaming a full disk, for every session of the plan. Such a
number is now a value outside the plan in the .dta (.g, as review flags it); the others
are written, and the .sav keeps the number as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.interop.exporter import Target, export_files
from tests.support.dataset_factory import document, plan_dataset
from tests.support.roster_world import row

pyreadstat = pytest.importorskip("pyreadstat")

PLAN = "\n".join([
    "[plan]", 'id = "num"', "version = 1", 'title = "Numbers"', 'method = "interview"',
    'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    "[[section.item]]", 'id = "income"', 'kind = "number"', 'prompt = "Income?"', ""])
VALUES = [1200.5, 1e308, -9e307, 8.9e307]


def _export(tmp_path: Path, fmt: str) -> Path | str:
    docs = []
    for n, value in enumerate(VALUES):
        doc = document(plan_id="num", session_id=f"s{n}")
        doc["answers"] = {"income": row(value)}
        docs.append(doc)
    conn = plan_dataset(tmp_path / "d.sqlite", PLAN, docs)
    out = tmp_path / fmt
    out.mkdir()
    try:
        [path] = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    except FieldtuiError as exc:
        return str(exc)  # the export refused
    finally:
        conn.close()
    return path


def test_a_number_stata_cannot_hold_is_invalid_in_the_dta_not_the_end_of_it(
        tmp_path: Path) -> None:
    path = _export(tmp_path, "dta")
    assert isinstance(path, Path), path
    df, _meta = pyreadstat.read_dta(str(path), user_missing=True)
    assert list(df["income"]) == [1200.5, "g", "g", 8.9e307]


def test_the_sav_keeps_such_a_number(tmp_path: Path) -> None:
    path = _export(tmp_path, "sav")
    assert isinstance(path, Path), path
    df, _meta = pyreadstat.read_sav(str(path))
    assert list(df["income"]) == VALUES
