"""Fork a saver, SIGKILL it mid-write, and check the store after each kill."""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldtui.store.journal_format import unpack_header
from fieldtui.store.session_store import SessionStore
from tests.support.fake_device import FakeDevice

ITEMS = 20


def _child(path: Path, identity: Any, base: int, out: int) -> None:
    """Save forever: event i, then answer q(i mod ITEMS) = i; report i once both returned."""
    store = SessionStore.open(path, identity)
    os.write(out, b"ready\n")
    i = base
    while True:
        store.append_event("answer", item_id=f"q{i % ITEMS}", value=i)
        store.save_answer(f"q{i % ITEMS}", i)
        os.write(out, f"{i}\n".encode())
        i += 1


def _fork_saver(path: Path, identity: Any, base: int) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into the test runner
        code = 1
        try:
            os.close(read_end)
            _child(path, identity, base, write_end)
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def _wait_for(fd: int, saves: int, timeout: float) -> bytes:
    """Read until the child is ready and reported `saves` saves (or the timeout)."""
    seen = b""
    deadline = time.monotonic() + timeout
    os.set_blocking(fd, False)
    while time.monotonic() < deadline:
        lines = seen.split(b"\n")[:-1]
        if b"ready" in lines and len(lines) - 1 >= saves:
            break
        try:
            chunk = os.read(fd, 4096)
        except BlockingIOError:
            time.sleep(0.0002)
            continue
        if not chunk:
            break
        seen += chunk
    os.set_blocking(fd, True)
    return seen


def run_kill_loop(path: Path, device: FakeDevice, kills: int, *, seed: int = 0,
                  max_delay: float = 0.004,
                  progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Kill a saving child `kills` times; assert after each kill; return counts."""
    rng = random.Random(seed)
    returned = waited = mid_open = torn = 0
    for k in range(kills):
        base = k * 1_000_000
        pid, fd = _fork_saver(path, device.identity, base)
        seen = b""
        if rng.random() >= 0.2:  # else kill while it is still opening (maybe compacting)
            # Let a few saves return, then kill at a random moment of the next ones
            # (a save takes a few milliseconds: two fdatasyncs).
            wanted = rng.randint(0, 3)
            seen = _wait_for(fd, wanted, 10.0)
            waited += wanted
        time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        output = seen + _read_all(fd)
        lines = output.split(b"\n")[:-1]  # a last line without its newline never counts
        if b"ready" not in lines:
            mid_open += 1
        saves = [int(line) for line in lines if line != b"ready"]
        data = path.read_bytes()
        if len(data) > unpack_header(path.name, data).committed:
            torn += 1  # killed between a record and the header that commits it
        store = SessionStore.open(path, device.identity)
        doc = store.document()
        store.close()
        values = {e["value"] for e in doc["events"] if e["value"] >= base}
        missing = [i for i in saves if i not in values]
        assert not missing, f"kill {k}: saves {missing} returned but are not in the store"
        for i in saves:
            assert doc["answers"][f"q{i % ITEMS}"]["value"] >= i
        assert [e["n"] for e in doc["events"]] == list(range(len(doc["events"])))
        returned += len(saves)
        if progress is not None:
            progress(k)
    assert returned >= waited
    return {"kills": kills, "returned_saves": returned, "killed_while_opening": mid_open,
            "torn_saves": torn}
