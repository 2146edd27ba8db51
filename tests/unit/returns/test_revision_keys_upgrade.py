"""Dataset schema 11: a revision merged before b2ef051 with its members' answers keyed twice
("age#m2#m2", item "age#m2"; no member lists, no seed) is stored, on opening, as a merge
of the same bundles stores it today: document, answers and rosters rows, current and
replaced (tests/support/revision_key_world.py; the committed file written by the old code
is checked by formats/test_dataset_vectors.py). A merge before b2ef051 is the merge of
today without `held_paradata.mended_members`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.mend_revision import mended_members
from fieldtui.supervise import dataset_upgrade, held_paradata, revisions, themes
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
from tests.support.revision_key_world import merge_household, merged_tables, plain_tables
from tests.support.vector_openers import VECTORS

REVISION = "2ddc83cfa043555bf3ad779012fbc7c1"  # of revision/household-v1.json
BO = (f"answer:{REVISION}:name#m2#m2", f"answer:{REVISION}:name#m2")  # m2's name: as, was


def _old_merge(db: Path | str, folder: Path, *, coded: bool = False, schema: int = 10,
               **options: bool) -> dict[str, list[tuple[Any, ...]]]:
    """`merge_household` as `schema` before b2ef051 merged it (with `coded`, Lee coded
    m2's name 'kin' then), marked `schema`; its `merged_tables` then. Schemas 8 to 10 kept
    the original's paradata but not the mending; before 8 the revision was stored as sent."""
    with pytest.MonkeyPatch.context() as patch:
        if schema < 8:
            patch.setattr(revisions, "as_held", lambda revision, original: dict(revision))
        else:
            patch.setattr(held_paradata, "mended_members",
                          lambda revision, original: dict(revision))
        merge_household(db, folder, **options)
    return _mark_schema_10(db, coded=coded, schema=schema)


def _mark_schema_10(db: Path | str, *, coded: bool = False, schema: int = 10
                    ) -> dict[str, list[tuple[Any, ...]]]:
    conn = open_dataset(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(schema),))
        if coded:
            conn.execute("INSERT INTO codes VALUES ('kin', 'a relative')")
            conn.execute("INSERT INTO coding_units VALUES (?, 'Lee', '2026-12-03')", BO[:1])
            conn.execute("INSERT INTO codings VALUES (?, 'Lee', 'kin')", BO[:1])
        conn.execute("COMMIT")
        return merged_tables(conn)
    finally:
        conn.close()


def _opened(db: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    conn = open_dataset(db)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                            ).fetchone()[0] == str(SCHEMA_VERSION) == "13"
        return merged_tables(conn)
    finally:
        conn.close()


def _every_row(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a dataset file but its schema version (plain sqlite3)."""
    conn = sqlite3.connect(path)
    try:
        names = [str(r[0]) for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {name: sorted(map(tuple, conn.execute(f"SELECT * FROM {name}")), key=repr)
                for name in names if name != "meta"} | {"meta": sorted(conn.execute(
                    "SELECT * FROM meta WHERE key != 'schema_version'"))}
    finally:
        conn.close()


def test_the_simulated_old_merge_is_what_the_old_code_wrote(tmp_path: Path) -> None:
    """The committed vector (written by b2ef051^) and the merge without mending agree, so
    the tests below start where a real dataset of that code does."""
    assert _old_merge(tmp_path / "old.sqlite", tmp_path / "collector") == plain_tables(
        VECTORS / "dataset" / "v10-revision-keys.sqlite")[1]


def test_a_revision_of_a_revision_is_mended_with_the_lists_of_the_one_it_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first revision (replaced by the second) is mended first; the second takes the
    lists and the seed from it, as a merge today does. Read a revision at a time."""
    old, new = tmp_path / "old.sqlite", tmp_path / "new.sqlite"
    before = _old_merge(old, tmp_path / "c1", again=True)
    ids = merge_household(new, tmp_path / "c2", again=True)
    want = plain_tables(new)[1]
    assert before != want
    monkeypatch.setattr(dataset_upgrade, "UPGRADE_BATCH", 1)
    assert _opened(old) == want
    assert [row[0] for row in want["sessions"]] == [ids[2]]
    assert {row[1] for row in want["rosters"]} == {"members", "visits"}


def test_a_dataset_without_such_revisions_comes_out_unchanged(tmp_path: Path) -> None:
    """A revision merged since b2ef051 (mended), and one with doubled keys that replaced
    nothing (its original was not sent back: a merge today stores it as sent too)."""
    for name, send_back in (("mended", True), ("kept", False)):
        db = tmp_path / f"{name}.sqlite"
        merge_household(db, tmp_path / f"c-{name}", send_back=send_back)
        _mark_schema_10(db)
        before = _every_row(db)
        _opened(db)
        assert _every_row(db) == before, name
    assert any("#m2#m2" in row[1] for row in plain_tables(tmp_path / "kept.sqlite")[1]
               ["sessions"])


def test_a_schema_10_postgres_dataset_gets_the_rows_of_a_merge_today(
        tmp_path: Path, pg_url: str) -> None:
    new = tmp_path / "new.sqlite"
    merge_household(new, tmp_path / "c1")
    assert _old_merge(pg_url, tmp_path / "c2", coded=True) == plain_tables(
        VECTORS / "dataset" / "v10-revision-keys.sqlite")[1]  # as b2ef051^ left it
    for _ in range(2):  # the second open finds schema 11: nothing to do
        assert _opened(pg_url) == plain_tables(new)[1]
    conn = open_dataset(pg_url)
    try:
        assert conn.execute("SELECT unit, coder, code FROM codings").fetchall() == [
            (BO[1], "Lee", "kin")]
    finally:
        conn.close()


def test_a_schema_7_postgres_dataset_gets_the_rows_of_a_merge_today(
        tmp_path: Path, pg_url: str) -> None:
    """As on SQLite: `pg_upgraded` gives paradata at 8, the mending and its rows at 11."""
    new = tmp_path / "new.sqlite"
    merge_household(new, tmp_path / "c1")
    _old_merge(pg_url, tmp_path / "c2", coded=True, schema=7)
    assert _opened(pg_url) == plain_tables(new)[1]
    conn = open_dataset(pg_url)
    try:
        assert conn.execute("SELECT unit, coder, code FROM codings").fetchall() == [
            (BO[1], "Lee", "kin")]
    finally:
        conn.close()


def test_a_revision_without_member_lists_takes_its_originals_as_a_merge_does(
        tmp_path: Path) -> None:
    """A merge now takes the original's `rosters` and `seed` whenever the revision has
    none, doubled keys or not (core/mend_revision.left_out): so does the upgrade, for a
    revision stored with its answers under their keys but without the lists."""
    old, new = tmp_path / "old.sqlite", tmp_path / "new.sqlite"
    merge_household(new, tmp_path / "c1")
    with pytest.MonkeyPatch.context() as patch:  # answers refiled, no lists nor seed
        patch.setattr(held_paradata, "mended_members",
                      lambda revision, original: mended_members(revision, {}))
        merge_household(old, tmp_path / "c2")
    before = _mark_schema_10(old)
    assert not any("#m2#m2" in row[1] for row in before["sessions"])
    assert before != plain_tables(new)[1]
    assert _opened(old) == plain_tables(new)[1]


def test_a_coding_of_a_members_answer_moves_with_it(tmp_path: Path) -> None:
    """A coder who coded "Bo" (m2's name) under its doubled key finds the coding on the
    answer's key; another coder's coding already there is not overwritten, and their
    coding of the doubled key, a text the mended revision no longer has, goes."""
    db = tmp_path / "old.sqlite"
    _old_merge(db, tmp_path / "collector")
    doubled, key = BO
    conn = sqlite3.connect(db)  # as schema 10 left it (opening it would upgrade it)
    try:
        conn.executemany("INSERT INTO codes VALUES (?,?)",
                         [("kin", "a relative"), ("guest", "not of the household")])
        conn.executemany("INSERT INTO coding_units VALUES (?,?,?)",
                         [(doubled, "Lee", "2026-12-03"), (doubled, "Mo", "2026-12-03"),
                          (key, "Mo", "2026-12-04")])
        conn.executemany("INSERT INTO codings VALUES (?,?,?)",
                         [(doubled, "Lee", "kin"), (doubled, "Mo", "guest"),
                          (key, "Mo", "kin")])
        conn.execute("INSERT INTO coding_settled VALUES (?,?,?,?,?,?)",
                     (doubled, "kin", 1, "a cousin", "Sam", "2026-12-03"))
        conn.commit()
    finally:
        conn.close()
    conn = open_dataset(db)
    try:
        coded = sorted(conn.execute("SELECT unit, coder, code FROM codings"))
        assert coded == [(key, "Lee", "kin"), (key, "Mo", "kin")]
        assert sorted(conn.execute("SELECT unit, coder FROM coding_units")) == [
            (key, "Lee"), (key, "Mo")]
        assert conn.execute("SELECT unit FROM coding_settled").fetchall() == [(key,)]
        assert themes.final_codes(conn)[key] == {"kin"}
    finally:
        conn.close()


@pytest.mark.parametrize("schema", [5, 6, 7, 8])
def test_a_dataset_older_than_schema_8_gets_the_rows_of_a_merge_today(
        tmp_path: Path, schema: int) -> None:
    """Before schema 8 a merge stored the revision as sent. Schema 8 gives it its
    original's paradata (events and turns rows made again), schema 11 mends its members'
    answers and makes its answers and rosters rows again: not one without the other (the
    upgrade to 8 once mended the document too, and then 11 found nothing doubled to mend,
    leaving rows of items "age#m2" beside a mended document, one roster's members
    missing and the coding under the doubled key)."""
    old, new = tmp_path / "old.sqlite", tmp_path / "new.sqlite"
    merge_household(new, tmp_path / "c1")
    assert _old_merge(old, tmp_path / "c2", coded=True, schema=schema) != plain_tables(new)[1]
    assert _opened(old) == plain_tables(new)[1]
    conn = open_dataset(old)
    try:
        assert conn.execute("SELECT unit, coder, code FROM codings").fetchall() == [
            (BO[1], "Lee", "kin")]
        assert conn.execute("SELECT unit FROM coding_units").fetchall() == [(BO[1],)]
    finally:
        conn.close()


def test_a_revision_replaced_before_schema_8_is_mended_too(tmp_path: Path) -> None:
    """A revision revised again before schema 8 was replaced as sent (no `correction`, no
    events): it gets its original's paradata and events rows at 8, its members' answers
    and the rows made of them at 11, and the revision that replaced it takes its lists:
    documents and rows those of a merge today."""
    old, new = tmp_path / "old.sqlite", tmp_path / "new.sqlite"
    merge_household(new, tmp_path / "c1", again=True)
    _old_merge(old, tmp_path / "c2", schema=7, again=True)
    assert _opened(old) == plain_tables(new)[1]
    assert _paradata_rows(old) == _paradata_rows(new)


def _paradata_rows(db: Path) -> list[list[tuple[Any, ...]]]:
    """The events, turns and times rows of every session, current and replaced."""
    conn = sqlite3.connect(db)
    try:
        return [sorted(conn.execute(f"SELECT {columns} FROM {prefix}{table}"), key=repr)
                for prefix in ("", "replaced_") for table, columns in (
                    ("events", "*"), ("turns", "*"),
                    ("sessions", "session_id, created, completed, duration_s"))]
    finally:
        conn.close()


def _coded_old(db: Path, units: list[tuple[str, str]], codings: list[tuple[str, str, str]],
               answers: dict[str, Any] | None = None) -> None:
    """Codes in the codebook, then these `coding_units` (unit, coder) and `codings`, in the
    dataset schema 10 left (opening it would upgrade it); `answers` added to the revision's
    stored document."""
    conn = sqlite3.connect(db)
    try:
        conn.executemany("INSERT INTO codes VALUES (?,?)",
                         [("kin", "a relative"), ("guest", "not of the household")])
        conn.executemany("INSERT INTO coding_units VALUES (?,?,'2026-12-03')", units)
        conn.executemany("INSERT INTO codings VALUES (?,?,?)", codings)
        if answers:
            text = conn.execute("SELECT document FROM sessions WHERE session_id=?",
                                (REVISION,)).fetchone()[0]
            document = json.loads(text)
            document["answers"].update(answers)
            conn.execute("UPDATE sessions SET document=? WHERE session_id=?",
                         (json.dumps(document), REVISION))
        conn.commit()
    finally:
        conn.close()


def _codings_now(db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    conn = open_dataset(db)
    try:
        return (sorted(conn.execute("SELECT unit, coder FROM coding_units")),
                sorted(conn.execute("SELECT unit, coder, code FROM codings")))
    finally:
        conn.close()


def test_a_coders_judgement_moves_whole_or_not_at_all(tmp_path: Path) -> None:
    """A coder's judgement of a text is their coding_units row with its codings rows (no
    codings rows: "no code", themes.code_unit): Mo judged m2's name "no code" under its
    key and coded the doubled key 'guest': Mo's "no code" stays, 'guest' does not join it;
    Lee's two codes move with Lee's judgement."""
    db = tmp_path / "old.sqlite"
    _old_merge(db, tmp_path / "collector")
    doubled, key = BO
    _coded_old(db, [(doubled, "Mo"), (key, "Mo"), (doubled, "Lee")],
               [(doubled, "Mo", "guest"), (doubled, "Lee", "kin"), (doubled, "Lee", "guest")])
    assert _codings_now(db) == ([(key, "Lee"), (key, "Mo")],
                                [(key, "Lee", "guest"), (key, "Lee", "kin")])


def test_the_codings_of_a_stale_copy_go_with_it(tmp_path: Path) -> None:
    """A correction made under the member's key ("name#m2": "Bob") wins over the stale
    copy under the doubled key ("Bo"), which the mending drops: a coding of "Bo" is of a
    text the revision no longer has, and goes too (not moved onto "Bob")."""
    db = tmp_path / "old.sqlite"
    _old_merge(db, tmp_path / "collector")
    doubled, key = BO
    bob = {"item_id": "name", "member": "m2", "value": "Bob", "at": "2026-12-03T19:40:00Z",
           "skipped": False, "skip_reason": "", "key_covered": False}
    _coded_old(db, [(doubled, "Lee")], [(doubled, "Lee", "kin")], {"name#m2": bob})
    assert _codings_now(db) == ([], [])
    conn = open_dataset(db)
    try:
        assert [u.text for u in themes.units(conn, session_id=REVISION)
                if u.unit.startswith(key)] == ["Bob"]
    finally:
        conn.close()
