"""Where the device keeps its files: FIELDTUI_HOME, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from fieldtui.store.durable import PermissionProblem, private_dir


def home_path() -> Path:
    """The device home, without creating it."""
    configured = os.environ.get("FIELDTUI_HOME")
    if configured:
        return Path(configured).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_data_dir("fieldtui", appauthor=False))


def check_home(home: Path) -> Path:
    """Create or check the home folder: ours, not a symlink, 0700 (restored if loosened)."""
    home = private_dir(home)
    owner = home.stat().st_uid
    if owner != os.getuid():
        raise PermissionProblem(
            f"the fieldtui home {home} belongs to another user (uid {owner})",
            "set FIELDTUI_HOME to a folder of your own",
        )
    return home


def device_home(home: Path | None = None) -> Path:
    """The device home (default: `home_path()`), created 0700 with its sub-folders."""
    home = check_home(home if home is not None else home_path())
    for name in ("sessions", "outbox", "receipts"):
        private_dir(home / name)
    return home
