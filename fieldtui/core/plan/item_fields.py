"""The logic fields of an item: which kinds may carry them, and whether a default fits.

Types are checked by the schema; here each field is held against the item's kind (a
calculation only on calculate items, a choice_filter only on choice lists, ...) and a
`default` against the answers the item can take. Expressions themselves are checked by
the plan check of logic (`logic_check.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fieldtui.core.plan.expr.values import parse_date
from fieldtui.core.plan.findings import en_zh
from fieldtui.core.plan.schema import Checker

_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]\Z")
LISTS = ("choice", "multi")
NOT_ANSWERED = ("note", "calculate", "display")
# what only an asked item has: a display item is text shown, nothing to answer
_ASKED_ONLY = ("key", "probes", "unit", "min", "max")


def check_fields(raw: dict[str, Any], i: dict[str, Any], path: tuple[Any, ...], label: str,
                 kind: str | None, c: Checker) -> None:
    """Each logic field on a kind that can use it; calculate items carry a calculation.

    `raw` is the item's table as written, `i` the keys whose type passed.
    """
    if kind is None:
        return
    if kind not in LISTS:  # the kinds in both languages only when there is something to say
        for key in ("choice_filter", "randomize"):
            if key in i:
                _refuse(c, path, key, en_zh("choice and multi"), kind)
    if kind != "number" and "whole" in i:
        _refuse(c, path, "whole", ("number", "数字"), kind)
    if kind != "calculate":
        if "calculation" in i:
            _refuse(c, path, "calculation", ("calculate", " calculate "), kind)
    elif "calculation" not in raw:
        c.missing(path, "calculation")
    if kind in NOT_ANSWERED:
        for key in ("constraint", "required", "required_message", "default", "read_only"):
            if key in i:
                _refuse(c, path, key, en_zh("answered"), kind)
    if kind == "display":
        for key in _ASKED_ONLY:
            if key in i:
                _refuse(c, path, key, en_zh("answered"), kind)
    if "constraint_message" in i and "constraint" not in i:
        c.error((*path, "constraint_message"), "bad-value",
                *en_zh("'{label}' has a constraint_message but no constraint — add a constraint, or remove constraint_message", label=label))
    if ("required_message" in i and raw.get("required", False) is False
            and kind not in NOT_ANSWERED):
        c.error((*path, "required_message"), "bad-value", *en_zh(
            "'{label}' has a required_message but is not required — add required = true (or "
            "an expression), or drop the message", label=label))


def _refuse(c: Checker, path: tuple[Any, ...], key: str, kinds: tuple[str, str],
            kind: str) -> None:
    c.error((*path, key), "bad-value", *en_zh(
        "{key} is only for {kinds} items, not {kind} — remove {key} from this item", key=key, kinds=kinds, kind=str(kind)))


def default_text(value: str | float) -> str:
    """A TOML default as answer text: 3 → "3", 2.5 → "2.5"."""
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else str(value)


def check_default(text: str, path: tuple[Any, ...], label: str, kind: str | None,
                  c: Checker, *, values: Sequence[str] = (), points: Sequence[int] = (),
                  low: float | None = None, high: float | None = None) -> None:
    """The default is an answer the item can take."""
    where = (*path, "default")
    shown = text if len(text) <= 40 else text[:39] + "…"
    problem = _default_problem(text, kind, values, points, low, high)
    if problem is not None:
        c.error(where, "bad-default", *en_zh("'{label}' default '{shown}' {problem} — change the default, or remove it",
                                             label=label, shown=shown, problem=problem))


def _default_problem(text: str, kind: str | None, values: Sequence[str], points: Sequence[int],
                     low: float | None, high: float | None) -> tuple[str, str] | None:
    if kind == "choice" and values and text not in values:
        return en_zh("is not one of its options")
    if kind == "multi" and values and text not in values and not (
            text.split() and all(part in values for part in text.split())):
        return en_zh("is not one of its options (several: separate values with spaces)")
    if kind == "scale" and points and text not in {str(p) for p in points}:
        return en_zh("is not a point of its scale ({low} to {high})", low=str(points[0]),
                     high=str(points[-1]))
    if kind == "number":
        if not _NUMBER.match(text):
            return en_zh("is not a number")
        if (low is not None and float(text) < low) or (high is not None and float(text) > high):
            return en_zh("is outside its min and max")
    if kind == "date" and parse_date(text) is None:
        return en_zh("is not a date written YYYY-MM-DD")
    if kind == "time" and not _TIME.match(text):
        return en_zh("is not a time written HH:MM (00:00 to 23:59)")
    return None
