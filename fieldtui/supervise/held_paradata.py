"""A merged revision's document as the dataset keeps it: the answers as corrected, the
paradata as the session was held.

A correction on the device copies what the returned session said (answers, notes,
consent, concerns, roster), not how it went (store/session_revise.py): its document has
no events and its own `created` (when the correction started) and `completed`. When the
revision takes the original's place at merge (supervise/returns.py), the dataset's current
session must still describe the interview or meeting as it was held, so the document
stored for it takes `PARADATA` from the original it replaces: every reader (turns and
events rows, `duration_s`, the quality flags, themes' quotes, reports) then sees one run's
events and one run's clock (monotonic `mono` values of two runs are never mixed). The
revision's own values of those fields stay in the stored document under `correction`;
`content_hash` remains the hash of the revision as the device sealed it, so the same
bundle merged again is a duplicate, not a conflict. What changed is in `changes`.
"""

from __future__ import annotations

import json
from typing import Any

from fieldtui.supervise.dataset_conn import Dataset

# How the session went, as opposed to what it said.
PARADATA = ("created", "completed", "events", "position")


def as_held(revision: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """`revision` with the original's paradata (the original's as held: a revision of a
    revision carries the first run's), its own under `correction`."""
    held = dict(revision)
    held["correction"] = {key: revision.get(key) for key in PARADATA}
    for key in PARADATA:
        held[key] = original.get(key)
    return held


def original_document(conn: Dataset, session_id: str, table: str) -> dict[str, Any] | None:
    """The stored document of a session in `table` (sessions or replaced_sessions)."""
    row = conn.execute(f"SELECT document FROM {table} WHERE session_id=?",
                       (session_id,)).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def stored_revision(conn: Dataset, revision: dict[str, Any]) -> dict[str, Any]:
    """The document to store for a revision that already replaced its original (a kept
    conflicting copy of it): as held, when the dataset recorded the replacement."""
    row = conn.execute("SELECT revises FROM revisions WHERE revision_id=?",
                       (revision.get("session_id"),)).fetchone()
    original = None if row is None else original_document(conn, str(row[0]),
                                                           "replaced_sessions")
    return revision if original is None else as_held(revision, original)
