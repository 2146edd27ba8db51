"""Upgrading an old dataset: session documents are read a batch at a time (memory stays
bounded however many there are), and a crash part way leaves the old dataset as it was."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from fieldtui.supervise import dataset_upgrade
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_schema import FOLLOWUP_TABLES, SCHEMA_VERSION
from tests.support.dataset_factory import document, load_documents
from tests.support.paths import ROOT

SESSIONS = 40
NOTE = 200_000  # characters of notes in each document: 8 MB in all


def schema_2_dataset(path: Path) -> None:
    """A schema-2 dataset (no follow-up tables, no concern rows) of SESSIONS big documents,
    each with one concern."""
    conn = open_dataset(path, create=True)
    docs = []
    for n in range(SESSIONS):
        doc = document()
        doc["notes"] = [{"item_id": None, "text": f"{n} " + "x" * NOTE, "at": doc["created"]}]
        doc["concerns"] = [{"description": f"pump {n} broken", "category": "services",
                            "urgency": "medium", "settled": False, "promise": False,
                            "due": None, "participant": None, "at": ""}]
        docs.append(doc)
    load_documents(conn, docs)
    for statement in FOLLOWUP_TABLES:
        conn.execute("DROP TABLE " + statement.split()[5])
    conn.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    conn.close()


def version_and_tables(path: Path) -> tuple[str, set[str], int]:
    """Read with plain sqlite3: the schema version, the tables, the sessions."""
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        sessions = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    finally:
        conn.close()
    return version[0], tables, sessions


def test_the_upgrade_reads_documents_a_batch_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite"
    schema_2_dataset(path)
    monkeypatch.setattr(dataset_upgrade, "UPGRADE_BATCH", 4)
    tracemalloc.start()
    try:
        conn = open_dataset(path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # All the documents at once would take SESSIONS * NOTE characters (8 MB) and more.
    assert peak < SESSIONS * NOTE / 4, peak
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                        ).fetchone()[0] == str(SCHEMA_VERSION)
    described = {r[0] for r in conn.execute("SELECT description FROM concerns")}
    assert described == {f"pump {n} broken" for n in range(SESSIONS)}
    conn.close()


CRASH = """
import os, sys
from fieldtui.supervise import dataset, dataset_upgrade
dataset_upgrade.UPGRADE_BATCH = 4
calls = []
real = dataset_upgrade.insert_concerns
def crash(*args, **kw):
    calls.append(1)
    if len(calls) == 10:  # in the third batch: the process dies, nothing is cleaned up
        os._exit(9)
    return real(*args, **kw)
dataset_upgrade.insert_concerns = crash
dataset.open_dataset(sys.argv[1])
"""


def test_a_crash_part_way_leaves_the_old_dataset_usable(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    schema_2_dataset(path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CRASH, str(path)], env=env, check=False,
                          capture_output=True, timeout=120)
    assert done.returncode == 9, done.stderr
    version, tables, sessions = version_and_tables(path)
    assert (version, sessions) == ("2", SESSIONS)  # as it was: no half-upgraded schema
    assert "concerns" not in tables and "followups" not in tables
    conn = open_dataset(path)  # the next open upgrades it from the start
    assert conn.execute("SELECT COUNT(*) FROM concerns").fetchone()[0] == SESSIONS
    conn.close()
