"""Each answer's language: kept by the store, carried into the dataset and the answers export."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from fieldtui.store.session_store import SessionStore
from fieldtui.supervise.csv_lines import write_answers_csv
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.export import export_tables
from tests.support.dataset_factory import document, load_documents
from tests.support.fake_device import FakeDevice, mini_plan


def test_the_store_records_the_language_and_a_resave_without_one_keeps_it(
        isolated_home: Path) -> None:
    store = SessionStore.create(isolated_home, plan=mini_plan(), device=FakeDevice())
    try:
        store.save_answer("travel", "bus", lang="zh")
        store.save_answer("visits", 3)
        assert store.document()["answers"]["travel"]["lang"] == "zh"
        assert "lang" not in store.document()["answers"]["visits"]  # as before: no key
        store.save_answer("travel", "bus", key_covered=True)  # a mark, not a new asking
        assert store.document()["answers"]["travel"]["lang"] == "zh"
        store.save_answer("travel", "car", lang="en")
        assert store.document()["answers"]["travel"]["lang"] == "en"
    finally:
        store.close()


def _dataset(tmp_path: Path) -> sqlite3.Connection:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    doc = document(answers={"travel": "bus", "visits": 3})
    doc["answers"]["travel"]["lang"] = "zh"
    load_documents(conn, [doc])
    return conn


def test_the_answers_table_and_its_exports_carry_each_answers_language(tmp_path: Path) -> None:
    conn = _dataset(tmp_path)
    rows = dict(conn.execute("SELECT item_id, lang FROM answers").fetchall())
    assert rows == {"travel": "zh", "visits": ""}
    files = export_tables(conn, "csv", identifiers=False)
    table = list(csv.DictReader(io.StringIO(files["answers.csv"].decode("utf-8-sig"))))
    assert {r["item_id"]: r["lang"] for r in table} == {"travel": "zh", "visits": ""}
    lines = [json.loads(line) for line in export_tables(conn, "jsonl", identifiers=False)[
        "answers.jsonl"].decode().splitlines()]
    assert {r["item_id"]: r["lang"] for r in lines} == {"travel": "zh", "visits": ""}
    out = io.BytesIO()
    write_answers_csv(conn, out)  # the streaming export `fieldtui export` writes
    streamed = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert {r["item_id"]: r["lang"] for r in streamed} == {"travel": "zh", "visits": ""}


def test_a_dataset_merged_before_languages_gains_the_column(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    open_dataset(path, create=True).close()
    with sqlite3.connect(path) as raw:  # as a dataset written before answers.lang
        raw.execute("ALTER TABLE answers DROP COLUMN lang")
    conn = open_dataset(path)
    assert "lang" in {row[1] for row in conn.execute("PRAGMA table_info(answers)")}
