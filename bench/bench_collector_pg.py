"""Collector ingest on the folder store and on PostgreSQL, 50 concurrent clients on loopback,
against a bare aiohttp handler that does one durable INSERT per body (autocommit: each
commit flushed to the WAL) in the same throwaway cluster, in the same run.

The cluster runs with fsync on (unlike the tests'); every server is its own process, fed
the same bundles by the same clients (this process). The machine is shared and its load
moves by the minute, so the three servers are measured in ROUNDS interleaved rounds (the
order rotated each round) and each store is judged on the MEDIAN of its per-round ratios
to the bare handler of the same round (the range is printed too). Beside the rates, the
cost per bundle in CPU time of each server's own process, of PostgreSQL (the cluster's
processes, read from /proc) and of the clients (this process), medians over the rounds:
steadier than a rate when other work competes for the cores.
Skipped with a note when no PostgreSQL binaries or no psycopg are installed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.bench_collector import CLIENTS, PER_CLIENT, _bundles, _cpu, _load, _start
from bench.pg_here import postgres_here
from bench.report import figure, percentile

ROUNDS = int(os.environ.get("FIELDTUI_BENCH_ROUNDS", "5"))
BARE = "bare INSERT"


@dataclass(frozen=True)
class Run:
    """One server in one round: bundles/s, p99 (ms) and CPU seconds per bundle."""

    rate: float
    p99: float
    server: float  # its own process
    database: float  # the cluster's processes
    clients: float  # this process (the 50 clients)


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
    """Print, for each server, bundles/s, p99 and CPU per bundle, and each store's median
    ratio to the bare INSERT of the same round."""
    bindir = postgres_here()
    if bindir is None:
        return
    import psycopg

    from fieldtui.sync.collector.pg.from_folder import migrate
    from tests.support.pg_cluster import PgCluster

    runs: dict[str, list[Run]] = {}
    cluster = PgCluster(bindir, tcp=True, durable=True)
    try:
        with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
            tmp = Path(folder)
            root = tmp / "collector"
            work = _bundles(root, tmp)
            print(f"   {CLIENTS} clients x {PER_CLIENT} bundles of {len(work[0][0][1])} "
                  f"bytes, 127.0.0.1; PostgreSQL with fsync on; {ROUNDS} interleaved rounds",
                  flush=True)
            for round_ in range(ROUNDS):
                bare_db = cluster.tcp_url(_database(cluster))
                with psycopg.connect(bare_db, autocommit=True) as conn:
                    conn.execute("CREATE TABLE bodies (sha256 text PRIMARY KEY, body bytea)")
                pg_db = cluster.tcp_url(_database(cluster))
                migrate(root, pg_db)  # the key and the devices; no bundle yet
                fresh = tmp / f"collector{round_}"
                shutil.copytree(root, fresh)
                servers = [
                    (BARE, [sys.executable, "-m", "bench.bench_collector_pg",
                            "--bare-pg-server", bare_db]),
                    ("folder store", _serve(str(fresh))),
                    ("PostgreSQL store", _serve(pg_db)),
                ]
                turn = round_ % len(servers)  # rotated: no server always goes first
                for name, args in servers[turn:] + servers[:turn]:
                    runs.setdefault(name, []).append(_measured(args, work, cluster.data))
                print(f"   round {round_ + 1}: " + ", ".join(
                    f"{name} {found[-1].rate:.0f}/s" for name, found in runs.items()),
                    flush=True)
    finally:
        cluster.stop()
    _report(runs)


def _report(runs: dict[str, list[Run]]) -> None:
    bare = runs[BARE]
    for name, found in runs.items():
        figure(f"{name} ingest (median of {len(found)} rounds)",
               statistics.median(r.rate for r in found), "bundles/s")
        if name != BARE:
            ratios = [r.rate / b.rate for r, b in zip(found, bare, strict=True)]
            median = statistics.median(ratios)
            # the folder store is judged against the bare durable file handler, in
            # bench_collector; here its ratio is for comparison only
            judged = name == "PostgreSQL store"
            figure(f"{name} / bare INSERT, rounds " + " ".join(f"{x:.2f}" for x in ratios)
                   + f", range {min(ratios):.2f}-{max(ratios):.2f}, median", median, "x",
                   target=">= 0.8 x bare" if judged else "",
                   ok=median >= 0.8 if judged else None)
            # the same ratio in CPU time (server + PostgreSQL + clients per bundle): what
            # the rate would be on cores of its own, steadier when other work competes
            spent = [(b.server + b.database + b.clients) / (r.server + r.database + r.clients)
                     for r, b in zip(found, bare, strict=True)]
            figure(f"{name} / bare INSERT in CPU per bundle, rounds "
                   + " ".join(f"{x:.2f}" for x in spent) + ", median",
                   statistics.median(spent), "x")
        figure(f"{name} p99 (median)", statistics.median(r.p99 for r in found), "ms")
        for part, label in (("server", "server process"), ("database", "PostgreSQL"),
                            ("clients", "clients")):
            figure(f"{name} CPU per bundle, {label} (median)",
                   statistics.median(getattr(r, part) for r in found) * 1e6, "us")


def _measured(args: list[str], work: list[list[tuple[str, bytes]]], data: Path) -> Run:
    """One server's rate, p99 and CPU per bundle (its process, the cluster, the clients)."""
    proc, url = _start(args)
    try:
        server, database, clients = _cpu(proc.pid), _cluster_cpu(data), time.process_time()
        elapsed, latencies = asyncio.run(_load(url, work))
        server = _cpu(proc.pid) - server
        database = _cluster_cpu(data) - database
        clients = time.process_time() - clients
    finally:
        proc.terminate()
        proc.wait(30)
    count = CLIENTS * PER_CLIENT
    return Run(count / elapsed, percentile(latencies, 99) * 1000, server / count,
               database / count, clients / count)


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
