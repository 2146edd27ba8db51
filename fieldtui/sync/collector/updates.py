"""The collector relays the supervisor's updates: it reads their plain headers, never a body.

Files are STORE/updates/<seq, 10 digits>.ftu, as `fieldtui study publish` writes them. A
page holds the updates after a seq, in order, at most PAGE_COUNT of them and PAGE_BYTES
(at least one); a file whose header does not match its name is left out (the device
would notice the gap). The collector holds no key that opens or signs an update.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from fieldtui.bundle.update_format import MAX_UPDATE_BYTES, UpdateError, read_update
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.durable import private_dir, read_untrusted, write_new

FOLDER = "updates"
NAME = re.compile(r"(\d{10})\.ftu")
PAGE_COUNT = 100
PAGE_BYTES = 8 * 1024 * 1024


def listed(folder: Path) -> list[tuple[int, Path]]:
    """(seq, path) of the update files in `folder`, in seq order."""
    if not Path(folder).is_dir():
        return []
    found = []
    for path in Path(folder).iterdir():
        match = NAME.fullmatch(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def page(root: Path, after: int) -> tuple[list[bytes], bool]:
    """The updates in the folder store `root` after `after` (bounded) and whether more
    follow."""
    return paged((seq, partial(_read, path)) for seq, path in
                 listed(Path(root) / FOLDER) if seq > after)


def paged(files: Iterable[tuple[int, Callable[[], bytes | None]]]) -> tuple[list[bytes], bool]:
    """A page of (seq, reader) in seq order: at most PAGE_COUNT files and about PAGE_BYTES
    (at least one); a file whose header is not its seq is left out."""
    out: list[bytes] = []
    size = 0
    for seq, read in files:
        if len(out) >= PAGE_COUNT or (out and size >= PAGE_BYTES):
            return out, True
        data = read()
        if data is not None and matches(data, seq):
            out.append(data)
            size += len(data)
    return out, False


def matches(data: bytes, seq: int) -> bool:
    """True when `data` is an update file (header readable, bounded) numbered `seq`."""
    if len(data) > MAX_UPDATE_BYTES:
        return False
    try:
        return read_update(data).seq == seq
    except UpdateError:
        return False


def _read(path: Path) -> bytes | None:
    try:
        return read_untrusted(path, MAX_UPDATE_BYTES, what=_("update"))
    except FieldtuiError:
        return None


def folder_updates(root: Path) -> list[tuple[int, bytes]]:
    """(seq, file) of every good update in the folder store `root`, in seq order."""
    found = []
    for seq, path in listed(Path(root) / FOLDER):
        data = _read(path)
        if data is not None and matches(data, seq):
            found.append((seq, data))
    return found


def page_json(updates: list[bytes], more: bool) -> bytes:
    """The HTTP answer: {"updates": [base64 of each file], "more": bool}."""
    return json.dumps({"updates": [base64.b64encode(u).decode("ascii") for u in updates],
                       "more": more}).encode("ascii")


def write_to_folder(offered: list[tuple[int, bytes]], folder: Path) -> int:
    """Copy a store's updates into `folder`/updates/ (the USB path); returns how many.

    The updates stay on the stick (every device that syncs there reads the ones it lacks);
    a store without updates leaves the stick as it was."""
    if not offered:
        return 0
    target = private_dir(Path(folder) / FOLDER)
    have = {seq for seq, _ in listed(target)}
    copied = 0
    for seq, data in offered:
        if seq not in have and matches(data, seq) and write_new(target / f"{seq:010d}.ftu",
                                                                 data):
            copied += 1
    return copied
