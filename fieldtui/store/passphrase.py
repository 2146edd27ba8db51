"""Where passphrases come from: a file descriptor, a private file, or a hidden prompt.

Never from argv: other users on a shared server can read every process's command line.
"""

from __future__ import annotations

import getpass
import os
import stat
import sys
import unicodedata

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _

PASSPHRASE_FILE_ENV = "FIELDTUI_PASSPHRASE_FILE"
MIN_CHARS = 8
MAX_BYTES = 1024


def read_passphrase(prompt: str, *, fd: int | None = None, confirm: bool = False) -> bytes:
    """A passphrase as UTF-8 bytes: from fd `fd`, else the env file, else a hidden prompt.

    `confirm` means a new passphrase: the prompt asks twice, and a short one is refused.
    """
    if fd is not None:
        text = _first_line_of_fd(fd)
        source = _("file descriptor {fd}").format(fd=fd)
    elif os.environ.get(PASSPHRASE_FILE_ENV):
        path = os.environ[PASSPHRASE_FILE_ENV]
        text = _first_line_of_file(path)
        source = f"{PASSPHRASE_FILE_ENV} ({path})"
    else:
        text = _prompt(prompt, confirm)
        source = _("the prompt")
    if not text:
        raise FieldtuiError(_("the passphrase from {source} is empty").format(source=source), _("give a passphrase"))
    passphrase = unicodedata.normalize("NFC", text).encode("utf-8")
    if confirm:
        check_new_passphrase(passphrase)
    return passphrase


def check_new_passphrase(passphrase: bytes) -> None:
    """Refuse a new passphrase that is empty or shorter than MIN_CHARS characters."""
    if len(passphrase.decode("utf-8", "replace")) < MIN_CHARS:
        raise FieldtuiError(
            _("the new passphrase is too short (fewer than {min_chars} characters)").format(min_chars=MIN_CHARS),
            _("choose a longer one: a few words you will remember are best"),
        )


def _strip_newline(raw: bytes, source: str) -> str:
    line = raw.split(b"\n", 1)[0]
    if line.endswith(b"\r"):
        line = line[:-1]
    if len(line) > MAX_BYTES:
        raise FieldtuiError(_("the passphrase from {source} is too long").format(source=source),
                            _("use at most {max_bytes} bytes").format(max_bytes=MAX_BYTES))
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        raise FieldtuiError(_("the passphrase from {source} is not UTF-8 text").format(source=source),
                            _("save it as UTF-8")) from None


def _first_line_of_fd(fd: int) -> str:
    # Byte by byte so nothing after the first line is consumed from a shared pipe.
    data = bytearray()
    try:
        while len(data) <= MAX_BYTES:
            byte = os.read(fd, 1)
            if not byte or byte == b"\n":
                break
            data += byte
    except OSError as exc:
        raise FieldtuiError(
            _("cannot read a passphrase from file descriptor {fd} ({strerror})").format(fd=fd, strerror=exc.strerror),
            _("pass an open descriptor, e.g. '--passphrase-fd 3 3<passfile'"),
        ) from None
    if len(data) > MAX_BYTES:
        raise FieldtuiError(_("the passphrase on file descriptor {fd} is too long").format(fd=fd),
                            _("use at most {max_bytes} bytes").format(max_bytes=MAX_BYTES))
    return _strip_newline(bytes(data), _("file descriptor {fd}").format(fd=fd))


def _first_line_of_file(path: str) -> str:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise FieldtuiError(
            _("cannot open {variable} {path} ({strerror})").format(variable=PASSPHRASE_FILE_ENV, path=path, strerror=exc.strerror),
            _("check the path, or unset {variable} to be asked").format(variable=PASSPHRASE_FILE_ENV),
        ) from None
    try:
        info = os.fstat(fd)
        if info.st_mode & 0o077:
            raise FieldtuiError(
                _("the passphrase file {path} can be read by other users "
                  "(mode {mode:o})").format(path=path, mode=stat.S_IMODE(info.st_mode)),
                _("run 'chmod 600 {path}' and consider changing the passphrase").format(path=path),
            )
        raw = os.read(fd, MAX_BYTES + 2)
    finally:
        os.close(fd)
    return _strip_newline(raw, path)


def _terminal_available() -> bool:
    # getpass falls back to echoing stdin without a terminal; we would rather refuse.
    try:
        tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(tty)
    return True


def _prompt(prompt: str, confirm: bool) -> str:
    if not _terminal_available():
        raise FieldtuiError(
            _("no terminal to ask for the passphrase"),
            _("use --passphrase-fd N or set {variable} to a "
              "private file").format(variable=PASSPHRASE_FILE_ENV),
        )
    try:
        first = getpass.getpass(prompt)
        if confirm:
            again = getpass.getpass(_("Type it again: "))
            if again != first:
                raise FieldtuiError(_("the two passphrases differ"), _("run the command again"))
    except EOFError:
        # Ctrl+D leaves the cursor after the prompt (getpass ends the line only for a
        # passphrase): end it, as click does on Ctrl+C, so the error starts a line of its own
        sys.stderr.write("\n")
        raise FieldtuiError(_("no passphrase was typed"), _("run the command again")) from None
    return first
