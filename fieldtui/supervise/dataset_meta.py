"""The dataset's `meta` table: its schema version, the study's recipients and the other
values kept as JSON by key."""

from __future__ import annotations

import json
from typing import Any

from fieldtui.supervise.dataset_conn import Dataset


def get_meta(conn: Dataset, key: str, default: Any = None) -> Any:
    """A JSON value stored in `meta`, or `default`."""
    row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return json.loads(row[0]) if row else default


def set_meta(conn: Dataset, key: str, value: Any) -> None:
    """Store a JSON value in `meta`."""
    conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value", (key, json.dumps(value)))
