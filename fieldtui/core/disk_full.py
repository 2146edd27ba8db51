"""The one line for a write the disk had no room for, whatever wrote it: a file the CLI
wrote (ENOSPC) or a dataset SQLite could not grow (supervise/sqlite_failure.py)."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _


def disk_full(where: str | Path | None = None) -> FieldtuiError:
    """What happened (the disk is full, and where) and what to do."""
    return FieldtuiError(_("the disk is full{where}").format(
        where=_(" ({text})").format(text=where) if where else ""),
        _("free some space and run the command again; what was saved before is kept"))
