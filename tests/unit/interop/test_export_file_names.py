"""Each plan's Stata/SPSS file has a name of its own: plan ids are up to 64 characters, and
two that differ only after the 32nd (wave or round numbers at the end) once made the same
file name, so the second plan's file silently replaced the first's."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents

pyreadstat = pytest.importorskip("pyreadstat")

ROUND_1 = "community-health-worker-followup-round1"
ROUND_2 = "community-health-worker-followup-round2"


def _plan(plan_id: str, repeat: str = "") -> str:
    return "\n".join([
        "[plan]", f'id = "{plan_id}"', "version = 1", 'title = "Follow-up"',
        'method = "interview"', 'language = "en"', "minutes = 5",
        "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5", *repeat.splitlines(),
        "[[section.item]]", 'id = "visits"', 'kind = "number"', 'prompt = "Visits?"', ""])


def _dataset(tmp_path: Path, plans: dict[str, str], answers: dict[str, int]) -> Path:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    docs = []
    for plan_id, text in plans.items():
        plan = parse_plan(text).plan
        assert plan is not None, plan_id
        conn.execute("INSERT INTO plans VALUES (?, 1, ?, ?)", (plan_id, plan.content_hash, text))
        doc = document(plan_id=plan_id, answers={"visits": answers[plan_id]})
        doc["plan"]["hash"] = plan.content_hash
        docs.append(doc)
    load_documents(conn, docs)
    conn.close()
    return db


@pytest.mark.parametrize("fmt", ["dta", "sav"])
def test_plans_whose_ids_share_32_characters_get_a_file_each(tmp_path: Path, fmt: str) -> None:
    db = _dataset(tmp_path, {ROUND_1: _plan(ROUND_1), ROUND_2: _plan(ROUND_2)},
                  {ROUND_1: 1, ROUND_2: 2})
    out = tmp_path / "out"
    out.mkdir()
    conn = open_dataset(db)
    paths = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    conn.close()
    assert sorted(p.name for p in paths) == [
        f"community_health_worker_followup_round1.{fmt}",
        f"community_health_worker_followup_round2.{fmt}"]
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    for path, visits in zip(sorted(paths), (1, 2), strict=True):
        df, _meta = read(str(path))
        assert list(df["visits"]) == [visits], path.name


def test_a_file_name_taken_by_another_plan_is_refused_not_replaced(tmp_path: Path) -> None:
    # plan "a" with its roster "s" and plan "a-s" both make a_s.dta
    repeat = 'repeat = true\nrepeat_count = "2"'
    db = _dataset(tmp_path, {"a": _plan("a", repeat), "a-s": _plan("a-s")}, {"a": 1, "a-s": 2})
    out = tmp_path / "out"
    out.mkdir()
    conn = open_dataset(db)
    with pytest.raises(FieldtuiError, match=r"a_s\.dta"):
        export_files(conn, Target(out, "dta", [], True, False, "tester"))
    conn.close()
    df, _meta = pyreadstat.read_dta(str(out / "a_s.dta"))
    assert list(df.columns)[:2] == ["session_id", "member"]  # the roster file, kept
