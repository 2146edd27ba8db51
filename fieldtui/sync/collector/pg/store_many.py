"""A batch of uploads stored by ONE statement (the group commit's transaction: see
pg.batch), not one statement each in a pipeline.

The batch goes as arrays, one per column, in binary where it is bulk (the bundles, the
receipts, the names): PostgreSQL parses, plans and executes one statement, psycopg adapts
eight lists, and, on an autocommit connection, the statement's own implicit transaction
commits with it, so the batch costs one round trip (a pipeline with BEGIN and COMMIT cost
three). Per upload it keeps what the one-upload statement (`pg.store.STORE`) does: the
device's row is locked FOR SHARE (devices locked in order, so batches of two collectors
cannot deadlock on them, and a revocation waits for the batch, whose check then sees it),
the bundle inserted only for a device allowed and not revoked, ON CONFLICT DO NOTHING (the
same bytes from two collectors stored once), and the row it answers is (revoked, inserted).
"""

from __future__ import annotations

from typing import Any

STORE_MANY = """
WITH input AS (
    SELECT * FROM unnest(%(sha256)b::text[], %(device_id)b::text[], %(seq)s::bigint[],
                         %(bundle_id)b::text[], %(size)s::integer[], %(data)b::bytea[],
                         %(receipt)b::bytea[], %(source)b::text[]) WITH ORDINALITY
        AS t(sha256, device_id, seq, bundle_id, size, data, receipt, source, n)
), dev AS (
    SELECT device_id, revoked FROM devices WHERE device_id = ANY(%(device_id)b::text[])
    ORDER BY device_id FOR SHARE
), ins AS (
    INSERT INTO bundles (sha256, device_id, seq, bundle_id, size, data, receipt, source)
    SELECT i.sha256, i.device_id, i.seq, i.bundle_id, i.size, i.data, i.receipt, i.source
    FROM input i JOIN dev d USING (device_id) WHERE NOT d.revoked
    ORDER BY i.device_id, i.sha256
    ON CONFLICT DO NOTHING
    RETURNING sha256
)
SELECT d.revoked, EXISTS (SELECT 1 FROM ins WHERE ins.sha256 = i.sha256)
FROM input i LEFT JOIN dev d USING (device_id)
ORDER BY i.n
"""
COLUMNS = ("sha256", "device_id", "seq", "bundle_id", "size", "data", "receipt", "source")
SOURCE_CHARS = 200


def db_text(text: str, limit: int = SOURCE_CHARS) -> str:
    r"""`text` as PostgreSQL text takes it: at most `limit` characters, a byte that was not
    UTF-8 (a surrogate escape of a file name) as `\udcNN`, NUL as `\x00`. A value psycopg
    cannot encode raises outside psycopg.Error (no Unavailable: a traceback), and one
    PostgreSQL refuses fails the whole batch's statement."""
    safe = text[:limit].encode("utf-8", "backslashreplace").decode("utf-8")
    return safe.replace("\x00", "\\x00")[:limit]


def store_many(conn: Any, batch: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Store each upload's fields (dicts of COLUMNS) by one statement on `conn` (in
    autocommit: committed when this returns); the (revoked, inserted) row of each, in
    order. The same bytes twice in a batch are sent once: the second is answered as
    found stored (inserted False), as it would be in a batch after the first's."""
    first: dict[str, int] = {}
    sent: list[dict[str, Any]] = []
    for fields in batch:
        if fields["sha256"] not in first:
            first[fields["sha256"]] = len(sent)
            sent.append(fields)
    # one row per upload sent (a device's row joins at most once: device_id is its key)
    rows = conn.execute(STORE_MANY, {c: [f[c] for f in sent] for c in COLUMNS}).fetchall()
    answers: list[tuple[Any, ...]] = []
    for fields in batch:
        at = first[fields["sha256"]]
        row = tuple(rows[at])
        answers.append(row if sent[at] is fields else (row[0], False))
    return answers
