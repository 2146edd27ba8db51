"""Writing reports and exports: age-encrypted to the study's recipients unless asked
otherwise, and every file written is logged in the dataset (when, what, by whom)."""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyrage import encrypt, encrypt_io, x25519

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.durable import fsync_dir, write_atomic
from fieldtui.supervise.dataset_conn import Dataset


@dataclass(frozen=True)
class ExportEntry:
    """One line of the export log."""

    at: str
    kind: str
    what: str
    path: str
    format: str
    encrypted: bool
    recipients: list[str]
    identifiers: bool
    by: str


def who(by: str | None) -> str:
    """The name logged for an export: --by, else $USER, else the login name."""
    if by:
        return by
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def seal_output(data: bytes, recipients: list[str]) -> bytes:
    """`data` as an age file that only these recipients can open."""
    return bytes(encrypt(data, _recipients(recipients)))


def _recipients(recipients: list[str]) -> list[x25519.Recipient]:
    if not recipients:
        raise FieldtuiError(_("the dataset names no recipients to encrypt to"),
                            _("merge with --study first, or pass "
                              "--recipient AGE1..."))
    try:
        return [x25519.Recipient.from_str(r.strip()) for r in recipients]
    except Exception as exc:  # pyrage raises its own types for a malformed recipient
        raise FieldtuiError(_("not an age recipient ({problem})").format(problem=exc),
                            _("give a recipient starting with age1")) from exc


def write_output(path: Path, data: bytes, recipients: list[str], plaintext: bool) -> None:
    """Write a report or export file durably (0600), encrypted unless `plaintext`."""
    if not path.parent.exists():
        raise FieldtuiError(_("folder {parent} does not exist").format(parent=path.parent), _("create it first"))
    write_atomic(path, data if plaintext else seal_output(data, recipients))


def log_export(conn: Dataset, *, kind: str, what: str, path: Path, fmt: str,
               encrypted: bool, recipients: list[str], identifiers: bool, by: str) -> None:
    """Record one written file in the dataset's export log."""
    conn.execute(
        "INSERT INTO exports (at, kind, what, path, format, encrypted, recipients, identifiers,"
        " by) VALUES (?,?,?,?,?,?,?,?,?)",
        (wall_iso(), kind, what,
         str(Path(path).resolve()), fmt, int(encrypted),
         json.dumps(recipients if encrypted else []), int(identifiers), by))


def export_log(conn: Dataset) -> list[ExportEntry]:
    """Every logged export, oldest first."""
    return [ExportEntry(r[0], r[1], r[2], r[3], r[4], bool(r[5]), json.loads(r[6]),
                        bool(r[7]), r[8])
            for r in conn.execute("SELECT at, kind, what, path, format, encrypted, recipients, "
                                  "identifiers, by FROM exports ORDER BY id")]


@contextmanager
def streamed_output(path: Path, recipients: list[str], plaintext: bool) -> Iterator[Path]:
    """A private temp file (0600, next to `path`) for a writer to fill; on success it
    becomes `path`, age-encrypted as a stream unless `plaintext`. On failure nothing is
    left behind and an existing `path` is untouched. (pyreadstat writes only to a path, so
    the plain file exists on disk, in the private output folder, while it is written.)"""
    if not path.parent.exists():
        raise FieldtuiError(_("folder {parent} does not exist").format(parent=path.parent), _("create it first"))
    if path.is_symlink():
        raise FieldtuiError(_("{path} is a symbolic link").format(path=path), _("remove the link and export again"))
    if not plaintext:
        parsed = _recipients(recipients)
    tag = secrets.token_hex(6)
    plain = path.parent / f".{path.name}.{tag}.plain.tmp"
    sealed = path.parent / f".{path.name}.{tag}.tmp"
    os.close(os.open(plain, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    try:
        yield plain
        if plaintext:
            os.replace(plain, path)
        else:
            fd = os.open(sealed, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with plain.open("rb") as source, os.fdopen(fd, "wb") as target:
                encrypt_io(source, target, parsed)
                target.flush()
                os.fsync(target.fileno())
            os.replace(sealed, path)
        fsync_dir(path.parent)
    finally:
        for temp in (plain, sealed):
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
