"""Households with a roster through the dataset and every export format (issue 12, item 11):
answers keep their codes; not asked, skipped, declined, don't know, not reached and
answered are told apart; rosters are long tables keyed by session and member; calculations
are columns. Read back with pandas and pyreadstat."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fieldtui.interop.codebook import codebook
from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
from fieldtui.supervise.study_link import dataset_plans
from tests.support.roster_world import SIDS, household_dataset

pd = pytest.importorskip("pandas")
pyreadstat = pytest.importorskip("pyreadstat")
A, B, C = SIDS


def _export(conn: sqlite3.Connection, tmp_path: Path, fmt: str) -> dict[str, Path]:
    out = tmp_path / fmt
    out.mkdir()
    paths = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    return {p.name: p for p in paths}


def _answers(frame: Any) -> dict[tuple[str, str, str], tuple[Any, Any]]:
    """(session, item, member) -> (value, missing) of an answers table."""
    out = {}
    for r in frame.to_dict("records"):
        value = None if pd.isna(r["value"]) else r["value"]
        missing = None if pd.isna(r["missing"]) else r["missing"]
        member = "" if pd.isna(r["member"]) else r["member"]
        out[(r["session_id"], r["item_id"], member)] = (value, missing)
    return out


def test_the_dataset_keeps_members_and_not_asked_rows(tmp_path: Path) -> None:
    conn = household_dataset(tmp_path / "d.sqlite")
    rows = {(s[:1], i, m): (v, asked) for s, i, m, v, asked in conn.execute(
        "SELECT session_id, item_id, member, value, asked FROM answers")}
    assert rows[("a", "school", "m1")] == ("null", 0)  # kept aside on the device: not data
    assert rows[("a", "school", "m3")] == ('"yes"', 1)
    assert rows[("b", "floor", "")] == ("null", 0)  # kept aside
    assert rows[("c", "floor", "")] == ("null", 0)  # never asked, no answer: a row says so
    assert rows[("b", "school", "m1")] == ("null", 0)
    assert not [k for k in rows if k[2].startswith("m2") and k[0] == "a"]  # removed member
    members = conn.execute("SELECT session_id, roster, member, member_id, parent, position "
                           "FROM rosters ORDER BY session_id, roster, parent, position").fetchall()
    assert [m[1:] for m in members if m[0] == A] == [
        ("people", "m1", "m1", "", 1), ("people", "m3", "m3", "", 2),
        ("people", "m4", "m4", "", 3), ("visits", "m1/v1", "v1", "m1", 1),
        ("visits", "m1/v2", "v2", "m1", 2)]
    # The document itself is stored as the device sent it (the kept-aside answers too).
    doc = json.loads(conn.execute("SELECT document FROM sessions WHERE session_id=?",
                                  (A,)).fetchone()[0])
    assert doc["answers"]["name#m2"]["value"] == "Gone"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_long_tables_tell_every_reason_apart_and_key_rosters_by_member(
        tmp_path: Path, fmt: str) -> None:
    conn = household_dataset(tmp_path / "d.sqlite")
    files = _export(conn, tmp_path, fmt)
    read = {"csv": lambda p: pd.read_csv(p, dtype=str, keep_default_na=False,
                                          na_values=[""]),
            "jsonl": lambda p: pd.read_json(p, lines=True, dtype=False),
            "parquet": pd.read_parquet}[fmt]
    got = _answers(read(files[f"answers.{fmt}"]))
    text = (lambda v: v) if fmt == "jsonl" else str  # csv and parquet hold values as text
    assert got[(A, "dwelling", "")] == ("flat", None)  # the code, not the label
    assert got[(A, "floor", "")] == (text(4), None)
    assert got[(B, "floor", "")] == (None, "not-asked")  # the kept-aside 2 is not data
    assert got[(C, "floor", "")] == (None, "not-asked")
    assert got[(A, "school", "m1")] == (None, "not-asked")
    assert got[(A, "school", "m3")] == ("yes", None)
    assert got[(A, "school", "m4")] == (None, "dont-know")
    assert got[(B, "visit_date", "")] == (None, "declined")
    assert got[(A, "visit_date", "")] == ("2026-11-20", None)
    assert got[(A, "clinic", "m1/v2")] == ("south", None)
    assert got[(A, "per_room", "")] == (text(1.5), None)  # a calculation is an answer row
    assert got[(B, "home_word", "")] == ("detached", None)
    assert (B, "per_room", "") not in got  # not reached: no row
    assert not [k for k in got if k[0] == A and k[2].startswith("m2")]
    rosters = read(files[f"rosters.{fmt}"])
    keyed = [(r["session_id"], r["roster"], r["member"], r["member_id"],
              "" if pd.isna(r["parent"]) else r["parent"], int(r["position"]))
             for r in rosters.to_dict("records")]
    assert keyed == [
        (A, "people", "m1", "m1", "", 1), (A, "people", "m3", "m3", "", 2),
        (A, "people", "m4", "m4", "", 3), (A, "visits", "m1/v1", "v1", "m1", 1),
        (A, "visits", "m1/v2", "v2", "m1", 2), (B, "people", "m1", "m1", "", 1),
        (C, "people", "m1", "m1", "", 1), (C, "people", "m2", "m2", "", 2)]
    # Every answer in a roster joins its member.
    members = {(r[0], r[2]) for r in keyed}
    assert all((s, m) in members for s, _, m in got if m)


def test_stata_files_one_per_plan_and_one_per_roster(tmp_path: Path) -> None:
    conn = household_dataset(tmp_path / "d.sqlite")
    files = _export(conn, tmp_path, "dta")
    assert set(files) == {"household_roster.dta", "household_roster_people.dta",
                          "household_roster_visits.dta"}
    df, meta = pyreadstat.read_dta(str(files["household_roster.dta"]), user_missing=True)
    assert list(df["session_id"]) == [A, B, C]
    assert list(df["dwelling"]) == [1, 2, 3]
    assert meta.variable_value_labels["dwelling"][1] == "Flat or apartment"
    assert list(df["floor"]) == [4, "e", "e"]
    assert meta.variable_value_labels["floor"]["e"] == "not asked (not relevant)"
    assert list(df["rooms"]) == [2, "a", "g"]
    # a Stata date; home C answered rooms after it: passed over, skipped
    assert list(df["visit_date"]) == [date(2026, 11, 20), "a", "c"]
    assert list(df["per_room"]) == [1.5, "d", "d"]  # a numeric calculation, a column
    assert list(df["home_word"]) == ["apartment", "detached", "detached"]
    assert "name" not in df.columns and "school" not in df.columns  # in the roster's file
    people, pmeta = pyreadstat.read_dta(str(files["household_roster_people.dta"]),
                                       user_missing=True)
    assert list(zip(people["session_id"], people["member"], people["position"],
                    strict=True)) == [(A, "m1", 1), (A, "m3", 2), (A, "m4", 3), (B, "m1", 1),
                                      (C, "m1", 1), (C, "m2", 2)]
    assert list(people["name"])[:5] == ["Ana", "Bo", "Cy", "Dee", "Eve"]
    assert list(people["age"])[:5] == [34, 12, 8, 40, 70]
    assert list(people["school"])[:4] == ["e", 1, "b", "e"]
    assert pmeta.variable_value_labels["school"][1] == "Yes"
    visits, _ = pyreadstat.read_dta(str(files["household_roster_visits.dta"]),
                                    user_missing=True)
    assert list(zip(visits["member"], visits["parent"], visits["clinic"], strict=True)) == [
        ("m1/v1", "m1", 1), ("m1/v2", "m1", 2)]


def test_spss_files_mark_not_asked_as_user_missing(tmp_path: Path) -> None:
    conn = household_dataset(tmp_path / "d.sqlite")
    files = _export(conn, tmp_path, "sav")
    df, meta = pyreadstat.read_sav(str(files["household_roster.sav"]), user_missing=True)
    assert list(df["floor"]) == [4, -995, -995]
    assert meta.variable_value_labels["floor"][-995] == "not asked (not relevant)"
    people, pmeta = pyreadstat.read_sav(str(files["household_roster_people.sav"]),
                                        user_missing=True)
    assert list(people["school"])[:4] == [-995, 1, -992, -995]
    assert pmeta.missing_ranges["school"] == [{"lo": -999.0, "hi": -991.0}]
    plain, _ = pyreadstat.read_sav(str(files["household_roster_people.sav"]))
    assert plain["school"].isna().tolist()[:4] == [True, False, True, True]


def test_the_codebook_states_conditions_and_roster_files(tmp_path: Path) -> None:
    conn = household_dataset(tmp_path / "d.sqlite")
    plans = list(dataset_plans(conn).values())
    text = codebook("household-roster", plans, frozenset({"per_room"}))
    floor = text.split("### floor", 1)[1].split("###", 1)[0]
    assert ("asked only when dwelling is “Flat or apartment” (code flat) — `${dwelling} = 'flat'`; "
            "otherwise not-asked") in floor
    assert "## Roster people" in text and "File `household_roster_people`" in text
    school = text.split("### school", 1)[1].split("###", 1)[0]
    assert "age is less than 18 — `${age} < 18`" in school and "1 = Yes" in school


def test_a_schema_3_dataset_is_upgraded_and_keeps_its_answers(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = household_dataset(path)
    conn.executescript(
        "DROP TABLE rosters; DELETE FROM answers WHERE member != '';"
        "CREATE TABLE old (sk INTEGER NOT NULL, session_id TEXT NOT NULL, item_id TEXT NOT "
        "NULL, value TEXT NOT NULL, at TEXT, skipped INTEGER NOT NULL, skip_reason TEXT NOT "
        "NULL, key_covered INTEGER NOT NULL, PRIMARY KEY (sk, item_id)) WITHOUT ROWID;"
        "INSERT INTO old SELECT sk, session_id, item_id, value, at, skipped, skip_reason, "
        "key_covered FROM answers; DROP TABLE answers; ALTER TABLE old RENAME TO answers;"
        "UPDATE meta SET value='3' WHERE key='schema_version';")
    before = conn.execute("SELECT sk, item_id, value FROM answers ORDER BY 1, 2").fetchall()
    conn.close()
    conn = open_dataset(path)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] \
        == str(SCHEMA_VERSION) == "13"
    after = conn.execute("SELECT sk, item_id, value, member, asked FROM answers "
                         "ORDER BY 1, 2").fetchall()
    assert [r[:3] for r in after] == before and {r[3:] for r in after} == {("", 1)}
    assert conn.execute("SELECT COUNT(*) FROM rosters").fetchone()[0] == 0
    files = _export(conn, tmp_path, "csv")
    assert "answers.csv" in files and "rosters.csv" in files


def test_roster_answers_are_checked_against_their_item_not_taken_for_unknown_items(
        tmp_path: Path) -> None:
    from fieldtui.supervise.quality import dataset_flags

    conn = household_dataset(tmp_path / "d.sqlite")
    conn.execute("UPDATE sessions SET document = replace(document, '\"south\"', '\"west\"') "
                 "WHERE session_id=?", (A,))
    flags = {sid: [f for f in found if f.code == "invalid-value"]
             for sid, found in dataset_flags(conn).items()}
    assert [f.message for f in flags[A]] == [flags[A][0].message]
    assert "clinic" in flags[A][0].message and "does not have" not in flags[A][0].message
    assert not flags.get(B)
    assert "rooms" in flags[C][0].message
