"""What `merge --from postgresql://…` reads of the store's names: all of them (a first merge,
and every merge before collector migration 2) against those stored since the last read
(pg/export.py `names_since`), in a store of 200,000 bundles with 100 new, in the same
throwaway cluster. Rows are made by SQL (names, ids and a one-byte body: the names' read
never touches a bundle's bytes). Informative: the issue sets no target for it; before,
each merge paid the whole read (0.24-0.29 s at 200,000 in the national week's store)."""

from __future__ import annotations

import statistics
import time

from bench.pg_here import postgres_here
from bench.report import figure

STORED, NEW, RUNS = 200_000, 100, 7
_ROWS = """
INSERT INTO bundles (sha256, device_id, seq, bundle_id, size, data, receipt)
SELECT md5(%(tag)s || n::text) || md5(n::text || %(tag)s), substr(md5((n %% 2000)::text), 1, 16),
       n, md5(%(tag)s || 'id' || n::text), 1, '\\x00', '\\x00'
FROM generate_series(%(first)s, %(last)s) AS n
"""


def main() -> None:
    bindir = postgres_here()
    if bindir is None:
        return
    import psycopg

    from fieldtui.sync.collector.pg.export import names_since
    from fieldtui.sync.collector.pg.schema import ensure_schema
    from tests.support.pg_cluster import PgCluster

    cluster = PgCluster(bindir, tcp=True)
    try:
        url = cluster.tcp_url(str(cluster.database()).split("/")[3].split("?")[0])
        with psycopg.connect(url, autocommit=True) as conn:
            ensure_schema(conn)
            conn.execute("INSERT INTO collector (private_key, public_key, key_id, created) "
                         "VALUES ('-', 'bench', 'bench', 'now')")
            conn.execute(_ROWS, {"tag": "a", "first": 1, "last": STORED})
            conn.execute("VACUUM ANALYZE bundles")
        first = names_since(url)
        assert first.whole and len(first.names) == STORED and first.upto is not None
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(_ROWS, {"tag": "b", "first": STORED + 1, "last": STORED + NEW})
        whole: list[float] = []
        since: list[float] = []
        for _ in range(RUNS):
            started = time.perf_counter()
            got = names_since(url)
            whole.append(time.perf_counter() - started)
            assert len(got.names) == STORED + NEW
            started = time.perf_counter()
            got = names_since(url, first.store, first.upto, first.below, first.last)
            since.append(time.perf_counter() - started)
            assert not got.whole and len(got.names) == NEW, (got.whole, len(got.names))
    finally:
        cluster.stop()
    whole_ms, since_ms = statistics.median(whole) * 1000, statistics.median(since) * 1000
    figure(f"names read by a merge, every one of {STORED + NEW:,} (median of {RUNS})",
           whole_ms, "ms")
    figure(f"names read by a merge, the {NEW} stored since the last (median of {RUNS})",
           since_ms, "ms", target="informative", ratio=since_ms / whole_ms)


if __name__ == "__main__":
    main()
