"""Streamed long tables: CSV and Parquet read back through pandas/pyarrow, hostile text."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from tests.unit.interop.analysis_world import build

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


def _files(tmp_path: Path, fmt: str, identifiers: bool = False) -> dict[str, Path]:
    db, _ = build(tmp_path)
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    conn = open_dataset(db)
    paths = export_files(conn, Target(out, fmt, [], True, identifiers, "tester"))
    conn.close()
    return {p.name.split(".")[0]: p for p in paths}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_answers_round_trip_with_missing_reasons(tmp_path: Path, fmt: str) -> None:
    files = _files(tmp_path, fmt)
    def read(path: Path):  # type: ignore[no-untyped-def]
        if fmt == "csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False)
        return pd.read_parquet(path)
    answers = read(files["answers"])
    reasons = dict(zip(answers["item_id"] + "/" + answers["value_json"],
                       answers["missing"].fillna(""), strict=True))
    assert reasons["rating/null"] == "dont-know" and reasons["travel/null"] == "declined"
    assert reasons["visits/null"] == "skipped" and reasons["rating/4"] == ""
    assert json.loads(answers[answers["item_id"] == "tools-used"]["value_json"].iloc[0]) == [
        "Hammer", "Säge"]
    sessions = read(files["sessions"])
    assert len(sessions) == 4 and "respondent" not in sessions.columns
    assert "interviewer" not in sessions.columns


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_hostile_text_is_safe_in_every_long_format(tmp_path: Path, fmt: str) -> None:
    files = _files(tmp_path, fmt, identifiers=True)
    for path in files.values():
        if fmt == "parquet":
            frame = pd.read_parquet(path)
            cells = [c for col in frame.columns if frame[col].dtype == object
                     for c in frame[col] if isinstance(c, str)]
        elif fmt == "csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            cells = [c for col in frame.columns for c in frame[col]]
        else:
            cells = [v for line in path.read_text().splitlines()
                     for v in json.loads(line).values() if isinstance(v, str)]
        for cell in cells:
            assert not any(unicodedata.category(c) == "Cc" for c in cell), cell
            if cell.startswith(("=", "+", "-", "@")):
                float(cell)


def test_with_flags_adds_the_quality_flags(tmp_path: Path) -> None:
    db, _ = build(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    conn = open_dataset(db)
    paths = export_files(conn, Target(out, "csv", [], True, False, "tester", flags=True))
    conn.close()
    sessions = pd.read_csv(paths[0], dtype=str, keep_default_na=False)
    assert "invalid-value" in sessions["flags"].iloc[3]  # "not an option" was answered
