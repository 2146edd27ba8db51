"""plans/household-survey.toml end to end on the data side (issue 12, "Done when"):
households answered step by step through the runtime as the app asks them, sealed by a
device, merged through a study, exported as csv, Stata and SPSS, described by the codebook
and reported, all from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.plan.load import load_plan
from fieldtui.store.study import create_study
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.quality import dataset_flags
from tests.support.cli_main import ok
from tests.support.dataset_factory import Device, Store
from tests.support.household_walk import PLAN, Household, Person, walk
from tests.support.merge_study import PASS, merge_bundles

pd = pytest.importorskip("pandas")
pyreadstat = pytest.importorskip("pyreadstat")


def _homes() -> list[Household]:
    return [
        Household([Person("Ana", 34, ["North"]), Person("Bo", 10),
                   Person("Cy", 70, ["South", "North"])], water="other"),
        Household([Person("Dee", 40), Person("Eve", 16, ["Lake"])],
                  skips={"phone_count": "Declined to answer"}),
        Household([Person("Fay", 80)], assets=["none"], skips={"visit_date": "Don't know"}),
    ]


def test_household_survey_runs_from_plan_to_export(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    plan = load_plan(PLAN)
    made = create_study(tmp_path / "study", name="Homes", passphrase=PASS, plans=[PLAN])
    identity = made.unlock(PASS).identity
    store = Store(tmp_path / "collector")
    dev = Device("Ana", study_id=made.study_id)
    store.enroll(dev)
    docs = [walk(plan, home, device_id=dev.device_id, interviewer="Ana",
                 study_id=made.study_id) for home in _homes()]
    for doc in docs:
        doc["plan"].update(version=plan.version, hash=plan.content_hash)
    # Home 2 first said its water came from elsewhere, then corrected it to piped water:
    # the answer about the other source is kept aside on the device, and is no data.
    docs[1]["answers"]["water_other"] = {**docs[1]["answers"]["water_source"],
                                         "value": "a neighbour's well"}
    # Home 1 covered every key point, those asked in the roster included (the app marks
    # each member's answer row).
    keys = {i.id for i in plan.key_items}
    for answer in docs[0]["answers"].values():
        answer["key_covered"] = answer.get("item_id") in keys
    for item_id in keys & set(docs[0]["answers"]):
        docs[0]["answers"][item_id]["key_covered"] = True
    store.put(dev.bundle(docs, made.recipients))
    db = tmp_path / "d.sqlite"
    merged = merge_bundles(made, identity, store, db)
    assert merged.sessions_added == 3 and not merged.refused, merged.refused
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("csv", "dta", "sav"):
        ok(["export", str(db), "--format", fmt, "-o", str(out), "--plaintext"], capsys)
    sids = [d["session_id"] for d in docs]

    main_file, meta = pyreadstat.read_dta(str(out / "household_survey.dta"), user_missing=True)
    assert list(main_file["session_id"]) == sids
    assert meta.variable_value_labels["region"][1] == "Northern region"
    assert list(main_file["household_size"]) == [3, 2, 1]
    assert list(main_file["water_other"]) == ["rain tank", "", ""]
    assert list(main_file["water_other_m"]) == [1, "e", "e"]  # kept aside, never asked
    assert list(main_file["phone_count"]) == [2, "a", "e"]  # declined; no phone owned
    assert [type(d).__name__ for d in main_file["visit_date"]] == ["date", "date", "str"]
    assert main_file["visit_date"][2] == "b"  # a Stata date, or why it is missing
    assert list(main_file["dependents"]) == [2, 0, 1]  # calculations are columns
    none = next(c for c, v in meta.variable_value_labels.items() if c.startswith("assets")
                and meta.column_names_to_labels[c].endswith("None of these"))
    assert list(main_file[none]) == [0, 0, 1]

    people, pmeta = pyreadstat.read_sav(str(out / "household_survey_members.sav"),
                                        user_missing=True)
    assert list(zip(people["session_id"], people["member"], people["position"],
                    strict=True)) == [(sids[0], "m1", 1), (sids[0], "m2", 2), (sids[0], "m3", 3),
                                      (sids[1], "m1", 1), (sids[1], "m2", 2), (sids[2], "m1", 1)]
    assert list(people["name"]) == ["Ana", "Bo", "Cy", "Dee", "Eve", "Fay"]
    assert list(people["school"]) == [-995, 1, -995, -995, 1, -995]
    assert pmeta.variable_value_labels["school"][1] == "Yes"
    assert list(people["dependent"]) == [0, 1, 1, 0, 0, 1]
    assert list(people["member_no"]) == [1, 2, 3, 1, 2, 1]
    visits, _ = pyreadstat.read_dta(str(out / "household_survey_visits.dta"))
    assert list(zip(visits["session_id"], visits["member"], visits["parent"],
                    visits["clinic"], strict=True)) == [
        (sids[0], "m1/v1", "m1", "North"), (sids[0], "m3/v1", "m3", "South"),
        (sids[0], "m3/v2", "m3", "North"), (sids[1], "m2/v1", "m2", "Lake")]

    answers = pd.read_csv(out / "answers.csv", dtype=str, keep_default_na=False)
    mine = answers[answers["session_id"] == sids[1]].set_index(["item_id", "member"])
    assert mine.loc[("water_other", ""), "missing"] == "not-asked"
    assert mine.loc[("water_other", ""), "value"] == ""
    assert mine.loc[("school", "m1"), "missing"] == "not-asked"
    assert mine.loc[("region", ""), "value"] == "north"  # the code, not its label
    rosters = pd.read_csv(out / "rosters.csv", dtype=str, keep_default_na=False)
    assert len(rosters) == 10  # six people, four visits

    book = tmp_path / "book.md"
    ok(["codebook", str(db), "-o", str(book)], capsys)
    text = book.read_text()
    assert "## Roster members" in text and "## Roster visits" in text
    assert "asked only when water_source is “Other” — `${water_source} = 'other'`;" in text
    assert "clinic_visits is more than 0 — `${clinic_visits} > 0`" in text.split("## Roster visits", 1)[1]
    printed = ok(["report", str(db)], capsys)
    assert "household-survey" in printed and "3 sessions" in printed
    assert [line.split()[:4] for line in printed.splitlines() if line.strip().startswith(
        ("age ", "clinic "))] == [["age", "1", "of", "3"], ["clinic", "1", "of", "3"]]
    conn = open_dataset(db)
    flags = dataset_flags(conn)
    assert not [f for f in flags.get(sids[0], []) if f.code == "key-points"]
    assert [f for f in flags.get(sids[1], []) if f.code == "key-points"]
    conn.close()
