"""The committed release vectors still read, re-tabulate and audit (tests/vectors/release).

`v1.sqlite` holds a release made before releases had language tables: it is read and
re-tabulated exactly as it was, with no language table, although its plan is bilingual
and its answers record their language. `v2-language.sqlite` adds a release that splits
every item by the language it was asked in; the audit plays the attacker over both.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.audit import audit
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.poll_tables import NO_LANGUAGE, language_item
from fieldtui.supervise.release import history, releases
from fieldtui.supervise.report import build_report
from tests.support.release_vectors import cells_sha256
from tests.support.vector_openers import VECTORS

PLAN = "poll-bins"


def _copy(tmp_path: Path, name: str) -> sqlite3.Connection:
    """The vector, copied (opening a dataset may upgrade its schema: never the vector)."""
    shutil.copyfile(VECTORS / "release" / name, tmp_path / name)
    return open_dataset(tmp_path / name)


def _as_expected(conn: sqlite3.Connection, name: str) -> None:
    expected = json.loads((VECTORS / "release" / name).with_suffix(".expected.json")
                          .read_text())
    found = [{"name": r.name, "respondents": r.respondents, "crossing": r.crossing,
              "cells": len(r.tables["cells"]), "cells_sha256": cells_sha256(r.tables["cells"]),
              "table_keys": sorted(r.tables)} for r in releases(conn, PLAN)]
    assert found == expected


def test_a_release_from_before_language_tables_reads_and_audits_as_it_was(
        tmp_path: Path) -> None:
    conn = _copy(tmp_path, "v1.sqlite")
    _as_expected(conn, "v1.sqlite")
    [rel] = releases(conn, PLAN)
    assert rel.languages() == []
    [past] = history(conn, PLAN)
    assert set(past.truth.counts) == set(rel.cells())  # its own tables, no language table
    assert not any(k.endswith("@language") for k in past.truth.categories)
    assert not audit([past]).findings
    assert "Release bins-1" in build_report(conn, PLAN)
    with pytest.raises(FieldtuiError) as raised:
        build_report(conn, PLAN, by_language=True)
    assert "release bins-1 has no tables by language" in str(raised.value)
    assert "fieldtui release create" in raised.value.line()


def test_a_release_with_language_tables_reads_and_audits_with_the_older_one(
        tmp_path: Path) -> None:
    conn = _copy(tmp_path, "v2-language.sqlite")
    _as_expected(conn, "v2-language.sqlite")
    old, new = releases(conn, PLAN)
    assert old.languages() == [] and new.languages() == ["en", "zh", NO_LANGUAGE]
    before, after = history(conn, PLAN)
    assert set(before.truth.counts) == set(old.cells())
    margins = {("1", language_item(i), lang) for i in new.tables["languages"]["items"]
               for lang in new.languages()}
    assert set(after.truth.counts) - margins == set(new.cells())
    result = audit([before, after])
    assert result.pairs == 1 and not result.findings
    text = build_report(conn, PLAN, by_language=True)
    assert "Release bins-2" in text and "asked in English" in text and "asked in Chinese" in text
