"""The supervisor dataset: one SQLite file (or a PostgreSQL database, pg_dataset.py)
holding every merged session.

Tables follow the session document (docs/internals.md): sessions, answers, participants,
turns, events, consent; plus bundles (what was merged; `arrived` is when the bundle file
was written where the merge read it, i.e. when the collector stored it), conflicts (revisions a supervisor
must choose between), plans (the plan texts the sessions were asked from) and exports
(the export log), releases and release_members (the frozen poll releases, see
supervise/release.py), concerns, followups and the themes tables (schema 3, below), returns and revisions (schema 5), the replaced_* tables (schema 6: the sessions a merged revision
replaced, moved out of the current tables, supervise/replaced.py), and merged_names (schema 7:
the bundle names merged from each folder, supervise/merged_names.py); schema 8 changed no
table: a merged revision keeps its original's paradata (supervise/held_paradata.py), and the
upgrade gives it to revisions merged before. `meta` holds the schema version and the study's recipients.
Each session has a random `record_key` for the cell key method (never exported).

Child rows are keyed by the session's row number `sk` (increasing as sessions arrive), not
by its random hex id: new rows then land at the end of each table instead of all over it,
so merging into a large dataset costs what merging into a small one does.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _
from fieldtui.store.postgres_url import is_postgres
from fieldtui.supervise import dataset_readonly as ro
from fieldtui.supervise import replaced
from fieldtui.supervise.cell_key import new_record_key
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec, rollback
from fieldtui.supervise.held_paradata import repair_revisions
from fieldtui.supervise.merged_names import MERGED_NAMES_TABLES
from fieldtui.supervise.session_rows import insert_concerns
from fieldtui.supervise.sqlite_failure import full_disk_error, not_a_database

# what sqlite says of a file that is not a database it can open (translated in the catalog)
SQLITE_WORDS = (N_("file is not a database"), N_("database disk image is malformed"))

T = TypeVar("T")

SCHEMA_VERSION = 8
UPGRADE_BATCH = 200  # sessions read at a time by an upgrade: its memory stays bounded

# Added in schema 2 (with sessions.record_key).
RELEASE_TABLES = (
    "CREATE TABLE IF NOT EXISTS releases (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
    "plan_id TEXT NOT NULL, plan_version INTEGER NOT NULL, created_at TEXT NOT NULL, "
    "respondents INTEGER NOT NULL, added INTEGER NOT NULL, crossing TEXT NOT NULL, "
    "params TEXT NOT NULL, tables TEXT NOT NULL);",
    "CREATE TABLE IF NOT EXISTS release_members (release_id INTEGER NOT NULL, "
    "session_id TEXT NOT NULL, PRIMARY KEY (release_id, session_id)) WITHOUT ROWID;",
)

# Added in schema 3: concerns raised in the field (rows from the session documents, keyed
# by sk like every child table), the follow-up register (keyed by session and concern
# number, so it outlives a revision of the session), and themes: the codebook, which units
# (an answer, a note, a quote) each coder coded, the codes they gave, and settled
# disagreements. Units are named `answer:<sid>:<item>`, `note:<sid>:<i>`, `quote:<sid>:<n>`;
# a merged correction's session id differs, so codings of the session it replaced are read
# through at query time (supervise/coding_lineage.py): no row is re-keyed, no schema bump.
FOLLOWUP_TABLES = (
    "CREATE TABLE IF NOT EXISTS concerns (sk INTEGER NOT NULL, session_id TEXT NOT NULL, "
    "idx INTEGER NOT NULL, participant TEXT, description TEXT NOT NULL, "
    "category TEXT NOT NULL, urgency TEXT NOT NULL, settled INTEGER NOT NULL, "
    "promise INTEGER NOT NULL, due TEXT, at TEXT, PRIMARY KEY (sk, idx)) WITHOUT ROWID;",
    "CREATE TABLE IF NOT EXISTS followups (session_id TEXT NOT NULL, idx INTEGER NOT NULL, "
    "status TEXT NOT NULL, owner TEXT NOT NULL, reply TEXT NOT NULL, updated_at TEXT NOT NULL, "
    "updated_by TEXT NOT NULL, published_at TEXT, PRIMARY KEY (session_id, idx)) WITHOUT ROWID;",
    "CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, description TEXT NOT NULL) "
    "WITHOUT ROWID;",
    "CREATE TABLE IF NOT EXISTS coding_units (unit TEXT NOT NULL, coder TEXT NOT NULL, "
    "at TEXT NOT NULL, PRIMARY KEY (unit, coder)) WITHOUT ROWID;",
    "CREATE TABLE IF NOT EXISTS codings (unit TEXT NOT NULL, coder TEXT NOT NULL, "
    "code TEXT NOT NULL, PRIMARY KEY (unit, coder, code)) WITHOUT ROWID;",
    "CREATE TABLE IF NOT EXISTS coding_settled (unit TEXT NOT NULL, code TEXT NOT NULL, "
    "applies INTEGER NOT NULL, reason TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL, "
    "PRIMARY KEY (unit, code)) WITHOUT ROWID;",
)

# Added in schema 4 (questionnaire logic): answers are keyed by (item, roster member) and
# say whether the item was asked (relevant); `rosters` holds each session's roster members.
ANSWERS_TABLE = (
    "CREATE TABLE IF NOT EXISTS answers (sk INTEGER NOT NULL, session_id TEXT NOT NULL, "
    "item_id TEXT NOT NULL, member TEXT NOT NULL DEFAULT '', value TEXT NOT NULL, at TEXT, "
    "skipped INTEGER NOT NULL, skip_reason TEXT NOT NULL, key_covered INTEGER NOT NULL, "
    "asked INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (sk, item_id, member)) WITHOUT ROWID;")
ROSTERS_TABLE = (
    "CREATE TABLE IF NOT EXISTS rosters (sk INTEGER NOT NULL, session_id TEXT NOT NULL, "
    "roster TEXT NOT NULL, member TEXT NOT NULL, member_id TEXT NOT NULL, "
    "parent TEXT NOT NULL, position INTEGER NOT NULL, "
    "PRIMARY KEY (sk, roster, member)) WITHOUT ROWID;")

# Added in schema 5 (returns for correction, supervise/returns.py): a session's return and
# the verdict on it (status returned / corrected / approved / rejected, with the comments),
# and each revision a device sent (the revision is a session of its own; `revises` names
# the original, which is kept: since schema 6 in the replaced_* tables, its status there
# `revised`; schema 5 kept it in `sessions` with that status).
RETURN_TABLES = (
    "CREATE TABLE IF NOT EXISTS returns (session_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, "
    "status TEXT NOT NULL, comment TEXT NOT NULL, items TEXT NOT NULL, at TEXT NOT NULL, "
    "by TEXT NOT NULL, published_seq INTEGER, published_status TEXT) WITHOUT ROWID;",
    "CREATE TABLE IF NOT EXISTS revisions (revision_id TEXT PRIMARY KEY, "
    "revises TEXT NOT NULL, bundle_sha256 TEXT NOT NULL, changes TEXT NOT NULL, "
    "merged_at TEXT NOT NULL) WITHOUT ROWID;",
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bundles (
  sha256 TEXT PRIMARY KEY, bundle_id TEXT NOT NULL, study_id TEXT NOT NULL,
  device_id TEXT NOT NULL, interviewer TEXT NOT NULL, seq INTEGER NOT NULL,
  previous TEXT NOT NULL, created TEXT NOT NULL, merged_at TEXT NOT NULL,
  sessions INTEGER NOT NULL, arrived TEXT) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS bundles_device ON bundles (device_id, seq);
CREATE TABLE IF NOT EXISTS sessions (
  sk INTEGER PRIMARY KEY, session_id TEXT NOT NULL UNIQUE, study_id TEXT NOT NULL, device_id TEXT NOT NULL,
  interviewer TEXT NOT NULL, plan_id TEXT NOT NULL, plan_version INTEGER NOT NULL,
  plan_hash TEXT NOT NULL, method TEXT NOT NULL, status TEXT NOT NULL, respondent TEXT,
  created TEXT NOT NULL, updated TEXT NOT NULL, completed TEXT,
  duration_s REAL, content_hash TEXT NOT NULL, bundle_sha256 TEXT NOT NULL,
  document TEXT NOT NULL, record_key INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS sessions_plan ON sessions (plan_id, plan_version);
CREATE TABLE IF NOT EXISTS participants (
  sk INTEGER NOT NULL, session_id TEXT NOT NULL, participant_id TEXT NOT NULL, label TEXT NOT NULL,
  attributes TEXT NOT NULL, informed INTEGER NOT NULL,
  PRIMARY KEY (sk, participant_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS turns (
  sk INTEGER NOT NULL, session_id TEXT NOT NULL, n INTEGER NOT NULL, at TEXT, participant TEXT NOT NULL,
  section_id TEXT, duration REAL NOT NULL, PRIMARY KEY (sk, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  sk INTEGER NOT NULL, session_id TEXT NOT NULL, n INTEGER NOT NULL, at TEXT, mono REAL, type TEXT NOT NULL,
  item_id TEXT, from_item TEXT, section_id TEXT, participant TEXT, duration REAL,
  extra TEXT, PRIMARY KEY (sk, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS consent (
  sk INTEGER NOT NULL, session_id TEXT NOT NULL, idx INTEGER NOT NULL, participant TEXT, given INTEGER NOT NULL,
  at TEXT, text_hash TEXT, PRIMARY KEY (sk, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS plans (
  plan_id TEXT NOT NULL, version INTEGER NOT NULL, hash TEXT NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY (plan_id, version));
CREATE TABLE IF NOT EXISTS conflicts (
  id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, kept_hash TEXT NOT NULL,
  incoming_hash TEXT NOT NULL, incoming_bundle TEXT NOT NULL, incoming_document TEXT NOT NULL,
  detected_at TEXT NOT NULL, resolved_at TEXT, chosen_hash TEXT, reason TEXT, resolved_by TEXT,
  UNIQUE (session_id, incoming_hash));
CREATE TABLE IF NOT EXISTS exports (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, what TEXT NOT NULL,
  path TEXT NOT NULL, format TEXT NOT NULL, encrypted INTEGER NOT NULL,
  recipients TEXT NOT NULL, identifiers INTEGER NOT NULL, by TEXT NOT NULL);
""" + "\n".join((*RELEASE_TABLES, *FOLLOWUP_TABLES, ANSWERS_TABLE, ROSTERS_TABLE,
                                  *RETURN_TABLES, *MERGED_NAMES_TABLES))



# Columns added to tables after they first shipped (a PostgreSQL dataset gets them too).
ADDED_COLUMNS = (("bundles", "arrived TEXT"), ("answers", "lang TEXT NOT NULL DEFAULT ''"))


def open_dataset(spec: DatasetSpec, *, create: bool = False, read_only: bool = False
                 ) -> Dataset:
    """Open (or with `create`, make) a dataset: a SQLite file, or the one in the PostgreSQL
    database a `postgresql://` URL names (pg_dataset.py); refuses what is not ours.
    `read_only`, for a command that only reads: a SQLite file is opened so that it works
    in a folder this user cannot write (dataset_readonly.py); a PostgreSQL dataset's
    rights are the server's."""
    if is_postgres(spec):
        from fieldtui.supervise.pg_dataset import open_pg_dataset

        return open_pg_dataset(str(spec), create=create, schema=SCHEMA,
                               version=SCHEMA_VERSION, columns=ADDED_COLUMNS,
                               then=_pg_upgraded)
    if read_only:
        return open_sqlite_read_only(Path(spec))
    return open_sqlite_dataset(Path(spec), create=create)


def read_only_here(spec: DatasetSpec) -> bool:
    """True for a dataset file this user cannot write (its folder or the file itself): a
    command or screen that would also write opens it read-only and says what it skipped.
    A PostgreSQL dataset's rights are the server's: False."""
    return not is_postgres(spec) and not ro.writable(Path(spec))


def open_to_log(spec: DatasetSpec) -> Dataset:
    """A dataset for a command that reads it and notes something in it besides (export and
    report -o log the files they wrote, release audit keeps its audit): opened for writing
    where this user may write it, so the note goes in it; read-only where not (export_log.py
    then logs beside the files, release audit keeps nothing)."""
    return open_dataset(spec, read_only=read_only_here(spec))


def open_sqlite_read_only(path: Path) -> sqlite3.Connection:
    """Open a dataset file for reading only: nothing is written to it or its folder (an
    older dataset is upgraded first where this user may write it, refused where not)."""
    _must_exist(path)
    conn = _guarded(path, lambda: ro.connect_read_only(path))
    version = _guarded(path, lambda: _schema_version(conn))
    _known_version(conn, path, version)
    assert version is not None
    if ro.needs_upgrade(conn, version, SCHEMA_VERSION):
        conn.close()
        if not ro.writable(path):
            raise ro.cannot_upgrade(path, version, SCHEMA_VERSION)
        open_sqlite_dataset(path).close()
        conn = _guarded(path, lambda: ro.connect_read_only(path))
    return conn


def _must_exist(path: Path) -> None:
    if not path.exists():
        raise FieldtuiError(_("no dataset at {path}").format(path=path),
                            _("merge bundles into it first with 'fieldtui merge'"))


def _known_version(conn: sqlite3.Connection, path: Path, version: int | None) -> None:
    """Refuse (closing `conn`) a file with no fieldtui schema, or a newer one."""
    if version is None:
        conn.close()
        raise FieldtuiError(_("{path} is not a fieldtui dataset").format(path=path),
                            _("give the dataset file written by "
                              "'fieldtui merge'"))
    if version > SCHEMA_VERSION:
        conn.close()
        raise FieldtuiError(_("{path} has dataset schema {version}; this "
                              "fieldtui reads {supported}").format(path=path, version=version, supported=SCHEMA_VERSION), _("use the fieldtui version that wrote it"))


def _guarded(path: Path, step: Callable[[], T]) -> T:
    """`step()`, SQLite's errors said as one line about the dataset file."""
    try:
        return step()
    except sqlite3.DatabaseError as exc:
        raise _open_error(exc, path) from exc


def _open_error(exc: sqlite3.DatabaseError, path: Path) -> FieldtuiError:
    if (full := full_disk_error(exc, path)) is not None:
        return full
    if ro.is_read_only_error(exc):
        return ro.read_only_error(path)
    if not not_a_database(exc):
        return FieldtuiError(_("cannot open the dataset {path} ({problem})").format(
            path=path, problem=exc), _("check the disk's free space and the file's "
                                       "permissions"))
    # sqlite's own words, in the interface language when the catalog has them
    return FieldtuiError(_("{path} is not a fieldtui dataset ({problem})").format(
        path=path, problem=_(str(exc)) if str(exc) in SQLITE_WORDS else exc),
                        _("give the dataset file written by 'fieldtui merge'"))


def open_sqlite_dataset(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """Open (or with `create`, make) a dataset file; refuses a file that is not one of ours,
    and one this user cannot write (a command that only reads opens it read-only)."""
    if not create:
        _must_exist(path)
    if create and not path.parent.exists():
        raise FieldtuiError(_("folder {parent} does not exist").format(parent=path.parent), _("create it first"))
    if not ro.writable(path):
        raise ro.read_only_error(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        # WAL, synced at every commit: what a command says it recorded (a merged group, a
        # review decision, a reply) survives a power cut. A merge commits every 500
        # bundles or 2 s, so the sync costs it little.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        # A larger page cache and memory-mapped reads keep a big dataset's indexes warm.
        conn.execute("PRAGMA cache_size=-65536")
        conn.execute("PRAGMA mmap_size=268435456")
        version = _schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise _open_error(exc, path) from exc
    if version is None:
        if not create:
            _known_version(conn, path, version)
        conn.executescript(SCHEMA)
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        _add_answer_lang(conn)
        replaced.ensure_tables(conn)
    elif version <= SCHEMA_VERSION:
        _add_arrived(conn)
        if version < SCHEMA_VERSION:
            _upgrade(conn, version)
        _add_answer_lang(conn)
        replaced.ensure_tables(conn)
    if version is not None:
        _known_version(conn, path, version)
    path.chmod(0o600)
    return conn


def _session_batches(conn: sqlite3.Connection, columns: str) -> Iterator[list[Any]]:
    """The sessions' rows (`sk` first, then `columns`), UPGRADE_BATCH at a time in `sk`
    order: a large dataset's documents are never all in memory at once."""
    last: int | None = None
    while True:
        where = "" if last is None else "WHERE sk > ? "
        rows = conn.execute(f"SELECT sk, {columns} FROM sessions {where}ORDER BY sk LIMIT ?",
                            (UPGRADE_BATCH,) if last is None else (last, UPGRADE_BATCH)
                            ).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _pg_upgraded(conn: Dataset, version: int | None) -> None:
    """After a PostgreSQL dataset's tables were made or upgraded from `version` (None:
    new): the replaced_* tables, and the originals of schema 5 moved into them."""
    replaced.ensure_tables(conn)
    if version is not None and version < 6:
        replaced.move_revised(conn)
    if version is not None and version < 8:
        repair_revisions(conn)


def _upgrade(conn: sqlite3.Connection, version: int) -> None:
    """Bring an older dataset up to this schema, in one transaction: a crash or an error
    part way leaves the file as it was (SQLite rolls the transaction back), still readable
    by the fieldtui that wrote it, and opening it again upgrades it from the start. Session
    documents are read a batch at a time."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if version < 2:
            # Schema 2: record keys for the cell key method, and the releases.
            conn.execute("ALTER TABLE sessions ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0")
            for batch in _session_batches(conn, "record_key"):
                conn.executemany("UPDATE sessions SET record_key=? WHERE sk=?",
                                 [(new_record_key(), row[0]) for row in batch])
            for statement in RELEASE_TABLES:
                conn.execute(statement)
        if version < 3:
            # Schema 3: concerns, the follow-up register and themes; concerns already merged
            # are in the stored documents.
            for statement in FOLLOWUP_TABLES:
                conn.execute(statement)
            for batch in _session_batches(conn, "session_id, method, document"):
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
        conn.execute("UPDATE meta SET value=? WHERE key='schema_version'",
                     (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def _add_arrived(conn: sqlite3.Connection) -> None:
    """Datasets merged before bundles.arrived existed get the column (empty: unknown)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(bundles)")}
    if "arrived" not in columns:
        with contextlib.suppress(sqlite3.OperationalError):  # another process added it
            conn.execute("ALTER TABLE bundles ADD COLUMN arrived TEXT")


def _add_answer_lang(conn: sqlite3.Connection) -> None:
    """answers.lang: the language each answer was asked in (issue 13); '' in rows merged
    before it existed, and for sessions of one-language plans recorded before it."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(answers)")}
    if "lang" not in columns:
        with contextlib.suppress(sqlite3.OperationalError):  # another process added it
            conn.execute("ALTER TABLE answers ADD COLUMN lang TEXT NOT NULL DEFAULT ''")


def _schema_version(conn: sqlite3.Connection) -> int | None:
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if row is None:
        return None
    found = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(found[0]) if found else None


def get_meta(conn: Dataset, key: str, default: Any = None) -> Any:
    """A JSON value stored in `meta`, or `default`."""
    row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return json.loads(row[0]) if row else default


def set_meta(conn: Dataset, key: str, value: Any) -> None:
    """Store a JSON value in `meta`."""
    conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value", (key, json.dumps(value)))


def session_documents(conn: Dataset, *, plan_id: str | None = None,
                      method: str | None = None) -> list[dict[str, Any]]:
    """The current session documents, optionally of one plan or method, oldest first (an
    original a merged revision replaced is not among them: supervise/replaced.py)."""
    sql = "SELECT document, status FROM sessions WHERE 1=1"
    args: list[Any] = []
    if plan_id is not None:
        sql += " AND plan_id=?"
        args.append(plan_id)
    if method is not None:
        sql += " AND method=?"
        args.append(method)
    sql += " ORDER BY created, session_id"
    out = []
    for text, status in conn.execute(sql, args):
        doc = json.loads(text)
        doc["status"] = status  # stored apart: it changes in transit, not in content
        out.append(doc)
    return out


def plan_texts(conn: Dataset) -> dict[tuple[str, int], str]:
    """The plan texts stored at merge, by (id, version)."""
    return {(r[0], int(r[1])): r[2] for r in conn.execute(
        "SELECT plan_id, version, text FROM plans")}
