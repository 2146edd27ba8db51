"""The stamp of what Home's counts are read from (store/home_stamp.py): it changes with a
sidecar rewritten, a bundle sealed or a receipt, not with a lock taken."""

from __future__ import annotations

import os
from pathlib import Path

from fieldtui.store.home import DeviceHome
from fieldtui.store.home_stamp import home_stamp


def test_the_stamp_follows_what_is_counted_not_the_locks(tmp_path: Path) -> None:
    layout = DeviceHome(tmp_path / "home")
    assert home_stamp(layout.root) == home_stamp(layout.root)  # no home yet: steady
    for folder in layout.folders():
        folder.mkdir(parents=True)
    (layout.sessions / "a.meta.json").write_text('{"status": "complete"}')
    first = home_stamp(layout.root)
    assert home_stamp(layout.root) == first
    layout.store_lock("a").write_text("")
    layout.seal_lock.write_text("")
    assert home_stamp(layout.root) == first  # locks are no change
    (layout.sessions / "a.meta.json").write_text('{"status": "sealed"}')
    os.utime(layout.sessions / "a.meta.json", ns=(1, 1))  # even within the clock's tick
    sealed = home_stamp(layout.root)
    assert sealed != first
    (layout.receipts / "ab.json").write_text("{}")
    assert home_stamp(layout.root) != sealed
