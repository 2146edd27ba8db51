"""Collector ingest on the folder store and on PostgreSQL, 50 concurrent clients on loopback,
against a bare aiohttp handler that does one durable INSERT per body (autocommit: each
commit flushed to the WAL) in the same throwaway cluster, in the same run.

The cluster runs with fsync on (unlike the tests'); every server is its own process.
Besides bundles/s (best of ROUNDS interleaved rounds: the machine is shared), each server's
cost is given in CPU time per bundle, its own process plus PostgreSQL's (the cluster's
processes, read from /proc): steadier than a rate when other work competes for the cores.
Skipped with a note when no PostgreSQL binaries or no psycopg are installed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.bench_collector import CLIENTS, PER_CLIENT, _bundles, _load, _start
from bench.report import figure, percentile

ROUNDS = 3


def bare_pg_server(url: str) -> None:
    """A bare aiohttp server: each PUT body is one INSERT, committed; prints its URL."""
    from aiohttp import web
    from psycopg_pool import ConnectionPool

    pool: ConnectionPool = ConnectionPool(url, min_size=4, max_size=10, open=True,
                                          kwargs={"autocommit": True})

    def insert(sha: str, body: bytes) -> None:
        with pool.connection() as conn:
            conn.execute("INSERT INTO bodies (sha256, body) VALUES (%s, %s) "
                         "ON CONFLICT DO NOTHING", (sha, body))

    async def put(request: web.Request) -> web.Response:
        body = await request.read()
        await asyncio.to_thread(insert, request.match_info["sha"], body)
        return web.Response(status=201)

    async def main() -> None:
        app = web.Application(client_max_size=1 << 24)
        app.router.add_put("/v1/bundles/{sha}", put)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        print(f"bare listening on http://{host}:{port}", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


def main() -> None:
    """Print bundles/s and p99 for each server, and each store's ratio to the bare INSERT."""
    from tests.support.pg_cluster import PgCluster, find_bindir

    bindir = find_bindir()
    try:
        import psycopg
    except ImportError:
        psycopg = None  # type: ignore[assignment]
    if bindir is None or psycopg is None:
        print("   skipped: no PostgreSQL binaries or no psycopg (make setup; apt-get install "
              "postgresql)", flush=True)
        return
    from fieldtui.sync.collector.pg.from_folder import migrate

    cluster = PgCluster(bindir, tcp=True, durable=True)
    try:
        with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
            tmp = Path(folder)
            root = tmp / "collector"
            work = _bundles(root, tmp)
            size = len(work[0][0][1])
            best: dict[str, tuple[float, float]] = {}
            cpu: dict[str, list[float]] = {}
            for round_ in range(ROUNDS):  # interleaved, best of each: a shared, noisy machine
                bare_db = cluster.tcp_url(_database(cluster))
                with psycopg.connect(bare_db, autocommit=True) as conn:
                    conn.execute("CREATE TABLE bodies (sha256 text PRIMARY KEY, body bytea)")
                pg_db = cluster.tcp_url(_database(cluster))
                migrate(root, pg_db)  # the key and the devices; no bundle yet
                fresh = tmp / f"collector{round_}"
                shutil.copytree(root, fresh)
                servers = {
                    "bare INSERT": [sys.executable, "-m", "bench.bench_collector_pg",
                                    "--bare-pg-server", bare_db],
                    "folder store": _serve(str(fresh)),
                    "PostgreSQL store": _serve(pg_db),
                }
                for name, args in servers.items():
                    rate, p99, per_bundle = _measured(args, work, cluster.data)
                    cpu.setdefault(name, []).append(per_bundle)
                    if rate > best.get(name, (0.0, 0.0))[0]:
                        best[name] = (rate, p99)
    finally:
        cluster.stop()
    print(f"   {CLIENTS} clients x {PER_CLIENT} bundles of {size} bytes, 127.0.0.1; "
          "PostgreSQL with fsync on", flush=True)
    bare_rate = best["bare INSERT"][0]
    bare_cpu = min(cpu["bare INSERT"])
    for name, (rate, p99) in best.items():
        ratio = rate / bare_rate if name != "bare INSERT" else None
        figure(f"{name} ingest", rate, "bundles/s", ratio=ratio)
        figure(f"{name} p99", p99, "ms")
        own = min(cpu[name])
        figure(f"{name} CPU per bundle (server + PostgreSQL, least of {ROUNDS})", own * 1e6,
               "us", ratio=bare_cpu / own if name != "bare INSERT" else None)


def _measured(args: list[str], work: list[list[tuple[str, bytes]]], data: Path
              ) -> tuple[float, float, float]:
    """(bundles/s, p99 ms, CPU seconds per bundle of the server and the cluster)."""
    proc, url = _start(args)
    try:
        before = _cpu(proc.pid) + _cluster_cpu(data)
        elapsed, latencies = asyncio.run(_load(url, work))
        spent = _cpu(proc.pid) + _cluster_cpu(data) - before
    finally:
        proc.terminate()
        proc.wait(30)
    count = CLIENTS * PER_CLIENT
    return count / elapsed, percentile(latencies, 99) * 1000, spent / count


def _cpu(pid: int) -> float:
    """User + system CPU seconds of a process and its threads so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # ended meanwhile
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cluster_cpu(data: Path) -> float:
    """CPU seconds of the postmaster's children now running (its backends, WAL writer,
    checkpointer): what PostgreSQL spent, as far as /proc still shows it."""
    postmaster = int((data / "postmaster.pid").read_text().split()[0])
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster:
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _database(cluster: object) -> str:
    url = cluster.database()  # type: ignore[attr-defined]
    return str(url).split("/")[3].split("?")[0]


def _serve(store: str) -> list[str]:
    return [sys.executable, "-m", "fieldtui", "collector", "serve", "--store", store,
            "--port", "0", "--quiet", "--rate", "10000"]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bare-pg-server":
        bare_pg_server(sys.argv[2])
    else:
        main()
