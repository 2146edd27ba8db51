"""Collector ingest on loopback: 50 concurrent clients PUT sealed bundles.

Compared in the same run with a bare aiohttp handler that only writes the body to disk
durably (temp file, fsync, rename, fsync the folder: the same write the collector uses for
a bundle), so the ratio shows what verification, the receipt and the index cost (the collector makes
its uploads durable in batches, one folder fsync each: see store.group_commit).
Both servers run as their own process, fed the same bundles by the same clients (run here),
in interleaved rounds (A/B, B/A, ...); judged on the median of the per-round ratios, with
each server's CPU time per bundle beside the rates.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.report import figure, percentile

CLIENTS = 50
PER_CLIENT = 10
# interleaved rounds: the machine is shared and noisy, so each round's ratio is taken
# and the median judged
ROUNDS = int(os.environ.get("FIELDTUI_BENCH_ROUNDS", "5"))


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


def _run(args: list[str], work: list[list[tuple[str, bytes]]]) -> tuple[float, float, float]:
    """(bundles/s, p99 ms, CPU seconds per bundle of the server's process)."""
    proc, url = _start(args)
    try:
        before = _cpu(proc.pid)
        elapsed, latencies = asyncio.run(_load(url, work))
        spent = _cpu(proc.pid) - before
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
    """Print bundles/s, p99 and server CPU per bundle for the collector and the bare handler,
    and the median of their per-round ratios (the range beside it)."""
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
        tmp = Path(folder)
        root = tmp / "collector"
        work = _bundles(root, tmp)
        size = len(work[0][0][1])
        bare = [sys.executable, "-m", "bench.bench_collector", "--bare-server"]
        ours = [sys.executable, "-m", "fieldtui", "collector", "serve", "--port", "0",
                "--quiet", "--rate", "10000", "--store"]
        runs: dict[str, list[tuple[float, float, float]]] = {"bare": [], "collector": []}
        for round_ in range(ROUNDS):
            # fresh folders each round: the collector would answer "already stored"
            (tmp / f"bare{round_}").mkdir()
            fresh = tmp / f"collector{round_}"
            shutil.copytree(root, fresh)
            sides = [("bare", [*bare, str(tmp / f"bare{round_}")]),
                     ("collector", [*ours, str(fresh)])]
            for name, args in sides if round_ % 2 == 0 else sides[::-1]:  # A/B, B/A, ...
                runs[name].append(_run(args, work))
    print(f"   {CLIENTS} clients x {PER_CLIENT} bundles of {size} bytes, {ROUNDS} interleaved "
          "rounds (medians)", flush=True)
    ratios = [ours_[0] / bare_[0] for ours_, bare_ in zip(runs["collector"], runs["bare"],
                                                           strict=True)]
    for name, label in (("bare", "bare handler"), ("collector", "collector")):
        figure(f"{label} ingest", statistics.median(r[0] for r in runs[name]), "bundles/s")
        figure(f"{label} p99", statistics.median(r[1] for r in runs[name]), "ms")
        figure(f"{label} CPU per bundle (server process)",
               statistics.median(r[2] for r in runs[name]) * 1e6, "us")
    median = statistics.median(ratios)
    figure("collector / bare handler, rounds " + " ".join(f"{x:.2f}" for x in ratios)
           + f", range {min(ratios):.2f}-{max(ratios):.2f}, median", median, "x",
           target=">= 0.8 x bare", ok=median >= 0.8)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bare-server":
        bare_server(sys.argv[2])
    else:
        main()
