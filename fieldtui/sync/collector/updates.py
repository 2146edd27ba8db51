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
from pathlib import Path

from fieldtui.bundle.update_format import MAX_UPDATE_BYTES, UpdateError, read_update
from fieldtui.core.errors import FieldtuiError
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
    """The updates after `after` (bounded) and whether more follow."""
    files = [(seq, path) for seq, path in listed(Path(root) / FOLDER) if seq > after]
    out: list[bytes] = []
    size = 0
    for seq, path in files:
        if len(out) >= PAGE_COUNT or (out and size >= PAGE_BYTES):
            return out, True
        data = _readable(path, seq)
        if data is not None:
            out.append(data)
            size += len(data)
    return out, False


def _readable(path: Path, seq: int) -> bytes | None:
    try:
        data = read_untrusted(path, MAX_UPDATE_BYTES, what="update")
        if read_update(data).seq == seq:
            return data
    except (FieldtuiError, UpdateError):
        pass
    return None


def page_json(root: Path, after: int) -> bytes:
    """The HTTP answer: {"updates": [base64 of each file], "more": bool}."""
    updates, more = page(root, after)
    return json.dumps({"updates": [base64.b64encode(u).decode("ascii") for u in updates],
                       "more": more}).encode("ascii")


def write_to_folder(root: Path, folder: Path) -> int:
    """Copy the store's updates into `folder`/updates/ (the USB path); returns how many.

    The updates stay on the stick (every device that syncs there reads the ones it lacks);
    a store without updates leaves the stick as it was."""
    offered = listed(Path(root) / FOLDER)
    if not offered:
        return 0
    target = private_dir(Path(folder) / FOLDER)
    have = {seq for seq, _ in listed(target)}
    copied = 0
    for seq, path in offered:
        data = _readable(path, seq)
        if seq not in have and data is not None and write_new(target / path.name, data):
            copied += 1
    return copied
