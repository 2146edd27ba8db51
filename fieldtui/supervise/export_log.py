"""Writing reports and exports: age-encrypted to the study's recipients unless asked
otherwise, and every file written is logged in the dataset (when, what, by whom). A
dataset read from a folder this user cannot write (dataset_readonly.py) cannot hold the
entry: it goes to SIDE_LOG beside the file written instead (one JSON object a line), and
the command says where, so an export is never left unlogged."""

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
from fieldtui.supervise.dataset_readonly import is_read_only

SIDE_LOG = "fieldtui-export-log.jsonl"


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
    """Record one written file in the dataset's export log (beside the file, in SIDE_LOG,
    when the dataset is read-only)."""
    row = (wall_iso(), kind, what, str(Path(path).resolve()), fmt, int(encrypted),
           json.dumps(recipients if encrypted else []), int(identifiers), by)
    if is_read_only(conn):
        _append_side_log(side_log(path), row)
        return
    conn.execute(
        "INSERT INTO exports (at, kind, what, path, format, encrypted, recipients, identifiers,"
        " by) VALUES (?,?,?,?,?,?,?,?,?)", row)


def side_log(path: Path) -> Path:
    """Where the export of `path` is logged when the dataset is read-only."""
    return Path(path).resolve().parent / SIDE_LOG


def _append_side_log(log: Path, row: tuple[object, ...]) -> None:
    names = ("at", "kind", "what", "path", "format", "encrypted", "recipients",
             "identifiers", "by")
    entry = dict(zip(names, row, strict=True))
    entry["recipients"] = json.loads(str(entry["recipients"]))
    entry["encrypted"], entry["identifiers"] = bool(entry["encrypted"]), bool(
        entry["identifiers"])
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


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
