"""A correction of a poll session merged into a dataset: a poll is no longer returned,
but a dataset may hold a return an earlier fieldtui recorded, and its correction then
arrives and takes the original's place (supervise/revisions.py)."""

from __future__ import annotations

import copy
import secrets
from typing import Any

from fieldtui.supervise import revisions
from tests.support.dataset_factory import load_documents


def correct_poll_session(conn: Any, original: dict[str, Any],
                         answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """Merge a correction of the stored poll session `original` (its answers as they were,
    but those in `answers`: item id -> value); the correction's document."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO returns (session_id, device_id, status, comment, items, at, "
                 "by) VALUES (?,?,?,?,?,?,?)", (original["session_id"],
                                                original["device_id"], "returned",
                                                "check", "{}", "now", "Sam"))
    conn.execute("COMMIT")
    revision = copy.deepcopy(original)
    revision["session_id"] = secrets.token_hex(16)
    revision["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                            "return_seq": 1}
    revision["changes"] = []
    for item, value in (answers or {}).items():
        revision["answers"][item]["value"] = value
    load_documents(conn, [revision])
    conn.execute("BEGIN IMMEDIATE")
    revisions.record_revision(conn, revision, "c" * 64, "now")
    conn.execute("COMMIT")
    return revision
