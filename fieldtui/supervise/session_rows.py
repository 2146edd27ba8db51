"""Turn one session document into dataset rows, and put them in or take them out.

Answers go in as the data holds them (`asked.session_data`): roster answers keyed by member,
"not asked" rows for items whose condition was false, nothing of removed members; the
roster members go into `rosters`. The document itself is stored unchanged.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from itertools import chain
from operator import is_
from typing import Any

from fieldtui.core.canonical import sha256_hex
from fieldtui.core.concern import check_row
from fieldtui.core.meeting_clock import rebased_events
from fieldtui.core.plan.load import parse_plan
from fieldtui.supervise.asked import PlanShape, plan_shape, session_data
from fieldtui.supervise.cell_key import new_record_key
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.event_view import check_events

# Fields that change as a session travels (sealed, receipted) without changing what was said.
_TRANSIT_FIELDS = ("status",)
# One encoder, built once: json.dumps with options builds a new one on every call.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# canonical_json's settings (core.canonical), likewise built once: the same bytes. A
# document parsed from JSON cannot refer to itself, so the encoder skips the check for
# cycles (a fifth of its time on a session of 24 events).
_canonical = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                              default=str, check_circular=False).encode


def body_bytes(document: dict[str, Any]) -> bytes:
    """Canonical JSON of what a session says (everything but its transit status)."""
    return _canonical({k: v for k, v in document.items()
                       if k not in _TRANSIT_FIELDS}).encode("utf-8")


def body_and_hash(document: dict[str, Any]) -> tuple[bytes, str]:
    """`body_bytes` and its SHA-256 (the content hash), made once."""
    body = body_bytes(document)
    return body, sha256_hex(body)


def content_hash(document: dict[str, Any]) -> str:
    """Hash of what a session says: two revisions differ exactly when their hashes do."""
    return sha256_hex(body_bytes(document))


def stored_document(text: str, status: str) -> dict[str, Any]:
    """A session document as stored (its body) with its status put back."""
    doc: dict[str, Any] = json.loads(text)
    doc["status"] = status
    return doc


def session_duration(document: dict[str, Any]) -> float | None:
    """Seconds from the first to the last event (monotonic; a later boot's events go on
    by the wall time between the boots), else created → completed. A poll's few events
    (consent and a random start as it starts, roster changes) do not span it, so a
    poll's length is created → completed whenever the document has both."""
    if document.get("method") == "poll":
        wall = _wall_span(document)
        if wall is not None and wall >= 0:  # (a clock set back: the events' own span)
            return wall
    monos = [e["mono"] for e in rebased_events(document.get("events") or [])
             if isinstance(e.get("mono"), int | float)]
    if len(monos) >= 2:
        return float(max(monos) - min(monos))
    return _wall_span(document)


def _wall_span(document: dict[str, Any]) -> float | None:
    """Seconds from `created` to `completed` by the wall clock (None: not both, or not
    times)."""
    start, end = document.get("created"), document.get("completed")
    if not (start and end and isinstance(start, str) and isinstance(end, str)):
        return None
    try:
        return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    except (ValueError, TypeError):
        return None


def insert_session(conn: Dataset, document: dict[str, Any], bundle_sha: str,
                   body: bytes, record_key: int | None = None, *,
                   digest: str | None = None) -> None:
    """Insert a session and all its child rows (the caller holds the transaction).

    `body` is `body_bytes(document)`, computed once by the caller for the content hash
    (`digest`, its SHA-256, when the caller has it already). A new session gets a fresh
    random record key; a revision keeps the one it replaces.
    """
    sid = document["session_id"]
    plan = document.get("plan") or {}
    cursor = conn.execute(
        "INSERT INTO sessions (session_id, study_id, device_id, interviewer, plan_id, "
        "plan_version, plan_hash, method, status, respondent, created, updated, completed, "
        "duration_s, content_hash, bundle_sha256, document, record_key) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING sk",
        (sid, document.get("study_id", ""), document.get("device_id", ""),
         document.get("interviewer", ""), plan.get("id", ""), int(plan.get("version", 0)),
         plan.get("hash", ""), document.get("method", ""), document.get("status", ""),
         document.get("respondent"), document.get("created", ""),
         document.get("updated", ""), document.get("completed"),
         session_duration(document), digest or sha256_hex(body), bundle_sha, body.decode(),
         new_record_key() if record_key is None else record_key))
    sk = cursor.fetchone()[0]
    insert_answers(conn, sk, sid, document)
    participants = document.get("participants") or []
    if participants:
        conn.executemany(
            "INSERT INTO participants VALUES (?,?,?,?,?,?)",
            [(sk, sid, p.get("id", ""), p.get("label", ""),
              _encode(p.get("attributes") or {}),
              int(bool(p.get("informed")))) for p in participants])
    events = document.get("events")
    check_events(events, body, document)  # what the `events` view reads (event_view.py)
    insert_turns(conn, sk, sid, events or [])
    consent = document.get("consent") or []
    if consent:
        conn.executemany(
            "INSERT INTO consent VALUES (?,?,?,?,?,?,?)",
            [(sk, sid, i, c.get("participant"), int(bool(c.get("given"))), c.get("at"),
              c.get("text_hash")) for i, c in enumerate(consent)])
    insert_concerns(conn, sk, sid, str(document.get("method", "")), document)


def insert_answers(conn: Dataset, sk: Any, sid: str, document: dict[str, Any],
                   prefix: str = "") -> None:
    """A session's answers as the data holds them (`asked.session_data`: "not asked" rows
    too) in `answers`, and its roster members in `rosters` (`prefix` "replaced_": the
    tables of a replaced session)."""
    rows, members = session_data(document, shape_for(conn, document.get("plan") or {}))
    # One tuple per row, built in one pass; a table with no rows costs no statement.
    if rows:
        insert_rows(conn, f"INSERT INTO {prefix}answers (sk, session_id, item_id, member, "
                    "value, at, skipped, skip_reason, key_covered, asked, lang) VALUES ",
                    [answer_row(sk, sid, item_id, member, a, asked)
                     for item_id, member, a, asked in rows])
    if members:
        conn.executemany(
            f"INSERT INTO {prefix}rosters (sk, session_id, roster, member, member_id, "
            "parent, position) VALUES (?,?,?,?,?,?,?)",
            [(sk, sid, m.roster, m.path, m.member_id, m.parent, m.position) for m in members])


def insert_turns(conn: Dataset, sk: Any, sid: str, events: list[dict[str, Any]],
                 prefix: str = "") -> None:
    """A session's speaking turns (its `turn` events) as `turns` rows (`prefix` "replaced_":
    the table of a replaced session); its events are the `events` view (event_view.py)."""
    turns = [(sk, sid, e.get("n", i), e.get("at"), e.get("participant") or "",
              e.get("section_id"), _turn_seconds(e.get("duration")))
             for i, e in enumerate(events) if e.get("type") == "turn"]
    if turns:
        conn.executemany(f"INSERT INTO {prefix}turns VALUES (?,?,?,?,?,?,?)", turns)


def _turn_seconds(value: Any) -> float:
    """A turn's `duration` in seconds (a number, or a number written as text as devices
    never do); ValueError for one that is no finite number (float() reads "1e400" as
    infinity, which would go on into the turns table and every export of it)."""
    seconds = float(value or 0.0)
    if not math.isfinite(seconds):
        raise ValueError(f"a turn lasts {value!r} seconds")
    return seconds


def insert_concerns(conn: Dataset, sk: Any, sid: str, method: str,
                    document: dict[str, Any]) -> None:
    """The concerns a session raised, as rows; a malformed one (hostile) is left out, and a
    poll's never keeps a participant (bundle_rules refuses one that has)."""
    raw = document.get("concerns")
    rows = []
    for idx, entry in enumerate(raw if isinstance(raw, list) else []):
        row = check_row(entry, method)
        if row is not None:
            rows.append((sk, sid, idx, None if method == "poll" else row["participant"],
                         row["description"], row["category"], row["urgency"],
                         int(row["settled"]), int(row["promise"]), row["due"], row["at"]))
    if rows:
        conn.executemany("INSERT INTO concerns VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)


# Rows per multi-row INSERT, the largest of these that fits each time (37 rows: 32 + 4 + 1),
# so that few statement texts recur and stay in the connection's cache of compiled
# statements (an exact count each time could thrash it: a statement of many rows costs
# far more to compile than to run); 64 rows of 12 columns stay under the 999 parameters
# the oldest SQLite builds allow.
ROWS_PER_INSERT = 64
_SIZES = (64, 48, 32, 24, 16, 12, 8, 6, 4, 3, 2, 1)
_NONES = (None,) * 64
_VALUES: dict[tuple[str, tuple[bool, ...], int], str] = {}


def insert_rows(conn: Dataset, head: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert `rows` (values of JSON's types: None is the only one equal to None) with
    `head` ("INSERT INTO t (...) VALUES "): a statement of many rows instead of one
    execution per row, a NULL written as such in its text rather than bound (binding None
    makes the driver look for an adapter each time: a seventh of a merge's work,
    measured). Rows are grouped by where their NULLs are; rows with the same key fail
    whichever order they go in, so the outcome is executemany's: all the rows, or an
    error for the caller's savepoint or transaction to undo."""
    if not rows:
        return
    columns = list(zip(*rows, strict=True))  # rows of one width: ValueError if not
    counts = [column.count(None) for column in columns]
    if all(n in (0, len(rows)) for n in counts):
        # The common case (a session's events, its answers): each column NULL in every
        # row or in none, so one statement shape, its values laid out without a Python
        # step per value.
        nulls = tuple(n > 0 for n in counts)
        kept = [column for column, n in zip(columns, counts, strict=True) if n == 0]
        values = list(chain.from_iterable(zip(*kept, strict=True)))
        _insert_group(conn, head, nulls, len(rows), values)
        return
    groups: dict[tuple[bool, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        nulls = tuple(map(is_, row, _NONES))
        group = groups.get(nulls)
        if group is None:
            groups[nulls] = [row]
        else:
            group.append(row)
    for nulls, group in groups.items():
        _insert_group(conn, head, nulls, len(group),
                      [value for row in group for value in row if value is not None])


def _insert_group(conn: Dataset, head: str, nulls: tuple[bool, ...], count: int,
                  values: list[Any]) -> None:
    """`count` rows whose NULLs are where `nulls` says, their other values in `values`
    row after row, a statement per chunk of `_SIZES` rows."""
    width = nulls.count(False)
    start = 0
    while start < count:
        size = next(size for size in _SIZES if size <= count - start)
        conn.execute(_statement(head, nulls, size),
                     values[start * width:(start + size) * width])
        start += size


def _statement(head: str, nulls: tuple[bool, ...], count: int) -> str:
    key = (head, nulls, count)
    sql = _VALUES.get(key)
    if sql is None:
        if len(_VALUES) > 512:
            _VALUES.clear()
        one = "(" + ",".join("NULL" if null else "?" for null in nulls) + ")"
        sql = _VALUES[key] = head + ",".join([one] * count)
    return sql


def answer_row(sk: Any, sid: str, item_id: str, member: str, a: dict[str, Any],
                asked: bool) -> tuple[Any, ...]:
    """An answer as a row of `answers`."""
    get = a.get
    value = get("value")
    lang = get("lang")
    return (sk, sid, item_id, member,
            # Most poll answers are small integers: skip the encoder for them.
            str(value) if type(value) is int else _encode(value),
            get("at"), 1 if get("skipped") else 0, get("skip_reason") or "",
            1 if get("key_covered") else 0, 1 if asked else 0,
            lang if isinstance(lang, str) else "")


_SHAPES: dict[tuple[str, int, str], PlanShape | None] = {}


def shape_for(conn: Dataset, ref: dict[str, Any]) -> PlanShape | None:
    """The rosters and conditions of the plan a session names (None: the dataset has no
    text of it); parsed once per plan text. A plan's hash names its content, so a session
    whose hash is the one the dataset recorded needs no query after the first."""
    version = ref.get("version")
    key = (str(ref.get("id")), version if isinstance(version, int) else 0, str(ref.get("hash")))
    if key in _SHAPES:
        return _SHAPES[key]
    row = conn.execute("SELECT hash, text FROM plans WHERE plan_id=? AND version=?",
                       key[:2]).fetchone()
    if row is None:
        return None
    stored = (key[0], key[1], str(row[0]))
    if stored not in _SHAPES:
        plan = parse_plan(row[1], f"{key[0]} v{key[1]}").plan
        if len(_SHAPES) > 64:
            _SHAPES.clear()
        _SHAPES[stored] = None if plan is None else plan_shape(plan)
    return _SHAPES[stored]


def delete_session(conn: Dataset, session_id: str) -> None:
    """Remove a session and its child rows (used only when a supervisor picks a revision)."""
    row = conn.execute("SELECT sk FROM sessions WHERE session_id=?", (session_id,)).fetchone()
    if row is None:
        return
    for table in ("answers", "rosters", "participants", "turns", "consent", "concerns",
                  "sessions"):
        conn.execute(f"DELETE FROM {table} WHERE sk=?", (row[0],))

