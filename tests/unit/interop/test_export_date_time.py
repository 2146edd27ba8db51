"""Date and time answers are dates and times in Stata and SPSS (Stata %td and %tcHH:MM,
SPSS DATE11 and TIME5), with their missing reasons as numbers have them: an analyst can
subtract two dates or sort by time without converting text first. They were text
variables ("2026-11-20") with a `_m` variable beside them."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from fieldtui.interop.exporter import Target, export_files
from tests.support.dataset_factory import document, plan_dataset
from tests.support.roster_world import row

pyreadstat = pytest.importorskip("pyreadstat")

PLAN = "\n".join([
    "[plan]", 'id = "when"', "version = 1", 'title = "When"', 'method = "interview"',
    'language = "en"', "minutes = 5", "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
    "[[section.item]]", 'id = "day"', 'kind = "date"', 'prompt = "Date of the visit?"',
    "[[section.item]]", 'id = "at"', 'kind = "time"', 'prompt = "Time it started?"', ""])
ANSWERS = [
    {"day": row("2026-11-20"), "at": row("09:30")},
    {"day": row("1582-10-15"), "at": row("23:59")},  # SPSS's first day; the last minute
    {"day": row(None, reason="Declined to answer"), "at": row(None, reason="Don't know")},
    {"day": row("2026-02-30"), "at": row("25:00")},  # no such date or time
]


def _export(tmp_path: Path, fmt: str) -> Path:
    docs = []
    for answers in ANSWERS:
        doc = document(plan_id="when")
        doc["answers"] = answers
        docs.append(doc)
    conn = plan_dataset(tmp_path / "d.sqlite", PLAN, docs)
    out = tmp_path / "out"
    out.mkdir()
    [path] = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    conn.close()
    return path


def test_stata_dates_and_times_are_typed_with_extended_missing(tmp_path: Path) -> None:
    path = _export(tmp_path, "dta")
    df, meta = pyreadstat.read_dta(str(path), user_missing=True)
    assert meta.original_variable_types["day"] == "%td"
    assert meta.original_variable_types["at"] == "%tcHH:MM"
    assert list(df["day"][:2]) == [date(2026, 11, 20), date(1582, 10, 15)]
    assert list(df["day"][2:]) == ["a", "g"]
    assert list(df["at"][:2]) == [time(9, 30), time(23, 59)]
    assert list(df["at"][2:]) == ["b", "g"]
    assert "day_m" not in df.columns and "at_m" not in df.columns
    raw, _ = pyreadstat.read_dta(str(path), disable_datetime_conversion=True)
    assert raw["day"][0] == 24_430  # days since 1 Jan 1960, as Stata's mdy(11, 20, 2026)
    assert raw["at"][0] == 34_200_000  # milliseconds: hms(9, 30, 0)


def test_spss_dates_and_times_are_typed_with_user_missing(tmp_path: Path) -> None:
    path = _export(tmp_path, "sav")
    df, meta = pyreadstat.read_sav(str(path), user_missing=True,
                                   disable_datetime_conversion=True)
    assert meta.original_variable_types["day"] == "DATE11"
    assert meta.original_variable_types["at"] == "TIME5"
    # seconds since 14 Oct 1582, as SPSS's DATE.DMY(20,11,2026); seconds since midnight
    assert list(df["day"]) == [14_014_512_000, 86_400, -991, -997]
    assert list(df["at"]) == [34_200, 86_340, -992, -997]
    assert meta.missing_ranges["day"] == [{"lo": -999.0, "hi": -991.0}]
    assert meta.variable_value_labels["at"][-992] == "don't know"
    typed, _ = pyreadstat.read_sav(str(path))
    assert list(typed["day"][:2]) == [date(2026, 11, 20), date(1582, 10, 15)]
    assert list(typed["at"][:2]) == [time(9, 30), time(23, 59)]
