"""Bringing an older dataset up to this schema (dataset_schema.py): the steps from each
schema version to the next, in one transaction for a file, and the columns and tables added
since without a schema number. The opening (dataset.py) calls them."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from fieldtui.supervise import replaced
from fieldtui.supervise.cell_key import new_record_key
from fieldtui.supervise.dataset_conn import Dataset, rollback
from fieldtui.supervise.dataset_schema import (
    ANSWERS_TABLE,
    BUNDLES_COLUMNS,
    BUNDLES_DEVICE_INDEX,
    BUNDLES_TABLE,
    FOLLOWUP_TABLES,
    RELEASE_TABLES,
    RETURN_TABLES,
    ROSTERS_TABLE,
    SCHEMA_VERSION,
)
from fieldtui.supervise.event_view import ensure_event_views
from fieldtui.supervise.held_paradata import repair_revisions
from fieldtui.supervise.merged_names import MERGED_NAMES_TABLES
from fieldtui.supervise.note_rows import SESSION_TABLES, add_note_rows, note_plans
from fieldtui.supervise.revision_keys import REVISIONS, SESSIONS, restore_revision
from fieldtui.supervise.seq_checks import DEVICE_SEQS_TABLE
from fieldtui.supervise.session_rows import insert_concerns, session_duration

UPGRADE_BATCH = 200  # sessions read at a time by an upgrade: its memory stays bounded


def session_batches(conn: Dataset, columns: str, table: str = "sessions", where: str = "",
                    parameters: tuple[Any, ...] = ()) -> Iterator[list[Any]]:
    """The rows of `table` (sessions, or replaced_sessions) that `where` (with its
    `parameters`) keeps, as `sk` then `columns`, UPGRADE_BATCH at a time in `sk` order: a
    large dataset's documents are never all in memory at once."""
    last: int | None = None
    while True:
        conditions = [f"({where})"] if where else []
        if last is not None:
            conditions.append("sk > ?")
        kept = f"WHERE {' AND '.join(conditions)} " if conditions else ""
        after = () if last is None else (last,)
        rows = conn.execute(f"SELECT sk, {columns} FROM {table} {kept}ORDER BY sk LIMIT ?",
                            (*parameters, *after, UPGRADE_BATCH)).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def add_missing_note_rows(conn: Dataset) -> int:
    """Schema 9 (the caller holds the transaction): the "not asked" rows of notes whose
    condition was false, added to the sessions of plans with a note and a condition, a
    batch at a time (note_rows.py). How many rows were added. The answers tables have
    every column a merge now writes (`lang`: the caller added it)."""
    plans = note_plans(conn)
    if not plans:
        return 0
    where = " OR ".join(["(plan_id=? AND plan_version=?)"] * len(plans))
    parameters = tuple(value for plan in plans for value in plan)
    added = 0
    for sessions, answers in SESSION_TABLES:
        for batch in session_batches(conn, "session_id, document", sessions, where,
                                     parameters):
            for sk, sid, text in batch:
                added += add_note_rows(conn, answers, sk, str(sid), json.loads(text))
    return added


def poll_durations(conn: Dataset) -> int:
    """Schema 10 (the caller holds the transaction): each poll session's `duration_s` made
    again from its document, created -> completed (`session_rows.session_duration`): schema
    9 took the span of a poll's events, which are only its start (a selection and a consent,
    15 ms apart), so every poll lasted about 0 s in the data. How many sessions."""
    done = 0
    for sessions, _answers in SESSION_TABLES:
        for batch in session_batches(conn, "document", sessions, "method=?", ("poll",)):
            conn.executemany(f"UPDATE {sessions} SET duration_s=? WHERE sk=?",
                             [(session_duration(json.loads(text)), sk) for sk, text in batch])
            done += len(batch)
    return done


def revision_keys(conn: Dataset) -> int:
    """Schema 11 (the caller holds the transaction): each merged revision stored with its
    members' answers keyed twice is stored as a merge now stores it (revision_keys.py), a
    batch of revisions at a time; the replaced ones first (a revision revised again is
    the original the next one takes its member lists from). How many were mended."""
    mended = 0
    for sessions, prefix in SESSIONS:
        for batch in session_batches(conn, "session_id, document", sessions, REVISIONS):
            for sk, sid, text in batch:
                mended += restore_revision(conn, sessions, prefix, sk, str(sid),
                                           json.loads(text))
    return mended


def pg_upgraded(conn: Dataset, version: int | None) -> None:
    """After a PostgreSQL dataset's tables were made or upgraded from `version` (None:
    new; its added columns are there): the replaced_* tables, the originals of schema 5
    moved into them, the paradata of schema 8, the note rows of schema 9, the poll
    durations of schema 10, the revisions' member keys of schema 11 and the events views of
    schema 12."""
    replaced.ensure_tables(conn)
    if version is not None and version < 6:
        replaced.move_revised(conn)
    if version is not None and version < 8:
        repair_revisions(conn)
    if version is not None and 4 <= version < 9:
        add_missing_note_rows(conn)
    if version is not None and version < 10:
        poll_durations(conn)
    if version is not None and version < 11:
        revision_keys(conn)
    ensure_event_views(conn)  # a new dataset's views, or schema 12's in place of the tables


def upgrade(conn: sqlite3.Connection, version: int) -> None:
    """Bring an older dataset up to this schema, in one transaction: a crash or an error
    part way leaves the file as it was (SQLite rolls the transaction back), still readable
    by the fieldtui that wrote it, and opening it again upgrades it from the start. Session
    documents are read a batch at a time."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if version < 2:
            # Schema 2: record keys for the cell key method, and the releases.
            conn.execute("ALTER TABLE sessions ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0")
            for batch in session_batches(conn, "record_key"):
                conn.executemany("UPDATE sessions SET record_key=? WHERE sk=?",
                                 [(new_record_key(), row[0]) for row in batch])
            for statement in RELEASE_TABLES:
                conn.execute(statement)
        if version < 3:
            # Schema 3: concerns, the follow-up register and themes; concerns already merged
            # are in the stored documents.
            for statement in FOLLOWUP_TABLES:
                conn.execute(statement)
            for batch in session_batches(conn, "session_id, method, document"):
                for sk, sid, method, text in batch:
                    insert_concerns(conn, sk, sid, method, json.loads(text))
        if version < 4:
            # Schema 4: answers keyed by roster member too, with `asked`; the rosters table.
            # Rows of older datasets were all asked and none in a roster.
            conn.execute("ALTER TABLE answers RENAME TO answers_2")
            conn.execute(ANSWERS_TABLE)
            conn.execute("INSERT INTO answers (sk, session_id, item_id, value, at, skipped, "
                         "skip_reason, key_covered) SELECT sk, session_id, item_id, value, at, "
                         "skipped, skip_reason, key_covered FROM answers_2")
            conn.execute("DROP TABLE answers_2")
            conn.execute(ROSTERS_TABLE)
        if version < 5:
            for statement in RETURN_TABLES:
                conn.execute(statement)
        if version < 6:
            # Schema 6: originals a merged revision replaced leave the current tables.
            replaced.ensure_tables(conn)
            replaced.move_revised(conn)
        if version < 7:
            # Schema 7: the names merged from each folder; empty until a merge records them
            # (until then a merge looks every name up in `bundles`, as schema 6 did).
            for statement in MERGED_NAMES_TABLES:
                conn.execute(statement)
        if version < 8:
            # Schema 8: a merged revision keeps its original's paradata (held_paradata.py).
            repair_revisions(conn)
        if 4 <= version < 9:
            # Schema 9: a note whose condition was false has its "not asked" row. Before 4
            # no item had one (the upgrade to 4 keeps every row asked): nothing to add.
            add_answer_lang(conn)
            replaced.ensure_tables(conn)
            add_missing_note_rows(conn)
        if version < 10:
            # Schema 10: a poll lasts from its creation to its completion (poll_durations).
            poll_durations(conn)
        if version < 11:
            # Schema 11: a revision merged with its members' answers keyed twice is stored
            # as a merge now stores it (revision_keys.py).
            revision_keys(conn)
        if version < 12:
            # Schema 12: `events` is a view over the documents, not a copy of every event.
            ensure_event_views(conn)
        if version < 13:
            # Schema 13: how far each device's seqs have no gap; empty until a merge brings
            # the device's bundles (it reads them all that once, as schema 12 did each time).
            conn.execute(DEVICE_SEQS_TABLE)
            rowid_bundles(conn)
        conn.execute("UPDATE meta SET value=? WHERE key='schema_version'",
                     (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def rowid_bundles(conn: sqlite3.Connection) -> None:
    """Schema 13 (the caller holds the transaction): `bundles` made again as a table with
    row numbers (dataset_schema.BUNDLES_TABLE), its rows in the order they were merged.
    SQLite's own way to change a table's kind: a new table, the rows copied, the old one
    dropped, the new one renamed, with the renaming of SQLite before 3.26 (which leaves
    alone, and does not check, a view of an analyst's that names `bundles`: it reads the
    new table)."""
    conn.execute(BUNDLES_TABLE.replace("EXISTS bundles (", "EXISTS bundles_13 (", 1))
    conn.execute(f"INSERT INTO bundles_13 ({BUNDLES_COLUMNS}) SELECT {BUNDLES_COLUMNS} "
                 "FROM bundles ORDER BY merged_at, device_id, seq")
    conn.execute("DROP TABLE bundles")
    conn.execute("PRAGMA legacy_alter_table=ON")
    try:
        conn.execute("ALTER TABLE bundles_13 RENAME TO bundles")
    finally:
        conn.execute("PRAGMA legacy_alter_table=OFF")
    conn.execute(BUNDLES_DEVICE_INDEX)


def add_arrived(conn: sqlite3.Connection) -> None:
    """Datasets merged before bundles.arrived existed get the column (empty: unknown)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(bundles)")}
    if "arrived" not in columns:
        with contextlib.suppress(sqlite3.OperationalError):  # another process added it
            conn.execute("ALTER TABLE bundles ADD COLUMN arrived TEXT")


def add_answer_lang(conn: sqlite3.Connection) -> None:
    """answers.lang: the language each answer was asked in (issue 13); '' in rows merged
    before it existed, and for sessions of one-language plans recorded before it."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(answers)")}
    if "lang" not in columns:
        with contextlib.suppress(sqlite3.OperationalError):  # another process added it
            conn.execute("ALTER TABLE answers ADD COLUMN lang TEXT NOT NULL DEFAULT ''")
