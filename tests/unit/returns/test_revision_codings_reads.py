"""The lineage of theme codings (supervise/coding_lineage.py) reads the texts of the
sessions a correction concerns in a bounded number of statements: it read each session's
row, and its plan's open items, with a statement of their own (two per session; a
dataset with many corrections paid for every one). The results are the same: a coding of
words a correction kept applies, of words it changed is changed since coded, of an answer
it cleared is cleared."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldtui.supervise import themes
from fieldtui.supervise.coding_lineage import Codings, codings
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.revisions import replace_original
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES

# what the correction of the i-th session does to its `travel` answer (i % 3)
WORDS = ("by bus", "on foot", "")


def _corrected(db: Path, count: int) -> list[tuple[str, str]]:
    """`count` interviews whose `travel` answer alice coded, each then replaced by a
    revision: the same words, other words, or the answer cleared. [(original, revision)]"""
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    originals = [document(answers={"travel": "by bus"}) for _i in range(count)]
    load_documents(conn, originals)
    conn.execute("BEGIN")
    themes.set_code(conn, "bus", "by bus")
    for doc in originals:
        themes.code_unit(conn, f"answer:{doc['session_id']}:travel", "alice", ["bus"])
        themes.settle(conn, f"answer:{doc['session_id']}:travel", "bus", True, "bus", "Sam")
    conn.execute("COMMIT")
    revisions = [document(answers={"travel": WORDS[i % 3]}) for i in range(count)]
    load_documents(conn, revisions)
    conn.execute("BEGIN")
    pairs = []
    for original, revision in zip(originals, revisions, strict=True):
        old, new = str(original["session_id"]), str(revision["session_id"])
        conn.execute("INSERT INTO revisions VALUES (?,?,?,?,?)",
                     (new, old, "b" * 64, "[]", "2026-11-25"))
        replace_original(conn, old, new)
        pairs.append((old, new))
    conn.execute("COMMIT")
    conn.close()
    return pairs


def test_the_lineage_of_several_corrected_sessions_reads_as_before(tmp_path: Path) -> None:
    pairs = _corrected(tmp_path / "d.sqlite", 7)
    conn = open_dataset(tmp_path / "d.sqlite")
    try:
        found = codings(conn)
        one_by_one = [codings(conn, [new]) for _old, new in pairs]
    finally:
        conn.close()
    expected = Codings()
    for i, (_old, new) in enumerate(pairs):
        unit = f"answer:{new}:travel"
        if i % 3 == 0:
            expected.coded[unit] = {"alice": {"bus"}}
            expected.settled[unit] = {"bus": True}
        elif i % 3 == 1:
            expected.changed[unit] = {"alice": (("bus",), "by bus")}
            expected.settled_before[unit] = {"bus": True}
        else:
            expected.cleared[unit] = {"alice": (("bus",), "by bus")}
    assert found == expected
    for (_old, new), alone in zip(pairs, one_by_one, strict=True):  # a session asked alone
        assert alone == Codings(*({u: v for u, v in part.items() if new in u}
                                  for part in (expected.coded, expected.settled,
                                               expected.changed, expected.settled_before,
                                               expected.cleared)))


def _statements(db: Path) -> list[str]:
    conn = open_dataset(db)
    said: list[str] = []
    assert isinstance(conn, sqlite3.Connection)
    conn.set_trace_callback(said.append)
    try:
        codings(conn)
    finally:
        conn.set_trace_callback(None)
        conn.close()
    return said


def test_the_texts_of_corrected_sessions_are_read_in_a_bounded_number_of_statements(
        tmp_path: Path) -> None:
    (tmp_path / "few").mkdir()
    (tmp_path / "many").mkdir()
    _corrected(tmp_path / "few" / "d.sqlite", 2)
    _corrected(tmp_path / "many" / "d.sqlite", 12)
    few, many = _statements(tmp_path / "few" / "d.sqlite"), _statements(
        tmp_path / "many" / "d.sqlite")
    assert len(many) == len(few), "\n".join(many)
