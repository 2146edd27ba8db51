"""Expressions between XLSForm and plans: the same language, except in choice filters.

XLSForm's `choice_filter` names a column of the choices sheet bare (`region = ${region}`,
`name` for the choice's value); a plan names it `${option.region}` (`${option.value}`).
"""

from __future__ import annotations

import re

# a string literal, a ${…} reference, or a bare name not followed by "(" (not a function)
_TOKEN = re.compile(r"""('[^']*'|"[^"]*")|(\$\{[^}]*\})|([A-Za-z_][A-Za-z0-9_.\-]*)(\s*\()?""")
_OPTION = re.compile(r"\$\{option\.([A-Za-z_][A-Za-z0-9_\-]*)\}")
_WORDS = frozenset({"and", "or", "div", "mod"})
# XLSForm functions a terminal cannot run (external data, location, device properties);
# once() and random() fieldtui has (docs/expressions.md)
UNSUPPORTED_FUNCTIONS = ("pulldata", "search", "instance", "digest", "geofence", "area",
                         "distance", "uuid", "version", "property", "base64-decode")
_CALL = re.compile(r"(?<![\w\-.$])(" + "|".join(UNSUPPORTED_FUNCTIONS) + r")\s*\(")


def filter_to_plan(expression: str, columns: set[str]) -> str:
    """An XLSForm choice filter with its choice columns written `${option.X}`."""

    def swap(match: re.Match[str]) -> str:
        name, call = match.group(3), match.group(4)
        if name is None or call or name in _WORDS:
            return match.group(0)
        if name == "name":
            return "${option.value}"
        if name in columns or name == "label":
            return "${option." + name + "}"
        return match.group(0)

    return _TOKEN.sub(swap, expression)


def filter_to_xlsform(expression: str) -> str:
    """A plan's choice filter with `${option.X}` written bare, as XLSForm reads it."""

    def bare(match: re.Match[str]) -> str:
        name = match.group(1)
        return "name" if name == "value" else name

    return _OPTION.sub(bare, expression)


def unsupported_call(expression: str) -> str | None:
    """The first function a terminal cannot run (pulldata, search, …), or None."""
    if "(" not in expression:
        return None  # no call at all
    for match in _CALL.finditer(_strip_strings(expression)):
        return match.group(1)
    return None


_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")


def _strip_strings(expression: str) -> str:
    return _STRING.sub("''", expression) if "'" in expression or '"' in expression \
        else expression
