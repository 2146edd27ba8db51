"""What opening a dataset file says when it cannot: no file, a file that is not a fieldtui
dataset or is of a newer schema, a full disk, a read-only folder; each in one line with
what to do."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _
from fieldtui.supervise import dataset_readonly as ro
from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
from fieldtui.supervise.sqlite_failure import full_disk_error, not_a_database

# what sqlite says of a file that is not a database it can open (translated in the catalog)
SQLITE_WORDS = (N_("file is not a database"), N_("database disk image is malformed"))

T = TypeVar("T")


def must_exist(path: Path) -> None:
    """Refuse a dataset file that is not there, saying how to make one."""
    if not path.exists():
        raise FieldtuiError(_("no dataset at {path}").format(path=path),
                            _("merge bundles into it first with 'fieldtui merge'"))


def known_version(conn: sqlite3.Connection, path: Path, version: int | None) -> None:
    """Refuse (closing `conn`) a file with no fieldtui schema, or a newer one."""
    if version is None:
        conn.close()
        raise FieldtuiError(_("{path} is not a fieldtui dataset").format(path=path),
                            _("give the dataset file written by "
                              "'fieldtui merge'"))
    if version > SCHEMA_VERSION:
        conn.close()
        raise FieldtuiError(_("{path} has dataset schema {version}; this "
                              "fieldtui reads {supported}").format(path=path, version=version, supported=SCHEMA_VERSION), _("use the fieldtui version that wrote it"))


def guarded(path: Path, step: Callable[[], T]) -> T:
    """`step()`, SQLite's errors said as one line about the dataset file."""
    try:
        return step()
    except sqlite3.DatabaseError as exc:
        raise open_error(exc, path) from exc


def open_error(exc: sqlite3.DatabaseError, path: Path) -> FieldtuiError:
    """The one line for SQLite's error opening the dataset file `path`."""
    if (full := full_disk_error(exc, path)) is not None:
        return full
    if ro.is_read_only_error(exc):
        return ro.read_only_error(path)
    if not not_a_database(exc):
        return FieldtuiError(_("cannot open the dataset {path} ({problem})").format(
            path=path, problem=exc), _("check the disk's free space and the file's "
                                       "permissions"))
    # sqlite's own words, in the interface language when the catalog has them
    return FieldtuiError(_("{path} is not a fieldtui dataset ({problem})").format(
        path=path, problem=_(str(exc)) if str(exc) in SQLITE_WORDS else exc),
                        _("give the dataset file written by 'fieldtui merge'"))
