"""A PostgreSQL store laid out as a collector folder (devices/, revoked.json, bundles/ with
each file's time the time it was stored), for `merge --from postgresql://…` until the
supervisor's side reads the database itself."""

from __future__ import annotations

import os
from pathlib import Path

from fieldtui.store.durable import private_dir
from fieldtui.sync.collector.backend import SHA_NAME
from fieldtui.sync.collector.pg.admin import PgAdmin
from fieldtui.sync.collector.pg.connect import connect


def export_store(url: str, folder: Path) -> int:
    """Write the store's cards, revocations and bundles into `folder`; returns the number
    of bundles."""
    admin = PgAdmin(url)
    try:
        admin.export_cards(folder)
    finally:
        admin.close()
    target = private_dir(Path(folder) / "bundles")
    conn = connect(url, autocommit=False)
    count = 0
    try:
        with conn.cursor(name="fieldtui_export") as cur:
            cur.itersize = 50
            cur.execute("SELECT sha256, data, extract(epoch FROM stored_at) FROM bundles "
                        "ORDER BY stored_at, sha256")
            for sha, data, stored in cur:
                if not SHA_NAME.fullmatch(sha):
                    continue  # the schema checks it; a name is never a path
                path = target / f"{sha}.ftb"
                path.write_bytes(bytes(data))
                os.utime(path, (float(stored), float(stored)))
                count += 1
        conn.rollback()
    finally:
        conn.close()
    return count
