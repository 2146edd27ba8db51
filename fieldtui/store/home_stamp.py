"""What the device's counts are read from, as a stamp: has any of it changed?

Home's counts and drafts come from the sessions folder (sidecars and stores), the outbox,
the receipts, seal.json, the kit and the updates. A `fieldtui seal` or `fieldtui sync` run
in another terminal changes some of them; the stamp (each file's name, size and
modification time: a stat each, nothing opened) tells that without reading them.
"""

from __future__ import annotations

import os
from pathlib import Path

from fieldtui.store.home import LOCK_SUFFIX, DeviceHome

Stamp = tuple[tuple[str, str, int, int], ...]


def home_stamp(home: Path) -> Stamp:
    """The names, sizes and modification times of what the counts are read from (the
    locks left out: taking one changes nothing counted)."""
    layout = DeviceHome(Path(home))
    found: list[tuple[str, str, int, int]] = []
    for folder in (layout.sessions, layout.outbox, layout.receipts, layout.updates,
                   layout.update_plans):
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(LOCK_SUFFIX):
                        continue
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError:  # gone meanwhile: left out, as the listing would
                        continue
                    found.append((folder.name, entry.name, info.st_size, info.st_mtime_ns))
        except OSError:
            found.append((folder.name, "", -1, -1))  # missing (yet): that, too, may change
    for path in (layout.seal_state, layout.kit):
        try:
            info = path.stat()
        except OSError:
            found.append((path.name, "", -1, -1))
        else:
            found.append((path.name, "", info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))
