"""The supervisor dataset's tables: the schema a new dataset file is made with (a PostgreSQL
dataset gets the same, translated by pg_dataset.py), and its version.

Tables follow the session document (docs/internals.md): sessions, answers, participants,
turns, events, consent; plus bundles (what was merged; `arrived` is when the bundle file
was written where the merge read it, i.e. when the collector stored it), conflicts (revisions a supervisor
must choose between), plans (the plan texts the sessions were asked from) and exports
(the export log), releases and release_members (the frozen poll releases, see
supervise/release.py), concerns, followups and the themes tables (schema 3, below), returns and revisions (schema 5), the replaced_* tables (schema 6: the sessions a merged revision
replaced, moved out of the current tables, supervise/replaced.py), and merged_names (schema 7:
the bundle names merged from each folder, supervise/merged_names.py); schema 8 changed no
table: a merged revision keeps its original's paradata (supervise/held_paradata.py), and the
upgrade gives it to revisions merged before; schema 9 changed no table either: a `note` item
whose condition was false has a "not asked" answer row, and the upgrade adds the rows merges
of schemas 4 to 8 left out (supervise/note_rows.py); schema 10 changed no table: a poll's
`duration_s` is created -> completed, and the upgrade makes it again for polls merged
before (dataset_upgrade.poll_durations); schema 11 changed no table: a revision an older
device sealed with its members' answers keyed twice is mended at merge, and the upgrade
stores those merged before as a merge now does (supervise/revision_keys.py). Schema 12 made
`events` and `replaced_events` views over the stored documents instead of tables that
copied every event (supervise/event_view.py). Schema 13 added `device_seqs`: for each device,
the seq up to which none is missing, so that a merge looks for a device's gaps among its
bundles above that only (supervise/seq_checks.py); and `bundles` became a table with row
numbers (below). `meta` holds the schema version and the study's recipients.
Each session has a random `record_key` for the cell key method (never exported).

Child rows are keyed by the session's row number `sk` (increasing as sessions arrive), not
by its random hex id: new rows then land at the end of each table instead of all over it,
so merging into a large dataset costs what merging into a small one does.
"""

from __future__ import annotations

from fieldtui.supervise.merged_names import MERGED_NAMES_TABLES
from fieldtui.supervise.seq_checks import DEVICE_SEQS_TABLE

SCHEMA_VERSION = 13

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

# A row per merged bundle. Since schema 13 a table with row numbers, its rows in the order
# merged, found by name through the index of its primary key: keyed by the (random) hash
# itself, each of a merge's rows landed on a page of its own all over the table, and the
# commit wrote every such page again (100 bundles into 10,000: 1034 KiB of WAL for this
# table, 583 KiB now).
BUNDLES_TABLE = (
    "CREATE TABLE IF NOT EXISTS bundles (\n"
    "  sha256 TEXT PRIMARY KEY, bundle_id TEXT NOT NULL, study_id TEXT NOT NULL,\n"
    "  device_id TEXT NOT NULL, interviewer TEXT NOT NULL, seq INTEGER NOT NULL,\n"
    "  previous TEXT NOT NULL, created TEXT NOT NULL, merged_at TEXT NOT NULL,\n"
    "  sessions INTEGER NOT NULL, arrived TEXT);")
BUNDLES_DEVICE_INDEX = "CREATE INDEX IF NOT EXISTS bundles_device ON bundles (device_id, seq);"
BUNDLES_COLUMNS = ("sha256, bundle_id, study_id, device_id, interviewer, seq, previous, "
                   "created, merged_at, sessions, arrived")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""" + BUNDLES_TABLE + "\n" + BUNDLES_DEVICE_INDEX + """
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
                                  *RETURN_TABLES, *MERGED_NAMES_TABLES, DEVICE_SEQS_TABLE))


# Columns added to tables after they first shipped (a PostgreSQL dataset gets them too).
ADDED_COLUMNS = (("bundles", "arrived TEXT"), ("answers", "lang TEXT NOT NULL DEFAULT ''"))
