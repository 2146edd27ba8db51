"""Collector ingest on loopback: 50 concurrent clients PUT sealed bundles.

Compared in the same run with a bare aiohttp handler that only writes the body to disk
durably (temp file, fsync, rename, fsync the folder: the same write the collector uses for
a bundle), so the ratio shows what verification, the receipt and the index cost (the collector makes
its uploads durable in batches, one folder fsync each: see store.group_commit).
Both servers run as their own process; the clients run here.
"""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.report import figure, percentile

CLIENTS = 50
PER_CLIENT = 10
ROUNDS = 4  # interleaved, best of each: the machine is shared and noisy


def _bundles(root: Path, tmp: Path) -> list[list[tuple[str, bytes]]]:
    from fieldtui.sync.collector.devices import allow
    from fieldtui.sync.collector.keys import init_store
    from tests.support.bundle_factory import Dev, Study, bundle, session

    init_store(root)
    study = Study()
    work = []
    for _ in range(CLIENTS):
        dev = Dev()
        allow(root, dev.write_card(tmp))
        mine = []
        for seq in range(1, PER_CLIENT + 1):
            doc = session(device_id=dev.device_id, note="words " * 400)
            data = bundle(dev, study, seq=seq, sessions=[doc])
            mine.append((hashlib.sha256(data).hexdigest(), data))
        work.append(mine)
    return work


def _start(args: list[str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    return proc, line.split()[-1]


async def _load(url: str, work: list[list[tuple[str, bytes]]]) -> tuple[float, list[float]]:
    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=CLIENTS)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def client(mine: list[tuple[str, bytes]]) -> None:
            for sha, data in mine:
                started = time.monotonic()
                async with session.put(f"{url}/v1/bundles/{sha}", data=data) as response:
                    await response.read()
                    assert response.status == 201, response.status
                latencies.append(time.monotonic() - started)

        started = time.monotonic()
        await asyncio.gather(*(client(mine) for mine in work))
        return time.monotonic() - started, latencies


def _run(args: list[str], work: list[list[tuple[str, bytes]]]) -> tuple[float, float]:
    proc, url = _start(args)
    try:
        elapsed, latencies = asyncio.run(_load(url, work))
    finally:
        proc.terminate()
        proc.wait(30)
    return CLIENTS * PER_CLIENT / elapsed, percentile(latencies, 99) * 1000


def bare_server(folder: str) -> None:
    """A bare aiohttp server that writes each PUT body to disk durably; prints its URL."""
    from aiohttp import web

    from fieldtui.store.durable import write_atomic

    async def put(request: web.Request) -> web.Response:
        body = await request.read()
        await asyncio.to_thread(write_atomic, Path(folder) / request.match_info["sha"], body)
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
    """Print bundles/s and p99 for the collector and the bare handler, and their ratio."""
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
        tmp = Path(folder)
        root = tmp / "collector"
        work = _bundles(root, tmp)
        size = len(work[0][0][1])
        (tmp / "bare").mkdir()
        bare = [sys.executable, "-m", "bench.bench_collector", "--bare-server", str(tmp / "bare")]
        ours = [sys.executable, "-m", "fieldtui", "collector", "serve", "--store", str(root),
                "--port", "0", "--quiet", "--rate", "10000"]
        bare_rate = bare_p99 = rate = p99 = 0.0
        for round_ in range(ROUNDS):
            got = _run(bare, work)
            if got[0] > bare_rate:
                bare_rate, bare_p99 = got
            # a fresh store each round: the collector would answer "already stored" otherwise
            fresh = tmp / f"collector{round_}"
            shutil.copytree(root, fresh)
            got = _run([*ours[:5], "--store", str(fresh), *ours[7:]], work)
            if got[0] > rate:
                rate, p99 = got
    print(f"   {CLIENTS} clients x {PER_CLIENT} bundles of {size} bytes", flush=True)
    figure("bare handler ingest", bare_rate, "bundles/s")
    figure("bare handler p99", bare_p99, "ms")
    figure("collector ingest", rate, "bundles/s", target=">= 0.8 x bare",
           ok=rate >= 0.8 * bare_rate, ratio=rate / bare_rate)
    figure("collector p99", p99, "ms")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bare-server":
        bare_server(sys.argv[2])
    else:
        main()
