"""The `events` relation: a view over the stored session documents (dataset schema 12).

A session's events are in its stored document (`sessions.document`, the paradata a revision
holds included: held_paradata.py). Up to schema 11 a merge also copied each event into a
row of an `events` table: the same facts twice, the larger part of a merge's writes (24
rows for a session of 12 questions) and a third of a dataset's size, for a table no command
reads. Now `events` (and `replaced_events`, over `replaced_sessions`) is a view with the
table's columns, read from the documents when an analyst queries it:

    sk, session_id, n, at, mono, type, item_id, from_item, section_id, participant,
    duration, extra

`n` is the event's number (its place in the list, from 0, when it has none), `mono` and
`duration` numbers only (else NULL), `extra` the event's other fields as a JSON object (NULL
when it has none; PostgreSQL writes it with its own spacing). A view reads only what its
JSON functions can read, so `check_events` refuses at merge what the table used to refuse
by its key and types: events that are not a list, an event that is not an object, a number
`n` that is no whole number (or past 64 bits), two events with one `n`, a NUL character
in an event's field (PostgreSQL's text holds none), a `mono` or `duration` past a double
(PostgreSQL's cast fails) and, anywhere in the document, a number that is not finite
(`1e400` read as Infinity: the stored document is then no JSON to SQLite or PostgreSQL).
A field that is an object or a list where a column takes a value (the table refused it)
is given as its JSON text.

The views never fail for one session: a query of `events` is every analyst's. A document
their JSON functions cannot read (NaN or Infinity, which merges before schema 12 let in)
gives no events; in PostgreSQL a NUL anywhere in a document (its JSON functions read
every string of it as text, and text holds none) is read as U+FFFD.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset_conn import Dataset, dialect

# The event fields the view gives columns of (`from` is `from_item`); the rest are `extra`.
COLUMN_FIELDS = ("n", "at", "mono", "type", "item_id", "from", "section_id", "participant",
                 "duration")
_INT64 = 2**63
_DOUBLE = sys.float_info.max
# Re-encodes a document to find a number that is not finite (only when its JSON may hold one)
_finite_json = json.JSONEncoder(allow_nan=False, check_circular=False).encode

_SQLITE_VIEW = """CREATE VIEW IF NOT EXISTS {prefix}events AS
SELECT s.sk AS sk, s.session_id AS session_id,
  COALESCE(json_extract(e.value, '$.n'), e.key) AS n,
  json_extract(e.value, '$.at') AS at,
  CASE WHEN json_type(e.value, '$.mono') IN ('integer', 'real')
    THEN CAST(json_extract(e.value, '$.mono') AS REAL) END AS mono,
  COALESCE(json_extract(e.value, '$.type'), '') AS type,
  json_extract(e.value, '$.item_id') AS item_id,
  json_extract(e.value, '$."from"') AS from_item,
  json_extract(e.value, '$.section_id') AS section_id,
  json_extract(e.value, '$.participant') AS participant,
  CASE WHEN json_type(e.value, '$.duration') IN ('integer', 'real')
    THEN CAST(json_extract(e.value, '$.duration') AS REAL) END AS duration,
  NULLIF(json_remove(e.value, '$.n', '$.at', '$.mono', '$.type', '$.item_id', '$."from"',
                     '$.section_id', '$.participant', '$.duration'), '{{}}') AS extra
FROM {prefix}sessions AS s, json_each({document}, '$.events') AS e
WHERE json_type({document}, '$.events') = 'array'"""
# A document SQLite cannot read (NaN, Infinity: stored before schema 12) has no events.
_SQLITE_DOCUMENT = "CASE WHEN json_valid(s.document) THEN s.document ELSE '{}' END"

# json, not jsonb: jsonb refuses a \\u0000 anywhere in a document, json only where it is read
_PG_VIEW = r"""CREATE OR REPLACE VIEW {prefix}events AS
SELECT s.sk AS sk, s.session_id AS session_id,
  CASE WHEN json_typeof(e.value -> 'n') IS DISTINCT FROM 'number' THEN e.ord - 1
    WHEN (e.value ->> 'n') ~ '^-?[0-9]+$' THEN (e.value ->> 'n')::bigint
    ELSE (e.value ->> 'n')::double precision::bigint END AS n,
  e.value ->> 'at' AS at,
  CASE WHEN json_typeof(e.value -> 'mono') = 'number'
    THEN (e.value ->> 'mono')::double precision END AS mono,
  COALESCE(e.value ->> 'type', '') AS type,
  e.value ->> 'item_id' AS item_id,
  e.value ->> 'from' AS from_item,
  e.value ->> 'section_id' AS section_id,
  e.value ->> 'participant' AS participant,
  CASE WHEN json_typeof(e.value -> 'duration') = 'number'
    THEN (e.value ->> 'duration')::double precision END AS duration,
  (SELECT json_object_agg(x.key, x.value)::text FROM json_each(e.value) AS x
   WHERE x.key NOT IN ('n', 'at', 'mono', 'type', 'item_id', 'from', 'section_id',
                       'participant', 'duration')) AS extra
FROM {prefix}sessions AS s
CROSS JOIN LATERAL (SELECT (CASE
  WHEN (strpos(s.document, 'NaN') > 0 OR strpos(s.document, 'Infinity') > 0)
    AND s.document ~ '^(?:"(?:[^"\\]|\\.)*"|[^"NI])*[NI]' THEN '{{}}'
  WHEN strpos(s.document, '\u0000') > 0
    THEN regexp_replace(s.document, '(?<!\\)((?:\\\\)*)\\u0000', '\1\\ufffd', 'g')
  ELSE s.document END)::json AS doc) AS d
CROSS JOIN LATERAL json_array_elements(
  CASE WHEN json_typeof(d.doc -> 'events') = 'array'
    THEN d.doc -> 'events' ELSE '[]'::json END) WITH ORDINALITY AS e(value, ord)"""
# An `n` that is no whole number (1.5, 1000.0: a merge before schema 12 kept it, its table
# rounded it) is rounded as that table did, not cast to bigint, which fails.
# The document as PostgreSQL's JSON functions can read it, every time (the CASE above): one
# with a bare NaN or Infinity (a capital N or I outside its strings: JSON has none there
# but in those) as no JSON object; a \u0000 that is an escape (an even run of backslashes
# before it, none included) as \ufffd. Both looked for only when the text holds them.


def ensure_event_views(conn: Dataset) -> None:
    """Make `events` and `replaced_events` the views over the documents, dropping the
    tables of schema 11 and before (the caller holds the transaction)."""
    for prefix in ("", "replaced_"):
        name = f"{prefix}events"
        if _is_table(conn, name):
            _refuse_views_over(conn, name)
            conn.execute(f"DROP TABLE {name}")
        if dialect(conn) == "postgresql":
            conn.execute(_PG_VIEW.format(prefix=prefix))
        else:
            conn.execute(_SQLITE_VIEW.format(prefix=prefix, document=_SQLITE_DOCUMENT))


def _refuse_views_over(conn: Dataset, table: str) -> None:
    """FieldtuiError when views of an analyst's own read the PostgreSQL table `table`: it
    cannot be dropped under them (SQLite's views are read by name: the view of the same
    columns takes the table's place under them) and dropping them with it would lose them."""
    if dialect(conn) != "postgresql":
        return
    views = sorted({str(r[0]) for r in conn.execute(
        "SELECT v.oid::regclass::text FROM pg_depend d "
        "JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class "
        "WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = to_regclass(?) "
        "AND v.oid <> d.refobjid", (table,))})
    if views:
        raise FieldtuiError(
            _("the dataset at {name} has views of its own over its table {table} ({views}); "
              "this fieldtui makes {table} a view with the same columns").format(
                name=getattr(conn, "name", ""), table=table, views=", ".join(views)),
            _("save and drop those views, open the dataset again, then make them again"))


def _is_table(conn: Dataset, name: str) -> bool:
    if dialect(conn) == "postgresql":
        row = conn.execute("SELECT table_type FROM information_schema.tables WHERE "
                           "table_schema = current_schema() AND table_name = ?",
                           (name,)).fetchone()
        return row is not None and row[0] == "BASE TABLE"
    row = conn.execute("SELECT type FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None and row[0] == "table"


def check_events(events: Any, body: bytes, document: Any = None) -> None:
    """ValueError unless the view can read every event as the table held it: `events` a
    list of objects, each numbered by a whole `n` within 64 bits (or none: its place), no
    two alike, a `mono` or `duration` that is a number within a double, and no NUL in a
    field name or text (PostgreSQL's `->>` cannot give one back); and unless `document`
    (the session, whose stored JSON `body` is) holds only finite numbers: Python writes
    the others as NaN or Infinity, which no SQL JSON function reads. Only when `body`
    holds an escaped NUL, NaN or Infinity at all are the fields looked at one by one (a
    merge checks thousands of events a second)."""
    if (b"NaN" in body or b"Infinity" in body) and document is not None:
        try:
            _finite_json(document)
        except ValueError:
            raise ValueError("a number in the session is not finite") from None
    if events is None:
        return
    if not isinstance(events, list):
        raise ValueError("events is not a list")
    numbers: set[int] = set()
    for i, event in enumerate(events):
        if type(event) is not dict:
            raise ValueError(f"event {i} is not an object")
        n = event.get("n", i)
        if type(n) is not int or not -_INT64 <= n < _INT64:
            raise ValueError(f"event {i} has no whole number 'n'")
        if n in numbers:
            raise ValueError(f"two events are numbered {n}")
        numbers.add(n)
        for key in ("mono", "duration"):  # PostgreSQL's view casts them to a double
            value = event.get(key)
            if value.__class__ is int and not -_DOUBLE <= value <= _DOUBLE:
                raise ValueError(f"event {i}'s {key!r} is past a double")
    if b"\\u0000" in body:  # JSON writes a NUL as \u0000: rare, so only then look closer
        for i, event in enumerate(events):
            for key, value in event.items():
                if "\x00" in key or (isinstance(value, str) and "\x00" in value):
                    raise ValueError(f"event {i}'s {key!r} holds a NUL")
