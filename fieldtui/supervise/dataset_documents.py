"""What a dataset stored whole at merge: the current session documents and the plan texts
they were asked from."""

from __future__ import annotations

import json
from typing import Any

from fieldtui.supervise.dataset_conn import Dataset


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
