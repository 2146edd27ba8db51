"""Home with many drafts: reading each draft's facts from its encrypted store.

200 drafts of 40 answers and 300 events each, in 12 journal records (the setup's fsyncs
dominate the run time otherwise; a real draft has more, smaller records, up to the
compaction threshold). Figures: the first read of all of them
(in home's worker thread, while the list already shows the sidecar rows), a refresh when
nothing changed (the cache, by inode, size and mtime), and a refresh after one draft
changed. The ratio is the unchanged refresh against the first read.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from bench.report import figure
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions
from fieldtui.tui.store_access import StoreAccess
from tests.support.fake_device import FakeDevice, mini_plan

DRAFTS = 200
ANSWERS = 40
EVENTS = 300


def _drafts(home: Path, device: FakeDevice) -> None:
    for n in range(DRAFTS):
        store = SessionStore.create(home, plan=mini_plan(), device=device)
        store.set_field("respondent", f"R-{n:04d}")
        with store.batch():
            for i in range(EVENTS):
                store.append_event("nav", item_id=f"q{i % ANSWERS}")
        for first in range(0, ANSWERS, 4):
            with store.batch():
                for i in range(first, first + 4):
                    store.save_answer(f"q{i}", f"answer {i} " * 5)
        store.close()


def _read_all(access: StoreAccess, metas: list[object], device: object) -> float:
    started = time.perf_counter()
    for meta in metas:
        access.draft_info(meta, device)  # type: ignore[arg-type]
    return time.perf_counter() - started


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        device = FakeDevice()
        _drafts(home, device)
        metas: list[object] = list(list_sessions(home))
        view = SimpleNamespace(home=home, identity=device.identity)
        access = StoreAccess()
        cold = _read_all(access, metas, view)
        warm = _read_all(access, metas, view)
        first = metas[0]
        with SessionStore.open(first.store_path, device.identity) as store:  # type: ignore[attr-defined]
            store.save_answer("q0", "changed")
        one = _read_all(access, metas, view)
    figure(f"home: first read of {DRAFTS} drafts", cold * 1000, "ms",
           target="< 2000 ms, off the UI thread", ok=cold < 2.0)
    figure("home: refresh, nothing changed", warm * 1000, "ms", target="< 50 ms",
           ok=warm < 0.05, ratio=warm / cold if cold else None)
    figure("home: refresh, one draft changed", one * 1000, "ms", target="< 100 ms",
           ok=one < 0.1)


if __name__ == "__main__":
    main()
