"""XPath 1.0 values as ODK Collect (JavaRosa) converts them: string, number, boolean, date.

An empty answer is ''. A string becomes a number only when it is digits with an optional
leading `-` and one `.` (no `+`, no exponent), or an ISO date (days since 1970-01-01);
anything else is NaN. A number is true unless it is 0 or NaN; a string unless it is empty.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

Value = str | float | bool | date
# What a caller may hand in as an answer: None (unanswered), text, a number, a yes/no,
# a date, or a multi answer as a list of option values.
Answer = str | int | float | bool | date | Iterable[str] | None

NAN = math.nan
EPOCH = date(1970, 1, 1)
_NUMBER_RE = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_XPATH_SPACE = " \t\r\n"


def from_answer(answer: Answer) -> Value:
    """The value an answer has in an expression: '' when unanswered, multi as 'a b c'."""
    kind = type(answer)
    if kind is str:
        return answer  # type: ignore[return-value]
    if kind is int or kind is float:
        return float(answer)  # type: ignore[arg-type]
    if answer is None:
        return ""
    if isinstance(answer, str | bool | date):
        return answer
    if isinstance(answer, int | float):
        return float(answer)
    return " ".join(str(part) for part in answer)


def to_number(value: Value) -> float:
    """XPath number(): booleans 1/0, dates in days since 1970-01-01, '' and words NaN."""
    if type(value) is float:
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    if isinstance(value, date):
        return float((value - EPOCH).days)
    text = value.strip(_XPATH_SPACE)
    if _NUMBER_RE.match(text):
        return float(text)
    day = parse_date(text)
    return float((day - EPOCH).days) if day is not None else NAN


def parse_date(text: str) -> date | None:
    """An ISO date `YYYY-MM-DD`, or None."""
    match = _DATE_RE.match(text)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def to_string(value: Value) -> str:
    """XPath string(): numbers without a needless `.0`, NaN, Infinity; true/false; ISO dates."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number_text(value)
    return value.isoformat()


def number_text(x: float) -> str:
    """A number as XPath writes it: 3, 2.5, -0.001, NaN, Infinity, -Infinity (no exponent)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x.is_integer():
        return str(int(x))
    text = repr(x)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


def to_bool(value: Value) -> bool:
    """XPath boolean(): JavaRosa counts |x| <= 1e-12 as zero."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return not math.isnan(value) and abs(value) > 1e-12
    if isinstance(value, str):
        return value != ""
    return True


def equal(a: Value, b: Value) -> bool:
    """XPath `=`: as booleans if either is one, else as numbers if either is one, else text."""
    if isinstance(a, bool) or isinstance(b, bool):
        return to_bool(a) == to_bool(b)
    if isinstance(a, float | date) or isinstance(b, float | date):
        x, y = to_number(a), to_number(b)
        return x == y or abs(x - y) < 1e-12
    return a == b


def compare(op: str, a: Value, b: Value) -> bool:
    """XPath `< <= > >=`: both sides as numbers (ISO date strings count as days); NaN is false."""
    return ORDER[op](to_number(a), to_number(b))


ORDER: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
