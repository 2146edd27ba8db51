"""An answer between -999 and -991 is a value in SPSS, not a missing reason. Every numeric
variable declared -999..-991 user-missing, so an answered -995 read as "not asked" and
-991 as "declined". A variable whose answers (or whose plan's min) reach that range now has
its own codes below its values (-9991 ..., range -9999..-9991), with their labels, named
in the codebook under it when its plan moves them; the others keep -991 ... -997."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from fieldtui.cli import main
from fieldtui.interop.exporter import Target, export_files
from fieldtui.interop.spss_missing import spss_top
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents, plan_dataset, record_plans
from tests.support.roster_world import PLAN as ROSTER_PLAN
from tests.support.roster_world import row

pyreadstat = pytest.importorskip("pyreadstat")

PLAN = "\n".join([
    "[plan]", 'id = "num"', "version = 1", 'title = "Numbers"', 'method = "interview"',
    'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    "[[section.item]]", 'id = "balance"', 'kind = "number"', 'prompt = "Balance?"',
    "[[section.item]]", 'id = "depth"', 'kind = "number"', 'prompt = "Depth?"',
    "min = -2000", "max = 0",
    "[[section.item]]", 'id = "rooms"', 'kind = "number"', 'prompt = "Rooms?"', ""])
DK, DECLINED = "Don't know", "Declined to answer"
ANSWERS: list[dict[str, Any]] = [
    {"balance": row(-995), "depth": row(-5), "rooms": row(3)},
    {"balance": row(-991), "depth": row(None, reason=DK), "rooms": row(-1500)},
    {"balance": row(None, reason=DECLINED), "depth": row(-1999.5), "rooms": row(None, reason=DK)},
    {"balance": row(-1000.5), "depth": row(-10), "rooms": row(2)},
    {},  # nothing reached
]


def _dataset(tmp_path: Path) -> Path:
    db = tmp_path / "d.sqlite"
    docs = []
    for n, answers in enumerate(ANSWERS):
        doc = document(plan_id="num", session_id=f"s{n}")
        doc["answers"] = answers
        docs.append(doc)
    plan_dataset(db, PLAN, docs).close()
    return db


def _sav(tmp_path: Path) -> Path:
    db = _dataset(tmp_path)
    conn = open_dataset(db)
    out = tmp_path / "out"
    out.mkdir()
    [path] = export_files(conn, Target(out, "sav", [], True, False, "tester"))
    conn.close()
    return path


def _same(found: Any, expected: list[float]) -> bool:
    return all((math.isnan(a) and math.isnan(b)) or a == b
               for a, b in zip(list(found), expected, strict=True))


def test_answers_in_the_range_are_values_and_reasons_stay_missing(tmp_path: Path) -> None:
    path = _sav(tmp_path)
    df, meta = pyreadstat.read_sav(str(path), user_missing=True)
    # balance: answered -995 and -991; codes below its lowest value, -1000.5
    assert list(df["balance"]) == [-995, -991, -9991, -1000.5, -9994]
    assert meta.missing_ranges["balance"] == [{"lo": -9999.0, "hi": -9991.0}]
    labels = meta.variable_value_labels["balance"]
    assert labels[-9991] == "declined to answer" and labels[-9992] == "don't know"
    assert labels[-9994] == "not reached (session ended before it)"
    assert -995 not in labels and -991 not in labels
    # depth: its plan's min (-2000) reaches the range, though no answer does
    assert list(df["depth"]) == [-5, -9992, -1999.5, -10, -9994]
    assert meta.missing_ranges["depth"] == [{"lo": -9999.0, "hi": -9991.0}]
    # rooms: -1500 is below the range, nothing in it: the usual codes
    assert list(df["rooms"]) == [3, -1500, -992, 2, -994]
    assert meta.missing_ranges["rooms"] == [{"lo": -999.0, "hi": -991.0}]
    assert meta.variable_value_labels["rooms"][-992] == "don't know"
    values, _ = pyreadstat.read_sav(str(path), user_missing=False)
    nan = float("nan")
    assert _same(values["balance"], [-995, -991, nan, -1000.5, nan])
    assert _same(values["depth"], [-5, nan, -1999.5, -10, nan])
    assert _same(values["rooms"], [3, -1500, nan, 2, nan])


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_the_codebook_names_the_moved_codes(tmp_path: Path, suffix: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = _dataset(tmp_path)
    book = tmp_path / f"book.{suffix}"
    main(["codebook", str(db), "-o", str(book)])
    capsys.readouterr()
    text = book.read_text()
    codes = ("-9991 = declined, -9992 = dont-know, -9993 = skipped, -9994 = not-reached, "
             "-9995 = not-asked, -9996 = not-in-version, -9997 = invalid")
    parts = {name: text.split(name, 1)[1] for name in ("balance", "depth", "rooms")}
    depth = parts["depth"].split("rooms", 1)[0]  # moved by its plan's min: named
    assert codes in depth and "-9999 to -9991" in depth, depth
    # moved by its answers alone: the .sav declares them, the codebook (plain text that
    # travels) never tells of an answer (test_codebook_answer_leak)
    assert codes not in parts["balance"].split("depth", 1)[0]
    assert codes not in parts["rooms"]
    assert "991 to " in parts["rooms"] and "997 (see Missing codes)" in parts["rooms"]


def test_the_codes_go_below_the_lowest_value() -> None:
    assert spss_top(-5, reaches=False) == -991
    assert spss_top(-995, reaches=True) == -9991
    assert spss_top(-9991, reaches=True) == -99991
    assert spss_top(-1e14, reaches=True) == -999_999_999_999_991
    assert spss_top(-1e15, reaches=True) is None  # no exact code below: the export says so


def test_a_roster_variable_in_the_range_has_its_own_codes(tmp_path: Path) -> None:
    """A member's age of -995 (a roster's file): a value; the plan's file keeps -991."""
    from fieldtui.interop.codebook import codebook
    from fieldtui.interop.spss_missing import plan_spss_tops
    from fieldtui.supervise.study_link import dataset_plans
    from tests.support.roster_world import household_docs

    docs = household_docs()
    docs[1]["answers"]["age#m1"]["value"] = -995
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, ROSTER_PLAN)
    load_documents(conn, docs)
    out = tmp_path / "out"
    out.mkdir()
    files = {p.name: p for p in export_files(conn, Target(out, "sav", [], True, False, "t"))}
    people, meta = pyreadstat.read_sav(str(files["household_roster_people.sav"]),
                                       user_missing=True)
    assert list(people["age"]) == [34, 12, 8, -995, 70, -9994]
    assert meta.missing_ranges["age"] == [{"lo": -9999.0, "hi": -9991.0}]
    assert meta.variable_value_labels["age"][-9994] == "not reached (session ended before it)"
    _, main_meta = pyreadstat.read_sav(str(files["household_roster.sav"]), user_missing=True)
    assert main_meta.missing_ranges["hh_size"] == [{"lo": -999.0, "hi": -991.0}]
    plans = [p for (pid, _), p in dataset_plans(conn).items() if pid == "household-roster"]
    tops = plan_spss_tops(conn, "household-roster", plans)
    assert tops == {"people": {"age": -9991}}
    text = codebook("household-roster", plans, spss_tops=tops)
    assert "-9991 = declined" in text.split("### age", 1)[1].split("###", 1)[0]
    conn.close()


def test_every_part_of_a_large_plan_has_the_same_codes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-995 is answered in the first part only: the second part's codes are moved too, so
    the parts append into one variable with one set of codes."""
    from fieldtui.interop import exporter

    monkeypatch.setattr(exporter, "PART_ROWS", 3)
    db = _dataset(tmp_path)
    conn = open_dataset(db)
    (tmp_path / "parts").mkdir()
    paths = export_files(conn, Target(tmp_path / "parts", "sav", [], True, False, "t"))
    conn.close()
    assert len(paths) == 2
    second, meta = pyreadstat.read_sav(str(paths[1]), user_missing=True)
    assert list(second["balance"]) == [-1000.5, -9994]
    assert meta.missing_ranges["balance"] == [{"lo": -9999.0, "hi": -9991.0}]


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_a_whole_number_past_a_double_is_an_invalid_answer(tmp_path: Path, fmt: str) -> None:
    """JSON sets no limit on a whole number and Python reads 10**400 exactly: the export
    (and the SPSS codes worked out before it) failed with OverflowError in a traceback.
    Such an answer is no number (invalid), as text in a number item is."""
    docs = []
    for n, value in enumerate([10**400, -(10**400), -995]):
        doc = document(plan_id="num", session_id=f"s{n}")
        doc["answers"] = {"balance": row(value), "rooms": row(value)}
        docs.append(doc)
    conn = plan_dataset(tmp_path / "d.sqlite", PLAN, docs)
    (tmp_path / "out").mkdir()
    [path] = export_files(conn, Target(tmp_path / "out", fmt, [], True, False, "tester"))
    conn.close()
    if fmt == "sav":
        df, meta = pyreadstat.read_sav(str(path), user_missing=True)
        assert list(df["balance"]) == [-9997, -9997, -995]  # invalid, below -995
        assert list(df["rooms"]) == [-9997, -9997, -995]
        assert meta.missing_ranges["balance"] == [{"lo": -9999.0, "hi": -9991.0}]
    else:
        df, _ = pyreadstat.read_dta(str(path), user_missing=True)
        assert [str(v) for v in df["balance"]][:2] == ["g", "g"]  # .g: invalid
