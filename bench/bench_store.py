"""Session store: save latency by session length and by sessions on the device; kill -9 loop.

Stores are measured round-robin (one save in each, in turn) so the noise of a shared
machine falls on all of them alike. A "save" is one public call (append_event or
save_answer), durable when it returns: two fdatasyncs (the record, then the header that
commits it), so the disk's own fdatasync time, printed alongside, is the floor.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.report import figure, percentile
from fieldtui.store import session_engine as session_store_module
from fieldtui.store.session_store import SessionStore
from tests.support.fake_device import FakeDevice, mini_plan
from tests.support.kill_loop import run_kill_loop

ROUNDS = 400
# FIELDTUI_BENCH_KILLS=0 skips the long loop (a quick latency run).
KILLS = int(os.environ.get("FIELDTUI_BENCH_KILLS", "2000"))
KILLS_PER_STORE = 200


def _session(home: Path, device: FakeDevice, events: int) -> SessionStore:
    store = SessionStore.create(home, plan=mini_plan(), device=device)
    with store.batch():  # prefill in one save: the measured saves come after
        for i in range(events):
            store.append_event("nav", item_id=f"q{i % 40}")
        for i in range(40):
            store.save_answer(f"q{i}", i)
    store.close()
    return SessionStore.open(store.path, device.identity)


class _DiskFloor:
    """The disk's own cost, measured in the same rounds: one 300-byte write + fdatasync."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(folder / "floor", os.O_RDWR | os.O_CREAT, 0o600)
        self.offset = 0

    def save(self) -> None:
        os.pwrite(self.fd, b"x" * 300, self.offset)
        os.fdatasync(self.fd)
        self.offset += 300


def _measure(stores: dict[str, SessionStore], floor: _DiskFloor) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in stores}
    samples["disk"] = []
    for i in range(ROUNDS):
        started = time.perf_counter()
        floor.save()
        samples["disk"].append((time.perf_counter() - started) * 1000)
        for name, store in stores.items():
            started = time.perf_counter()
            if i % 2:
                store.save_answer(f"q{i % 40}", i)
            else:
                store.append_event("answer", item_id=f"q{i % 40}")
            samples[name].append((time.perf_counter() - started) * 1000)
    return samples


def _cpu_per_save(stores: dict[str, SessionStore]) -> dict[str, float]:
    """CPU ms per save, best of 3 interleaved runs of ROUNDS // 4 saves each."""
    best = {name: float("inf") for name in stores}
    for _ in range(3):
        for name, store in stores.items():
            started = time.process_time()
            for i in range(ROUNDS // 4):
                store.save_answer(f"q{i % 40}", i)
            per = (time.process_time() - started) * 1000 / (ROUNDS // 4)
            best[name] = min(best[name], per)
    return best


def _latency(label: str, samples: list[float], base: list[float] | None, limit: float,
             target: str) -> None:
    p50, p99 = percentile(samples, 50), percentile(samples, 99)
    figure(f"save p50, {label}", p50, "ms")
    if base is None:
        figure(f"save p99, {label}", p99, "ms", target="<= 10 ms", ok=p99 <= 10)
        return
    ratio = p99 / percentile(base, 99)
    figure(f"save p99, {label}", p99, "ms", target=target, ratio=ratio, ok=ratio <= limit)


def _without_disk(device: FakeDevice) -> None:
    """The code's own share: the same saves on tmpfs, where fdatasync costs nothing."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        return
    with tempfile.TemporaryDirectory(dir=shm, prefix="fieldtui-bench-") as tmp:
        stores = {n: _session(Path(tmp), device, n) for n in (10, 10_000)}
        floor = _DiskFloor(Path(tmp) / "floor")
        samples = _measure({str(n): s for n, s in stores.items()}, floor)
        for n in ("10", "10000"):
            figure(f"without the disk (tmpfs): save p50, {n} events",
                   percentile(samples[n], 50), "ms")
            figure(f"without the disk (tmpfs): save p99, {n} events",
                   percentile(samples[n], 99), "ms")
        for store in stores.values():
            store.close()


def main() -> None:
    """Print the figures."""
    device = FakeDevice()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "by-length"
        stores = {n: _session(home, device, n) for n in (10, 1_000, 10_000)}
        started = time.perf_counter()
        SessionStore.open(stores[10_000].path, device.identity).close()
        figure("open a 10,000-event session", (time.perf_counter() - started) * 1000, "ms")
        floor = _DiskFloor(Path(tmp) / "floor")
        samples = _measure({str(n): s for n, s in stores.items()}, floor)
        disk = samples["disk"]
        figure("disk floor: one fdatasync p50 (a save does two)", percentile(disk, 50), "ms")
        figure("disk floor: one fdatasync p99", percentile(disk, 99), "ms")
        _latency("10 events", samples["10"], None, 0, "")
        _latency("1,000 events", samples["1000"], samples["10"], 2.0, "<= 2x 10 events")
        _latency("10,000 events", samples["10000"], None, 0, "")
        _latency("10,000 events vs 10", samples["10000"], samples["10"], 2.0,
                 "<= 2x 10 events")
        for store in stores.values():
            store.close()

        _without_disk(device)

        one, many = Path(tmp) / "one", Path(tmp) / "many"
        alone = _session(one, device, 10)
        crowd = [SessionStore.create(many, plan=mini_plan(), device=device)
                 for _ in range(999)]
        for store in crowd:
            store.close()
        among = _session(many, device, 10)
        samples = _measure({"one": alone, "many": among}, floor)
        _latency("1 session on the device", samples["one"], None, 0, "")
        _latency("1,000 sessions on the device", samples["many"], samples["one"], 1.1,
                 "<= 1.1x 1 session")
        # A save touches only its own session's files (two fdatasyncs dominate it), so the
        # wall ratio above is mostly the shared disk's noise; CPU time shows what grows.
        cpu = _cpu_per_save({"one": alone, "many": among})
        figure("save CPU, 1,000 sessions on the device", cpu["many"], "ms",
               target="<= 1.1x 1 session", ratio=cpu["many"] / cpu["one"],
               ok=cpu["many"] <= 1.1 * cpu["one"])
        alone.close()
        among.close()

        if KILLS < KILLS_PER_STORE:
            return
        session_store_module.COMPACT_AFTER = 40  # kills land in compactions too
        started = time.perf_counter()
        counts: dict[str, int] = {}
        for batch in range(KILLS // KILLS_PER_STORE):
            # A fresh session every few hundred kills: each kill reopens the store twice,
            # and opening replays the whole session.
            path = _session(Path(tmp) / "kills", device, 0).path
            SessionStore.open(path, device.identity).close()
            for key, value in run_kill_loop(path, device, KILLS_PER_STORE,
                                            seed=batch).items():
                counts[key] = counts.get(key, 0) + value
        figure("kill -9 loop: kills", counts["kills"], "kills",
               target=">= 1000, no returned save lost", ok=counts["kills"] >= 1000)
        figure("kill -9 loop: returned saves checked", counts["returned_saves"], "saves")
        figure("kill -9 loop: killed while opening", counts["killed_while_opening"], "kills")
        figure("kill -9 loop: killed inside a save (torn record found)",
               counts["torn_saves"], "kills")
        figure("kill -9 loop: time", time.perf_counter() - started, "s")
