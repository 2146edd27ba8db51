"""An item whose kind changed between plan versions (same id, one variable per kind) keeps
the answers of every version in Stata and SPSS: each answer goes to the variable of its
session's version. The earlier version's answers were dropped and shown as `not reached`
(.d), in the plan's file and in a roster's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents
from tests.support.roster_world import answers

pyreadstat = pytest.importorskip("pyreadstat")


def _text(version: int) -> str:
    kind = ('kind = "choice"\noptions = ["Yes", "No"]' if version == 1 else 'kind = "open"')
    return "\n".join([
        "[plan]", 'id = "kinds"', f"version = {version}", 'title = "Kinds"',
        'method = "interview"', 'language = "en"', "minutes = 5",
        "[[section]]", 'id = "s"', 'title = "S"', "minutes = 5",
        "[[section.item]]", 'id = "q"', kind, 'prompt = "Any?"',
        "[[section]]", 'id = "people"', 'title = "P"', "minutes = 5", "repeat = true",
        'repeat_count = "1"',
        "[[section.item]]", 'id = "r"', kind, 'prompt = "And you?"', ""])


def _export(tmp_path: Path, fmt: str) -> dict[str, Any]:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    docs = []
    for version, value in ((1, "No"), (2, "Only on Sundays")):
        plan = parse_plan(_text(version)).plan
        assert plan is not None
        conn.execute("INSERT INTO plans VALUES ('kinds', ?, ?, ?)",
                     (version, plan.content_hash, _text(version)))
        doc = document(plan_id="kinds")
        doc["plan"] = {"id": "kinds", "version": version, "hash": plan.content_hash}
        doc["answers"] = answers({"q": value}, {"m1": {"r": value}})
        doc["rosters"] = {"people": {"": ["m1"]}}
        docs.append(doc)
    load_documents(conn, docs)
    out = tmp_path / "out"
    out.mkdir()
    paths = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    conn.close()
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    return {p.name: read(str(p), user_missing=True)[0] for p in paths}


def test_stata_keeps_each_version_s_answer_in_its_kind_s_variable(tmp_path: Path) -> None:
    files = _export(tmp_path, "dta")
    for name, (coded, text) in (("kinds.dta", ("q", "q_2")),
                                ("kinds_people.dta", ("r", "r_2"))):
        df = files[name]
        assert list(df[coded]) == [2, "f"], name
        assert list(df[text]) == ["", "Only on Sundays"], name
        assert list(df[f"{text}_m"]) == ["f", 1], name


def test_spss_keeps_each_version_s_answer_in_its_kind_s_variable(tmp_path: Path) -> None:
    df = _export(tmp_path, "sav")["kinds.sav"]
    assert list(df["q"]) == [2, -996]
    assert list(df["q_2"]) == ["", "Only on Sundays"]
