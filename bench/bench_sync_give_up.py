"""Time for a sync to give up on a collector that dies mid-sync (target: under 30 s).

A real `fieldtui collector serve` takes the first bundles, then is killed (SIGKILL:
connections refused from then on) or frozen (SIGSTOP: connections still taken by the
kernel, never answered: the no-answer deadline has to end it). Measured from that
moment to `exchange_http` raising CollectorLost, with the default retries and deadline.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import figure

BUNDLES = 40
ANSWERED_FIRST = 5


def _items(root: Path, tmp: Path) -> list[tuple[str, Path]]:
    from fieldtui.sync.collector.devices import allow
    from fieldtui.sync.collector.keys import init_store
    from tests.unit.bundle.factory import Dev, Study, bundle

    init_store(root)
    dev, study = Dev(), Study()
    allow(root, dev.write_card(tmp))
    items = []
    for seq in range(1, BUNDLES + 1):
        data = bundle(dev, study, seq=seq)
        sha = hashlib.sha256(data).hexdigest()
        path = tmp / f"{sha}.ftb"
        path.write_bytes(data)
        items.append((sha, path))
    return items


def _give_up(root: Path, items: list[tuple[str, Path]], how: signal.Signals) -> tuple[float, int]:
    from fieldtui.sync.http_transport import CollectorLost, exchange_http
    from fieldtui.sync.outcome import Delivery

    proc = subprocess.Popen(
        [sys.executable, "-m", "fieldtui", "collector", "serve", "--store", str(root),
         "--port", "0", "--quiet", "--rate", "10000"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().split()[-1]
    died: list[float] = []
    seen: list[Delivery] = []

    def on_outcome(outcome: Delivery) -> None:
        seen.append(outcome)
        if len(seen) == ANSWERED_FIRST:  # the collector dies mid-sync
            os.kill(proc.pid, how)
            died.append(time.monotonic())

    try:
        asyncio.run(exchange_http(url, items, on_outcome, concurrency=1))
        raise AssertionError("the sync did not notice the collector was gone")
    except CollectorLost as lost:
        elapsed = time.monotonic() - died[0]
        waiting = lost.waiting
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        if how == signal.SIGSTOP:
            os.kill(proc.pid, signal.SIGCONT)
        proc.wait(30)
    return elapsed, waiting


def main() -> None:
    """Print the seconds to give up on a killed and on a frozen collector."""
    for how, label in ((signal.SIGKILL, "killed"), (signal.SIGSTOP, "frozen")):
        with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
            tmp = Path(folder)
            items = _items(tmp / "collector", tmp)
            elapsed, waiting = _give_up(tmp / "collector", items, how)
        figure(f"sync gives up on a {label} collector", elapsed, "s", target="< 30 s",
               ok=elapsed < 30)
        print(f"   ({waiting} of {BUNDLES} bundles reported waiting)", flush=True)


if __name__ == "__main__":
    main()
