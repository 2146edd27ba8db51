"""A household survey with conditions, calculations and a roster, from plan to export
(issue 12, "Done when"): a study made from the plan, a device's sealed bundles, the
collector's folder, merge, a conflict's revision kept, then `fieldtui export`, `codebook`
and `report` from the command line, read back with pandas and pyreadstat."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from fieldtui.store.study import create_study
from fieldtui.supervise.conflicts import list_conflicts, resolve_conflict
from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import ok
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import PASS, merge_bundles
from tests.support.roster_world import PLAN, SIDS, household_docs

pd = pytest.importorskip("pandas")
pyreadstat = pytest.importorskip("pyreadstat")


def test_household_survey_from_plan_to_export(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    made = create_study(tmp_path / "study", name="Homes", passphrase=PASS, plans=[PLAN])
    identity = made.unlock(PASS).identity
    store = Store(tmp_path / "collector")
    dev = Device("Ana", study_id=made.study_id)
    store.enroll(dev)
    docs = household_docs(device_id=dev.device_id, interviewer="Ana",
                          study_id=made.study_id)
    store.put(dev.bundle(docs[:2], made.recipients))
    store.put(dev.bundle(docs[2:], made.recipients))
    db = tmp_path / "d.sqlite"
    report = merge_bundles(made, identity, store, db)
    assert report.sessions_added == 3 and not report.refused, report.refused
    again = merge_bundles(made, identity, store, db)  # idempotent, rosters included
    assert again.sessions_added == 0
    # A revision of home A in which Bo (m3) moved out and Ana's age was corrected to 17:
    # her school answer, kept aside before, now counts.
    revised = copy.deepcopy(docs[0])
    revised["rosters"]["people"][""] = ["m1", "m4"]
    revised["answers"]["hh_size"]["value"] = 2
    revised["answers"]["age#m1"]["value"] = 17
    store.put(dev.bundle([revised], made.recipients))
    assert merge_bundles(made, identity, store, db).conflicts
    conn = open_dataset(db)
    [conflict] = list_conflicts(conn, open_only=True)
    resolve_conflict(conn, conflict.id, "incoming", "age corrected on the phone", "Sue")
    members = conn.execute("SELECT member, position FROM rosters WHERE session_id=? AND "
                           "roster='people' ORDER BY position", (SIDS[0],)).fetchall()
    assert members == [("m1", 1), ("m4", 2)]
    conn.close()

    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("csv", "dta", "sav"):
        ok(["export", str(db), "--format", fmt, "-o", str(out), "--plaintext",
              "--by", "Sue"], capsys)
    answers = pd.read_csv(out / "answers.csv", dtype=str, keep_default_na=False)
    a = answers[answers["session_id"] == SIDS[0]]
    school = {m: (v, why) for m, v, why in zip(a[a["item_id"] == "school"]["member"],
                                               a[a["item_id"] == "school"]["value"],
                                               a[a["item_id"] == "school"]["missing"],
                                               strict=True)}
    assert school == {"m1": ("no", ""), "m4": ("", "dont-know")}  # Bo (m3) is gone
    rosters = pd.read_csv(out / "rosters.csv", dtype=str, keep_default_na=False)
    assert len(rosters[rosters["session_id"] == SIDS[0]]) == 4  # m1, m4, m1/v1, m1/v2
    main_file, _ = pyreadstat.read_dta(str(out / "household_roster.dta"), user_missing=True)
    # The kept revision of home A is stored last.
    assert list(main_file["session_id"]) == [SIDS[1], SIDS[2], SIDS[0]]
    assert list(main_file["floor"]) == ["e", "e", 4]
    assert list(main_file["per_room"]) == ["d", "d", 1.5]
    people, meta = pyreadstat.read_sav(str(out / "household_roster_people.sav"),
                                       user_missing=True)
    assert list(zip(people["session_id"], people["member"], strict=True))[-2:] == [
        (SIDS[0], "m1"), (SIDS[0], "m4")]
    assert list(people["school"])[-2:] == [2, -992]
    assert people["school"].iloc[0] == -995  # Dee, 40
    assert meta.variable_value_labels["school"][2] == "No"
    visits, _ = pyreadstat.read_dta(str(out / "household_roster_visits.dta"))
    assert list(visits["parent"]) == ["m1", "m1"]

    book = tmp_path / "book.md"
    ok(["codebook", str(db), "-o", str(book)], capsys)
    text = book.read_text()
    assert "## Roster people" in text and "## Roster visits" in text
    assert "asked only when age is less than 18 — `${age} < 18`;" in text
    printed = ok(["report", str(db)], capsys)
    assert "household-roster" in printed and "3 sessions" in printed
