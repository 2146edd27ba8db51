"""A national week (issue 18, item 8): 2,000 devices sync in waves against two collector
processes on one PostgreSQL, 200,000 bundles; none may be lost or stored twice, and the
p99 upload latency is reported.

Each of WAVES waves (a day's syncs), every device seals its bundles of the day (a hash
chain per device, as a device does), then syncs them in order to its collector (devices
split between the two), AT_ONCE devices at the same moment, in a shuffled order. Then one
device in RESEND_EVERY sends its first bundle of the day again to the *other* collector, as
a device whose receipt was lost would after DNS moved it: that answer must be 201 with the
very same receipt. A
503 or a dropped connection is retried, as the device's client does (counted).

The full week takes far more than five minutes on a small machine, so `make bench` runs
2,000 devices with DEFAULT_PER_DEVICE bundles each (the size used is printed);
FIELDTUI_BENCH_NATIONAL=1 runs the full 200,000, FIELDTUI_BENCH_NATIONAL_BUNDLES=N sets the
bundles per device. PostgreSQL runs with fsync on. Skipped when PostgreSQL is missing.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from bench.bench_collector import _start
from bench.bench_collector_pg import _database, _serve
from bench.pg_here import postgres_here
from bench.report import figure, percentile
from tests.support.bundle_factory import Dev, Study, bundle, session

DEVICES = 2_000
FULL_PER_DEVICE = 100  # 200,000 bundles
DEFAULT_PER_DEVICE = 5
WAVES = 5
AT_ONCE = 100
RESEND_EVERY = 10
RETRIES = 8


@dataclass
class Tally:
    """What the week's uploads saw."""

    latencies: list[float] = field(default_factory=list)
    receipts: dict[str, bytes] = field(default_factory=dict)
    sent: dict[str, tuple[str, int]] = field(default_factory=dict)  # sha -> (device, seq)
    retried: int = 0
    resent_same: int = 0
    failures: list[str] = field(default_factory=list)


def sizes() -> tuple[int, int]:
    """(devices, bundles per device) for this run."""
    if os.environ.get("FIELDTUI_BENCH_NATIONAL") == "1":
        return DEVICES, FULL_PER_DEVICE
    return DEVICES, int(os.environ.get("FIELDTUI_BENCH_NATIONAL_BUNDLES", DEFAULT_PER_DEVICE))


async def _upload(session: aiohttp.ClientSession, url: str, sha: str, data: bytes,
                  tally: Tally) -> bytes | None:
    for attempt in range(RETRIES):
        started = time.monotonic()
        try:
            async with session.put(f"{url}/v1/bundles/{sha}", data=data) as response:
                body = await response.read()
                status = response.status
        except aiohttp.ClientError:
            status, body = 0, b""
        if status == 201:
            tally.latencies.append(time.monotonic() - started)
            return body
        if status not in (0, 503):
            tally.failures.append(f"{sha[:12]}: HTTP {status}")
            return None
        tally.retried += 1
        await asyncio.sleep(0.05 * (attempt + 1))
    tally.failures.append(f"{sha[:12]}: gave up after {RETRIES} tries")
    return None


async def _wave(urls: list[str], days: list[list[tuple[str, bytes]]], tally: Tally,
                rng: random.Random) -> None:
    gate = asyncio.Semaphore(AT_ONCE)
    connectors = [aiohttp.TCPConnector(limit=AT_ONCE) for _ in urls]
    sessions = [aiohttp.ClientSession(connector=c) for c in connectors]
    try:
        async def device(index: int, mine: list[tuple[str, bytes]]) -> None:
            async with gate:
                home = index % len(urls)
                for sha, data in mine:
                    receipt = await _upload(sessions[home], urls[home], sha, data, tally)
                    if receipt is not None:
                        tally.receipts[sha] = receipt
                if index % RESEND_EVERY:
                    return
                sha, data = mine[0]  # the receipt was lost: again, to the other collector
                other = (home + 1) % len(urls)
                again = await _upload(sessions[other], urls[other], sha, data, tally)
                if again is not None and again == tally.receipts.get(sha):
                    tally.resent_same += 1
                elif again is not None:
                    tally.failures.append(f"{sha[:12]}: another receipt the second time")

        order = list(enumerate(days))
        rng.shuffle(order)
        await asyncio.gather(*(device(i, mine) for i, mine in order if mine))
    finally:
        for session in sessions:
            await session.close()


def _seal_day(study: Study, devs: list[Dev], chains: list[str | None], seqs: list[int],
              count: int, tally: Tally) -> list[list[tuple[str, bytes]]]:
    days = []
    for i, dev in enumerate(devs):
        mine = []
        for _ in range(count):
            seqs[i] += 1
            data = bundle(dev, study, seq=seqs[i], previous=chains[i],
                          sessions=[session(device_id=dev.device_id)])
            sha = hashlib.sha256(data).hexdigest()
            chains[i] = sha
            tally.sent[sha] = (dev.device_id, seqs[i])
            mine.append((sha, data))
        days.append(mine)
    return days


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    """Run the week and print what was stored, lost, doubled, and the latencies."""
    bindir = postgres_here()
    if bindir is None:
        return
    import psycopg

    from fieldtui.sync.collector.kinds import open_admin
    from tests.support.pg_cluster import PgCluster

    devices, per_device = sizes()
    total = devices * per_device
    full = " (the full week)" if total >= DEVICES * FULL_PER_DEVICE else (
        " (scaled down; FIELDTUI_BENCH_NATIONAL=1 runs 200,000)")
    print(f"   {devices} devices x {per_device} bundles = {total} bundles in {WAVES} waves, "
          f"{AT_ONCE} devices at once, two collectors{full}", flush=True)
    setup = time.monotonic()
    cluster = PgCluster(bindir, tcp=True, durable=True)
    servers = []
    try:
        url = cluster.tcp_url(_database(cluster))
        devs = [Dev() for _ in range(devices)]
        admin = open_admin(url)
        try:
            admin.init()
            for dev in devs:
                admin.allow(dev.card())
        finally:
            admin.close()
        servers = [_start(_serve(url)) for _ in range(2)]
        urls = [u for _, u in servers]
        setup = time.monotonic() - setup
        cpu_before = sum(_cpu_seconds(p.pid) for p, _ in servers)
        tally, rng, study = Tally(), random.Random(18), Study()
        chains: list[str | None] = [None] * devices
        seqs = [0] * devices
        upload_wall = seal_wall = 0.0
        for wave in range(WAVES):
            count = per_device // WAVES + (1 if wave < per_device % WAVES else 0)
            if not count:
                continue
            started = time.monotonic()
            days = _seal_day(study, devs, chains, seqs, count, tally)
            seal_wall += time.monotonic() - started
            started = time.monotonic()
            asyncio.run(_wave(urls, days, tally, rng))
            upload_wall += time.monotonic() - started
        server_cpu = sum(_cpu_seconds(p.pid) for p, _ in servers) - cpu_before
        with psycopg.connect(url, autocommit=True) as conn:
            stored = {r[0]: (r[1], int(r[2])) for r in conn.execute(
                "SELECT sha256, device_id, seq FROM bundles")}
            counted = conn.execute("SELECT count(DISTINCT (device_id, seq)) FROM bundles"
                                   ).fetchone()
            pairs = counted[0] if counted else 0
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(30)
        cluster.stop()
    lost = sum(1 for sha, where in tally.sent.items() if stored.get(sha) != where)
    doubled = len(stored) - pairs + sum(1 for sha in stored if sha not in tally.sent)
    uploads = len(tally.latencies)
    print(f"   setup {setup:.1f} s and sealing {seal_wall:.1f} s (not counted); uploads "
          f"{upload_wall:.1f} s wall, "
          f"collectors' CPU {server_cpu:.1f} s; {tally.retried} retried; "
          f"{tally.resent_same} re-sent bundles got the same receipt", flush=True)
    for failure in tally.failures[:5]:
        print(f"   failure: {failure}", flush=True)
    figure("national week bundles stored", len(stored), "bundles", target=f"= {total}",
           ok=len(stored) == total and not tally.failures)
    figure("national week bundles lost", lost, "bundles", target="0", ok=lost == 0)
    figure("national week bundles doubled", doubled, "bundles", target="0", ok=doubled == 0)
    figure("national week upload rate", uploads / upload_wall, "uploads/s")
    print(f"   ({uploads} uploads: every bundle once, {uploads - total} sent again)",
          flush=True)
    figure("national week upload p50", percentile(tally.latencies, 50) * 1000, "ms")
    figure("national week upload p99", percentile(tally.latencies, 99) * 1000, "ms")


if __name__ == "__main__":
    main()
