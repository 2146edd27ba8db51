"""A small JSON file from a folder that may be a stick's or a compromised collector's
(device cards, a revoked list): read bounded, no link followed, no FIFO waited on, nesting
past the recursion limit refused; every problem one FieldtuiError line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.durable import read_untrusted


def load_untrusted_json(path: Path, max_bytes: int, *, what: str, todo: str) -> Any:
    """The JSON value in `path` (at most `max_bytes`); FieldtuiError with `todo` when it is
    a link, not a regular file, larger, not UTF-8 JSON or nested too deeply."""
    data = read_untrusted(Path(path), max_bytes, what=what)
    if len(data) > max_bytes:
        raise FieldtuiError(_("the {what} {path} is larger than {max_bytes} bytes").format(
            what=what, path=path, max_bytes=max_bytes), todo)
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # `[[[…`: RecursionError
        raise FieldtuiError(_("the {what} {path} is not valid JSON").format(
            what=what, path=path), todo) from None
