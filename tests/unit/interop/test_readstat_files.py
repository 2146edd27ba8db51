"""Stata and SPSS files read back through pyreadstat: labels, codes, missing reasons."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export_log import export_log
from tests.support.analysis_world import LONG_OPTION, LONG_PROMPT, build

pyreadstat = pytest.importorskip("pyreadstat")


def _export(tmp_path: Path, fmt: str, identifiers: bool = False) -> tuple[Any, Any]:
    db, _ = build(tmp_path)
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    conn = open_dataset(db)
    [path] = export_files(conn, Target(out, fmt, [], True, identifiers, "tester"))
    assert [e.what for e in export_log(conn)] == ["ana-plan"]
    conn.close()
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    return read(str(path), user_missing=True)


def test_stata_file_has_labels_codes_and_extended_missing(tmp_path: Path) -> None:
    df, meta = _export(tmp_path, "dta")
    labels = meta.column_names_to_labels
    assert labels["visits"] == LONG_PROMPT[:79] + "…" and len(labels["visits"]) == 80
    assert list(df["plan_version"]) == [1, 1, 2, 2]
    assert meta.variable_value_labels["visits"][4] == "Don't know"
    assert meta.variable_value_labels["visits"]["a"] == "declined to answer"
    assert meta.variable_value_labels["rating"][5] == "Très haut"
    assert meta.variable_value_labels["visits"][5] == LONG_OPTION  # within Stata's limit
    # session 1 answered; 2 skipped (declined / other reason / don't know); 4 was invalid.
    assert list(df["visits"]) == [2, "c", 4, "g"]
    # session 2 stopped after rating: age not reached; session 4 answered its last item
    # (tools-used, declined), so what it has no answer for was passed over: skipped
    assert list(df["rating"]) == [4, "b", 5, "c"]
    assert list(df["age"]) == [41.5, "d", 30.0, "c"]
    assert list(df["travel_m"]) == [1, "a", 1, "c"]
    # multi-choice: one indicator per option; absent from version 1 (.f), declined (.a).
    assert list(df["tools_used_1"]) == ["f", "f", 1, "a"]
    assert list(df["tools_used_2"]) == ["f", "f", 0, "a"]
    assert list(df["tools_used_3"]) == ["f", "f", 1, "a"]
    assert labels["tools_used_2"] == "Which tools?: =cmd|calc"
    assert set(meta.missing_user_values["visits"]) == {"c", "g"}
    assert "respondent" not in df.columns and "interviewer" not in df.columns
    assert all(len(name) <= 32 for name in df.columns)


def test_spss_file_has_user_missing_codes(tmp_path: Path) -> None:
    df, meta = _export(tmp_path, "sav", identifiers=True)
    assert list(df["visits"]) == [2, -993, 4, -997]
    assert list(df["tools_used_1"]) == [-996, -996, 1, -991]
    assert meta.missing_ranges["visits"] == [{"lo": -999.0, "hi": -991.0}]
    assert meta.variable_value_labels["visits"][-992] == "don't know"
    assert len(meta.column_names_to_labels["visits"].encode()) <= 256
    assert len(meta.variable_value_labels["visits"][5].encode()) <= 120
    assert meta.variable_value_labels["visits"][5].startswith("Andere: éé")
    assert df["respondent"].iloc[0] == "'=R-1"  # identifiers only when asked: formula-safe


@pytest.mark.parametrize("fmt", ["dta", "sav"])
def test_hostile_text_is_safe_in_stata_and_spss(tmp_path: Path, fmt: str) -> None:
    df, _ = _export(tmp_path, fmt, identifiers=True)
    for column in ("travel", "interviewer", "respondent", "session_id"):
        for cell in df[column]:
            assert not any(unicodedata.category(c) == "Cc" for c in cell), (column, cell)
            assert not cell.startswith(("=", "+", "-", "@")), (column, cell)
    assert df["travel"][2] == "'@SUM(A1)"


@pytest.mark.parametrize("fmt", ["dta", "sav"])
def test_a_large_plan_is_written_in_parts_that_append_to_the_whole(
        tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    from fieldtui.interop import exporter

    db, _ = build(tmp_path)
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    conn = open_dataset(db)
    (tmp_path / "whole").mkdir()
    [single] = export_files(conn, Target(tmp_path / "whole", fmt, [], True, False, "t"))
    monkeypatch.setattr(exporter, "PART_ROWS", 3)
    (tmp_path / "parts").mkdir()
    paths = export_files(conn, Target(tmp_path / "parts", fmt, [], True, False, "t"))
    assert [p.name for p in paths] == [f"ana_plan_part1.{fmt}", f"ana_plan_part2.{fmt}"]
    assert len(export_log(conn)) == 3
    conn.close()
    frames = [read(str(p), user_missing=True)[0] for p in paths]
    assert [len(f) for f in frames] == [3, 1]
    whole = read(str(single), user_missing=True)[0]
    assert pd.concat(frames, ignore_index=True).astype(str).equals(whole.astype(str))
