"""SPSS shows coded answers whole ("1 Yes", not "1.00 Yes"): coded, 0/1 and answered-flag
variables are F8.0; number items keep F8.2."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.interop.exporter import Target, export_files
from fieldtui.supervise.dataset import open_dataset
from tests.support.analysis_world import build

pyreadstat = pytest.importorskip("pyreadstat")


def test_spss_codes_are_shown_whole(tmp_path: Path) -> None:
    db, _ = build(tmp_path)
    out = tmp_path / "codes"
    out.mkdir()
    conn = open_dataset(db)
    [path] = export_files(conn, Target(out, "sav", [], True, False, "tester"))
    conn.close()
    _df, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    types = meta.original_variable_types
    assert [types[n] for n in ("visits", "rating", "tools_used_1", "travel_m")] == ["F8.0"] * 4
    assert types["age"] == "F8.2"  # a number item keeps its decimals
