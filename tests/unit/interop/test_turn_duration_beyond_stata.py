"""A group meeting's turn can last 1e308 seconds in a device's events (a finite double:
merge keeps it). Since the meeting plans got a turns file in the dta/sav export, that one
cell made pyreadstat refuse the whole .dta, and the export failed for every plan with a
message that blamed a full disk. A duration Stata cannot hold (2**1023 and up) is now
missing (.) in the .dta, the other turns as they were; the .sav keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.interop.exporter import Target, export_files
from tests.support.meeting_world import meeting_dataset, meeting_docs

pyreadstat = pytest.importorskip("pyreadstat")


def _turns(tmp_path: Path, fmt: str) -> list[float]:
    docs = meeting_docs()
    [first, *_] = [e for e in docs[0]["events"] if e.get("type") == "turn"]
    first["duration"] = 1e308
    conn = meeting_dataset(tmp_path / "d.sqlite", docs)
    out = tmp_path / fmt
    out.mkdir()
    try:
        paths = export_files(conn, Target(out, fmt, [], True, False, "tester"))
    finally:
        conn.close()
    [path] = [p for p in paths if p.name == f"park_meeting_turns.{fmt}"]
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    df, _meta = read(str(path))
    return [float(v) for v in df["duration"]]


def test_a_turn_stata_cannot_hold_is_missing_in_the_dta(tmp_path: Path) -> None:
    durations = _turns(tmp_path, "dta")
    assert durations[0] != durations[0]  # NaN: Stata's .
    assert durations[1:] == [12.5, 45.0]


def test_the_sav_keeps_such_a_turn(tmp_path: Path) -> None:
    assert _turns(tmp_path, "sav") == [1e308, 12.5, 45.0]
