"""Start-up: from `python` to the first screen painted, fieldtui vs a bare Textual app.

Each run is a fresh process (imports included), headless, ending as soon as the first
screen has been drawn; runs alternate so machine load hits both alike. Judged on the
ratio of medians (target <= 1.3x).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import figure

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7

BARE = """
import time
from textual.app import App
from textual.widgets import Footer, Input, Static

class Bare(App[None]):
    def compose(self):
        yield Static("bare")
        yield Input(password=True)
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        print("painted", time.time(), flush=True)
        self.exit()

Bare().run(headless=True, size=(80, 24))
"""

FIELDTUI = """
import sys
import time
from pathlib import Path
import fieldtui.cli  # what `fieldtui` loads first
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.unlock import UnlockScreen

class Timed(FieldtuiApp):
    def on_mount(self):
        super().on_mount()
        assert isinstance(self.screen, UnlockScreen)  # the first screen, already mounted
        self.call_after_refresh(self.painted)

    def painted(self):
        print("painted", time.time(), flush=True)
        self.exit()


def open_locked():
    from fieldtui.store.device import open_device  # as fieldtui.commands.app does
    return open_device(Path(sys.argv[1]))

Timed(locked=open_locked).run(headless=True, size=(80, 24))
"""


def one_run(code: str, *args: str) -> float:
    """Seconds from process start to the first paint (not to the process's end)."""
    started = time.time()
    env = {k: v for k, v in os.environ.items() if k != "FIELDTUI_TEST_WEAK_KDF"}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=60, check=False, cwd=ROOT, env=env)
    for line in done.stdout.splitlines():
        if line.startswith("painted "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"the app did not start: {done.stderr[-2000:]}")


def main() -> None:
    """Median start-up of both, and their ratio."""
    from fieldtui.commands.demo import ensure_demo

    with tempfile.TemporaryDirectory() as tmp:
        home, _ = ensure_demo(Path(tmp) / "demo", plans_dir=ROOT / "plans")
        bare, ours = [], []
        one_run(BARE)  # warm the file cache for both
        one_run(FIELDTUI, str(home))
        for _ in range(RUNS):
            bare.append(one_run(BARE))
            ours.append(one_run(FIELDTUI, str(home)))
    bare_s, ours_s = statistics.median(bare), statistics.median(ours)
    ratio = ours_s / bare_s
    figure("bare Textual app start to first screen", bare_s * 1000, "ms")
    figure("fieldtui start to unlock screen", ours_s * 1000, "ms", target="<= 1.3 x bare",
           ratio=ratio, ok=ratio <= 1.3)


if __name__ == "__main__":
    main()
