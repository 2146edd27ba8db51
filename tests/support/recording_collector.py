"""`collector serve` whose folder fsyncs of bundles/ are slowed and recorded: run as
`python -m tests.support.recording_collector SYNCED_LOG fieldtui-args...`.

Each fsync of bundles/ first sleeps (so a kill lands while a batch waits for it), then
fsyncs for real, and only then appends to SYNCED_LOG the bundle names that were in the
folder when it began: the names that fsync made durable. A test compares the receipts
it got with that log: a name acknowledged but not in the log was answered too early.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from fieldtui.store import durable

PAUSE = 0.05


def main() -> None:
    """Patch the folder fsync, then run the command line with the remaining arguments."""
    log = sys.argv[1]
    real = durable.fsync_dir

    def recorded(folder: Path) -> None:
        if Path(folder).name != "bundles":
            real(folder)
            return
        names = [p.stem for p in Path(folder).glob("*.ftb")]
        time.sleep(PAUSE)
        real(folder)
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, "".join(f"{name}\n" for name in names).encode())
        finally:
            os.close(fd)

    durable.fsync_dir = recorded
    from fieldtui.cli import main as cli

    cli(sys.argv[2:])


if __name__ == "__main__":
    main()
