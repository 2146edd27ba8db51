"""Where the device keeps its files: FIELDTUI_HOME, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from fieldtui.store.durable import private_dir


def home_path() -> Path:
    """The device home, without creating it."""
    configured = os.environ.get("FIELDTUI_HOME")
    if configured:
        return Path(configured).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_data_dir("fieldtui", appauthor=False))


def device_home(home: Path | None = None) -> Path:
    """The device home (default: `home_path()`), created 0700 with its sub-folders."""
    home = private_dir(home if home is not None else home_path())
    for name in ("sessions", "outbox", "receipts"):
        private_dir(home / name)
    return home
