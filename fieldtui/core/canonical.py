"""Canonical JSON: the byte forms that are hashed and signed. See docs/formats.md.

`jcs` is RFC 8785 (JSON Canonicalization Scheme): what a program in another language
reproduces to check a signature over a JSON value (kits, receipts, the bundle header, the
key wrap's associated data). `canonical_json` is the older Python form
(`json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":"))`), still used where
the bytes are never re-created by a reader (hashes inside the dataset, seal.json, the plan
hash, payload/1). For strings, booleans, null, lists, objects with BMP keys and integers of
magnitude below 2**53, the two give the same bytes; they differ on floats (`5.0` vs `5`,
`1e-07` vs `1e-7`). `strict_loads` is how signed JSON is read back: one meaning only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
from typing import Any

_MAX_SAFE = 2**53
_STRING = json.JSONEncoder(ensure_ascii=False)  # RFC 8785 escapes strings exactly this way


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: equal content gives equal bytes (the Python form)."""
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")


def jcs(value: Any) -> bytes:
    """RFC 8785 canonical JSON of `value`; ValueError for what JSON cannot hold exactly."""
    if _plain(value):
        # No float and only ASCII keys: RFC 8785 is then exactly json.dumps' sorted, compact,
        # non-ASCII-escaping form (keys in UTF-16 order = code point order for ASCII), made
        # in C. The bundle header and the receipt, on every upload, are such values.
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    else:
        parts: list[str] = []
        _write(value, parts)
        text = "".join(parts)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate
        raise ValueError("a string is not valid Unicode") from exc


def _plain(value: Any) -> bool:
    """True for strings, safe integers, booleans, null, and lists and ASCII-keyed objects
    of those (exact types: a subclass takes the general path). Plain loops, not all() over
    generators: the collector asks this of two or three small objects per upload."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return True
    if kind is int:
        return bool(-_MAX_SAFE < value < _MAX_SAFE)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or not key.isascii():
                return False
            if type(item) is not str and not _plain(item):
                return False
        return True
    if kind is list:
        for item in value:  # noqa: SIM110 (a loop, not all() over a generator: see above)
            if type(item) is not str and not _plain(item):
                return False
        return True
    return False


def _write(value: Any, out: list[str]) -> None:
    if value is None or value is True or value is False:
        out.append({None: "null", True: "true", False: "false"}[value])
    elif isinstance(value, str):
        out.append(_STRING.encode(value))
    elif isinstance(value, int):
        if abs(value) >= _MAX_SAFE:
            raise ValueError(f"the integer {value} is beyond what JSON numbers hold exactly")
        out.append(str(value))
    elif isinstance(value, float):
        out.append(_number(value))
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for i, item in enumerate(value):
            out.append("," if i else "")
            _write(item, out)
        out.append("]")
    elif isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise ValueError("JSON object keys must be strings")
        out.append("{")
        for i, key in enumerate(sorted(value, key=lambda k: k.encode("utf-16-be",
                                                                    "surrogatepass"))):
            out.append(("," if i else "") + _STRING.encode(key) + ":")
            _write(value[key], out)
        out.append("}")
    else:
        raise ValueError(f"{type(value).__name__} is not a JSON value")


def _number(value: float) -> str:
    """ECMAScript Number::toString, as RFC 8785 requires (shortest round-trip digits)."""
    if not math.isfinite(value):
        raise ValueError("NaN and infinities are not JSON numbers")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    significant = (whole + fraction).lstrip("0")
    leading_zeros = len(whole + fraction) - len(significant)
    digits = significant.rstrip("0")
    point = len(whole) + int(exponent or 0) - leading_zeros  # value = 0.<digits> x 10**point
    k, n = len(digits), point
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        exp = n - 1
        text = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if exp > 0 else "-") \
            + str(abs(exp))
    return sign + text


def signed_forms(value: Any) -> list[bytes]:
    """What a signature over `value` may cover: its RFC 8785 form, and the Python form.

    Files signed before RFC 8785 was adopted were signed over `canonical_json`; for what
    they hold (text, whole numbers) that is the same bytes, but they stay verifiable
    either way. Both forms are re-creations of the same value, so either one vouches for it.
    """
    forms = []
    with contextlib.suppress(ValueError):
        forms.append(jcs(value))
    try:
        legacy = canonical_json(value)
    except (TypeError, ValueError):
        return forms
    return forms if legacy in forms else [*forms, legacy]


def strict_loads(data: bytes) -> Any:
    """Parse UTF-8 JSON, refusing duplicate keys, NaN/Infinity and a byte-order mark; every
    refusal a ValueError, nesting past the recursion limit (`[[[…`, a few KB) included."""
    text = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if text.startswith("\ufeff"):
        raise ValueError("JSON text starts with a byte-order mark")
    try:
        return json.loads(text, object_pairs_hook=_unique, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("JSON nested deeper than it can be read") from None


def nested_deeper(value: Any, levels: int) -> bool:
    """True when lists and dicts in `value` nest more than `levels` deep: walked a level at
    a time, without recursion, so any depth `json.loads` made can be looked at (16 MB of
    real sessions in 0.2 s, as long as parsing them)."""
    level = [value] if type(value) in (dict, list) else []
    depth = 0
    while level:
        depth += 1
        if depth > levels:
            return True
        below: list[Any] = []
        add = below.extend
        for item in level:
            if item:  # an empty one has nothing below it
                add([child for child in (item.values() if type(item) is dict else item)
                     if type(child) is list or type(child) is dict])
        level = below
    return False


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a JSON object has the same key twice")
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def sha256_hex(data: bytes) -> str:
    """SHA-256 of `data` as lowercase hex."""
    return hashlib.sha256(data).hexdigest()
