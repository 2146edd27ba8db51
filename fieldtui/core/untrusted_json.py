"""JSON that came from elsewhere (a stick, a share, a collector's folder, another program):
parsed with its size and nesting bounded, every refusal one `JsonRefused` line.

Plain `json.loads` lets through what a caller then trips over: `[[[…` a hundred thousand
deep is a RecursionError (not a ValueError), `1e999999` is an infinity `int()` cannot take,
`"9" * 5000` is a ValueError that is not a JSONDecodeError, and bytes starting with a
byte-order mark or in UTF-16 are decoded silently. Signed payloads use the stricter
`canonical.strict_loads`; this reader keeps what fieldtui wrote and read before accepted
(duplicate keys included), so no file on disk changes meaning.
"""

from __future__ import annotations

import json
import math
from typing import Any

from fieldtui.core.canonical import nested_deeper
from fieldtui.core.i18n import _

MAX_DEPTH = 64  # deeper than any file fieldtui writes (a payload is bounded the same)


class JsonRefused(ValueError):
    """JSON refused before anyone used it; `reason` is one translated line ("not valid
    JSON (…)", "larger than N bytes", "not a JSON object") for the caller's own message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_json(data: bytes, *, max_bytes: int, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value in UTF-8 `data`; JsonRefused when larger than `max_bytes`, not UTF-8,
    with a byte-order mark, not JSON, nested more than `max_depth` levels, or holding a
    number Python cannot hold (an infinity, more than 4300 digits)."""
    if len(data) > max_bytes:
        raise JsonRefused(_("larger than {max_bytes} bytes").format(max_bytes=max_bytes))
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise JsonRefused(_("not valid JSON (not UTF-8 text)")) from None
    if text.startswith("\ufeff"):
        raise JsonRefused(_("not valid JSON (it starts with a byte-order mark)"))
    try:
        value = json.loads(text, parse_float=_finite, parse_constant=_constant)
    except JsonRefused:
        raise
    except RecursionError:  # `[[[…`, deeper than the recursion limit
        raise _too_deep(max_depth) from None
    except json.JSONDecodeError:
        raise JsonRefused(_("not valid JSON")) from None
    except ValueError:  # an integer past Python's 4300 digits
        raise _too_large() from None
    if nested_deeper(value, max_depth):
        raise _too_deep(max_depth)
    return value


def parse_object(data: bytes, *, max_bytes: int, max_depth: int = MAX_DEPTH) -> dict[str, Any]:
    """`parse_json` of a JSON object; JsonRefused for any other top level too."""
    value = parse_json(data, max_bytes=max_bytes, max_depth=max_depth)
    if not isinstance(value, dict):
        raise JsonRefused(_("not a JSON object"))
    return value


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _too_large()
    return value


def _constant(name: str) -> float:
    if name != "NaN":  # Infinity, -Infinity: what no int() or JSON writer takes
        raise _too_large()
    return math.nan


def _too_large() -> JsonRefused:
    return JsonRefused(_("not valid JSON (a number too large)"))


def _too_deep(levels: int) -> JsonRefused:
    return JsonRefused(_("not valid JSON (nested deeper than {levels} levels)").format(
        levels=levels))
