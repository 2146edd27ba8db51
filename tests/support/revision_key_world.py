"""A household session, sent back, and the revision an older device sealed of it, merged into
a dataset: for dataset schema 11 (supervise/revision_keys.py).

`tests/vectors/revision/household-v1.json` holds both documents as the code of d4b1c79
wrote them: each member's answer of the revision keyed "age#m2#m2" (its key as its item),
no `rosters`, no `seed`. A merge before b2ef051 stored that revision as sent (with the
original's paradata): its answers rows were items "age#m2" no plan has, and it had no
rosters rows. `merge_household` merges the two as the fieldtui running it does (the
original, a return, the revision), sealed by the vector device to the vector study
(tests/vectors/keys.json), so the old code and today's merge the same bundles.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import HOUSEHOLD_V1
from tests.support.vector_openers import VECTORS, secret, study_identity

HOUSEHOLD = VECTORS / "revision" / "household-v1.json"
ROSTER_COLUMNS = "session_id, roster, member, member_id, parent, position"


def vector_device() -> Device:
    """The vector device (keys.json), in the study the revision vector names."""
    found = json.loads(HOUSEHOLD.read_text(encoding="utf-8"))
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(secret("device_ed25519_seed")))
    return Device("Ana", key=key, study_id=found["original"]["study_id"])


def household_docs(device: Device) -> tuple[dict[str, Any], dict[str, Any]]:
    """(original, revision) of the revision vector, as sealed by `device`."""
    found = json.loads(HOUSEHOLD.read_text(encoding="utf-8"))
    for doc in found.values():
        doc["device_id"] = device.device_id
    return found["original"], found["revision"]


def revised_again(revision: dict[str, Any]) -> dict[str, Any]:
    """A revision of `revision` as that older device made it (its answers copied with
    their keys as items once more: "age#m2#m2#m2", item "age#m2#m2"), one more change."""
    again = json.loads(json.dumps(revision))
    again["session_id"] = "3" * 32
    again["revision"] = {**revision["revision"], "revises": revision["session_id"]}
    again["answers"] = {(f"{key}#{row['member']}" if row.get("member") else key):
                        {**row, "item_id": key} if row.get("member") else row
                        for key, row in revision["answers"].items()}
    again["answers"]["water_source"] = {**again["answers"]["water_source"], "value": "river"}
    again["changes"] = [{**revision["changes"][0], "old": "tap", "new": "river"}]
    return again


def merge_household(db: Path | str, folder: Path, *, send_back: bool = True,
                    again: bool = False) -> list[str]:
    """Merge into the dataset `db` (made here; a file or a PostgreSQL URL) the household,
    return it (unless not `send_back`), then merge its revision (and with `again`, return
    that and merge `revised_again` of it), the bundles stored in `folder`; the session
    ids in merge order."""
    from fieldtui.supervise import returns
    from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
    from fieldtui.supervise.dataset import open_dataset
    from fieldtui.supervise.merge import merge_folder

    device, store = vector_device(), Store(folder, identity=study_identity())
    store.enroll(device)
    docs = list(household_docs(device))
    if again:
        docs.append(revised_again(docs[1]))
    conn = open_dataset(db, create=True)
    try:
        record_plans(conn, HOUSEHOLD_V1)
        for doc in docs:
            store.put(device.bundle([doc], store.recipients))
            report = merge_folder(conn, store.root, study_opener(store.identity,
                                                                 read_devices(store.root)),
                                  order=seal_order)
            assert (report.sessions_added, report.conflicts) == (1, []), report
            if send_back and doc is not docs[-1]:
                conn.execute("BEGIN IMMEDIATE")
                returns.return_session(conn, doc["session_id"], "check the ages", {}, "Sam")
                conn.execute("COMMIT")
    finally:
        conn.close()
    return [doc["session_id"] for doc in docs]


def merged_tables(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The rows a merge derives from the documents, current and replaced (all but `sk`),
    and the documents, in a fixed order."""
    from tests.support.note_world import ANSWER_COLUMNS

    tables = {}
    for prefix in ("", "replaced_"):
        for table, columns in (("answers", ANSWER_COLUMNS), ("rosters", ROSTER_COLUMNS),
                               ("sessions", "session_id, document, content_hash")):
            tables[prefix + table] = sorted(  # in Python: PostgreSQL's collation differs
                (tuple(row) for row in conn.execute(f"SELECT {columns} FROM {prefix}{table}")),
                key=repr)
    return tables


def plain_tables(path: Path) -> tuple[str, dict[str, list[tuple[Any, ...]]]]:
    """(schema version, `merged_tables`) of a dataset file read with plain sqlite3 (no
    upgrade)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                               ).fetchone()[0]
        return str(version), merged_tables(conn)
    finally:
        conn.close()


def write_revision_keys_vector(where: Path) -> Path:
    """`dataset/v10-revision-keys.sqlite`: the household and its revision as the fieldtui
    running this merges them (`make_vectors.py --add-revision-keys`, run on the code of
    schema 10 before b2ef051: the revision's doubled keys stored as sent)."""
    where.mkdir(parents=True, exist_ok=True)
    path = where / "v10-revision-keys.sqlite"
    with tempfile.TemporaryDirectory() as folder:
        merge_household(path, Path(folder))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("VACUUM")
    conn.close()
    return path
