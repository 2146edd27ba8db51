"""A small JSON file from a folder that may be a stick's or a compromised collector's
(device cards, a revoked list): read bounded, no link followed, no FIFO waited on, parsed
by `core.untrusted_json` (size, nesting, numbers); every problem one FieldtuiError line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.untrusted_json import JsonRefused, parse_json
from fieldtui.store.durable import read_untrusted


def load_untrusted_json(path: Path, max_bytes: int, *, what: str, todo: str) -> Any:
    """The JSON value in `path` (at most `max_bytes`); FieldtuiError with `todo` when it is
    a link, not a regular file, larger, not UTF-8 JSON or nested too deeply."""
    data = read_untrusted(Path(path), max_bytes, what=what)
    try:
        return parse_json(data, max_bytes=max_bytes)
    except JsonRefused as exc:
        raise FieldtuiError(_("the {what} {path} is {problem}").format(
            what=what, path=path, problem=exc.reason), todo) from None
