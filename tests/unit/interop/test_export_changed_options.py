"""Options that change between plan versions, read back from Stata and SPSS: an answer is
checked against the version its session was asked from, so an option a later version
dropped is still a valid answer (it was written as `value outside the plan`, .g / -997),
and a multi-choice indicator of an option the session's version did not offer is `not in
this plan version` (.f / -996), not `not chosen` (0), which counted respondents who were
never offered the option among those who did not choose it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents

pyreadstat = pytest.importorskip("pyreadstat")

OPTIONS = {1: ('["Bus", "Tram"]', '["Yes", "Maybe"]'), 2: ('["Bus", "Bike"]', '["Yes", "No"]')}


def _text(version: int) -> str:
    ways, sure = OPTIONS[version]
    return "\n".join([
        "[plan]", 'id = "move"', f"version = {version}", 'title = "Move"',
        'method = "interview"', 'language = "en"', "minutes = 5", "[[section]]", 'id = "s"',
        'title = "S"', "minutes = 5",
        "[[section.item]]", 'id = "ways"', 'kind = "multi"', 'prompt = "How do you travel?"',
        f"options = {ways}",
        "[[section.item]]", 'id = "sure"', 'kind = "choice"', 'prompt = "Sure?"',
        f"options = {sure}", ""])


def _export(tmp_path: Path, fmt: str) -> tuple[Any, Any]:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    docs = []
    for version, ways, sure in ((1, ["Tram"], "Maybe"), (2, ["Bike", "Bus"], "No"),
                                (1, ["Bus"], "Yes")):
        plan = parse_plan(_text(version)).plan
        assert plan is not None
        conn.execute("INSERT OR IGNORE INTO plans VALUES ('move', ?, ?, ?)",
                     (version, plan.content_hash, _text(version)))
        doc = document(plan_id="move", answers={"ways": ways, "sure": sure})
        doc["plan"] = {"id": "move", "version": version, "hash": plan.content_hash}
        docs.append(doc)
    load_documents(conn, docs)
    out = tmp_path / "out"
    out.mkdir()
    [path] = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    conn.close()
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    return read(str(path), user_missing=True)


def test_stata_options_are_judged_by_the_session_s_version(tmp_path: Path) -> None:
    df, meta = _export(tmp_path, "dta")
    labels = meta.column_names_to_labels
    assert [labels[f"ways_{n}"] for n in (1, 2, 3)] == [
        "How do you travel?: Bus", "How do you travel?: Tram", "How do you travel?: Bike"]
    assert list(df["ways_1"]) == [0, 1, 1]
    assert list(df["ways_2"]) == [1, "f", 0]  # Tram: v1 only
    assert list(df["ways_3"]) == ["f", 1, "f"]  # Bike: v2 only
    assert list(df["sure"]) == [2, 3, 1]  # Maybe (v1), No (v2)
    assert meta.variable_value_labels["sure"][2] == "Maybe"


def test_spss_options_are_judged_by_the_session_s_version(tmp_path: Path) -> None:
    df, _meta = _export(tmp_path, "sav")
    assert list(df["ways_2"]) == [1, -996, 0]
    assert list(df["ways_3"]) == [-996, 1, -996]
    assert list(df["sure"]) == [2, 3, 1]


def test_the_codebook_gives_each_indicator_the_versions_that_offered_its_option() -> None:
    from fieldtui.interop.codebook import build_book

    plans = [parse_plan(_text(v)).plan for v in (1, 2)]
    book = build_book("move", [p for p in plans if p is not None])
    versions = {e.var.name: e.var.versions for e in book.entries}
    assert (versions["ways_1"], versions["ways_2"], versions["ways_3"]) == ([1, 2], [1], [2])
    assert versions["sure"] == [1, 2]
