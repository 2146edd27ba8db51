"""Write a plan document (the dict `tomllib` gives for a plan) back as TOML text.

Only the shapes a plan has: tables, arrays of tables (`section`, `section.item`), strings,
numbers, booleans, lists of strings and inline tables (options, scale).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable
from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_\-]+")
_ARRAYS = frozenset({"section", "item"})
# json's own string escaping, as json.dumps(text, ensure_ascii=False) does it (without
# making an encoder for every string): a JSON string is a valid TOML basic string
_ESCAPED: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]


def to_toml(document: dict[str, Any]) -> str:
    """The TOML text of `document`, tables in the order of its keys."""
    lines: list[str] = []
    _table(document, (), lines, {})
    return "\n".join(lines).strip("\n") + "\n"


def _table(table: dict[str, Any], path: tuple[str, ...], lines: list[str],
           written: dict[int, str]) -> None:
    """`written`: the text of each list written so far, by its id. A form names an answer
    list once and many rows use it; the import puts that one list on each of their items,
    and it is written once (the document is not changed while it is written, so an id
    stands for the same list throughout)."""
    nested: list[tuple[str, Any]] = []
    in_item = path[-1:] == ("item",)
    for key, value in table.items():
        if type(value) is str:  # most values: a plain string (`_string`, without the call)
            text = _ESCAPED(value) if _DEL not in value else _string(value)
            lines.append(f"{_key(key)} = {text}")
            continue
        table_value = isinstance(value, dict) and not in_item
        tables = key in _ARRAYS and isinstance(value, list) and all(isinstance(v, dict)
                                                                   for v in value)
        if table_value or tables:
            nested.append((key, value))
        elif type(value) is list:
            shown = written.get(id(value))
            if shown is None:
                shown = written[id(value)] = value_text(value)
            lines.append(f"{_key(key)} = {shown}")
        else:
            lines.append(f"{_key(key)} = {value_text(value)}")
    for key, value in nested:
        name = ".".join([_key(p) for p in (*path, key)])
        if isinstance(value, dict):
            lines.extend(("", f"[{name}]"))
            _table(value, (*path, key), lines, written)
        else:
            for element in value:
                lines.extend(("", f"[[{name}]]"))
                _table(element, (*path, key), lines, written)


@functools.lru_cache(maxsize=1024)  # a plan repeats a few dozen keys
def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)


_DEL = "\x7f"  # left as it is by json, not allowed in a TOML string


def _string(text: str) -> str:
    quoted = _ESCAPED(text)
    return quoted.replace(_DEL, "\\u007f") if _DEL in quoted else quoted


def value_text(value: Any) -> str:
    """One TOML value written inline."""
    if type(value) is str:
        return _string(value)
    if type(value) is list and all(type(v) is dict for v in value):
        return "[" + ", ".join(_inline(v) for v in value) + "]"  # options: tables of strings
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return _inline(value)
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _inline(table: dict[str, Any]) -> str:
    inner = ", ".join([
        f"{_key(k)} = {_ESCAPED(v) if _DEL not in v else _string(v)}" if type(v) is str
        else f"{_key(k)} = {value_text(v)}" for k, v in table.items()])
    return "{ " + inner + " }" if inner else "{}"
