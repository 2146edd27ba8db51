"""Numeric ranges in answer options ("1 to 2 times", "65+", "18岁以下"), for overlap and gap checks.

An option is read as a sequence of numbers and range words; any other word (a unit such as
"times", 次, 岁) is ignored. Options that do not reduce to one of the known shapes are not
ranges, and a list counts as ranges only when every option (but escapes) is one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_INF = math.inf

# Range words, longest first so "or more" wins over "or".
_WORDS: dict[str, str] = {
    "less than": "under", "fewer than": "under", "under": "under", "below": "under",
    "younger than": "under", "up to": "upto", "more than": "over", "greater than": "over",
    "older than": "over", "over": "over", "above": "over", "at least": "atleast",
    "or more": "ormore", "and more": "ormore", "or over": "ormore", "and over": "ormore",
    "or older": "ormore", "and older": "ormore", "and above": "ormore", "or above": "ormore",
    "and up": "ormore", "or higher": "ormore", "+": "ormore", "between": "between",
    "to": "to", "and": "to", "-": "to", "–": "to", "—": "to", "~": "to",
    "none": "zero", "never": "zero", "zero": "zero", "no": "zero",
    "及以上": "ormore", "或以上": "ormore", "以上": "ormore", "或更多": "ormore", "及更多": "ormore",
    "以下": "under", "不到": "under", "少于": "under", "低于": "under", "不足": "under",
    "不满": "under", "超过": "over", "多于": "over", "高于": "over", "大于": "over",
    "至少": "atleast", "到": "to", "至": "to", "没有": "zero", "从不": "zero", "从来没有": "zero",
    "零": "zero", "无": "zero",
}
_ALTERNATION = "|".join(
    (r"(?<![a-z])" + re.escape(w) + r"(?![a-z])") if w[0].isalpha() and w.isascii()
    else re.escape(w)
    for w in sorted(_WORDS, key=len, reverse=True)
)
_TOKEN = re.compile(r"\d+(?:\.\d+)?|" + _ALTERNATION)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
# Numbers in words before a unit: "less than a year", "one to two hours", 一年以下, 两次.
_EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_EN_UNIT = (r"(?:year|month|week|day|night|hour|minute|time|person|people|child|children|"
            r"adult|room|meal)s?\b")
# "a"/"an" only where it is a bound ("less than a year", "a year or more"), not a rate
# ("twice a week").
_EN_WORD_NUMBER = re.compile(
    r"(?:(?<=\A)|(?<=than )|(?<=under )|(?<=over )|(?<=to )|(?<=and )|(?<=least ))(a|an)\b"
    r"(?=\s+" + _EN_UNIT + ")|\b(" + "|".join(n for n in _EN_NUMBERS if n not in ("a", "an"))
    + r")\b(?=\s+" + _EN_UNIT + ")")
_ZH_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
               "九": 9, "十": 10}
_ZH_WORD_NUMBER = re.compile(r"(?<![\d一二三四五六七八九十百千万])([一两二三四五六七八九十])"
                             r"(?=个?(?:年|月|周|星期|天|晚|小时|分钟|次|回|人|口|岁|顿))")


def _digits(text: str) -> str:
    """Numbers written as words (before a unit) as digits."""
    text = _EN_WORD_NUMBER.sub(lambda m: str(_EN_NUMBERS[m.group(1) or m.group(2)]), text)
    return _ZH_WORD_NUMBER.sub(lambda m: str(_ZH_NUMBERS[m.group(1)]), text)


@dataclass(frozen=True)
class Range:
    """An interval of numbers an option stands for; `exact` marks a single value."""

    lo: float
    hi: float
    lo_in: bool = True
    hi_in: bool = True
    exact: bool = False

    def describe(self) -> str:
        """A short text such as 5, 5-10 or 65+."""
        if self.exact:
            return _num(self.lo)
        if self.hi == _INF:
            return f"{_num(self.lo)}+" if self.lo_in else f">{_num(self.lo)}"
        if self.lo == -_INF:
            return f"<{_num(self.hi)}"
        return f"{_num(self.lo)}-{_num(self.hi)}"


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def parse_range(option: str) -> Range | None:
    """The range an option stands for, or None when it is not a numeric range."""
    text = _digits(_THOUSANDS.sub("", option.lower().replace("’", "'")))
    tokens = [_WORDS.get(t, t) for t in _TOKEN.findall(text)]
    nums = [float(t) for t in tokens if t[0].isdigit()]
    shape = tuple("N" if t[0].isdigit() else t for t in tokens)
    if shape == ("N",):
        return Range(nums[0], nums[0], exact=True)
    if shape in (("N", "to", "N"), ("between", "N", "to", "N")):
        lo, hi = nums
        return Range(lo, hi) if lo <= hi else None
    if shape in (("under", "N"), ("N", "under")):
        return Range(-_INF, nums[0], hi_in=False)
    if shape == ("upto", "N"):
        return Range(-_INF, nums[0])
    if shape in (("N", "ormore"), ("atleast", "N")):
        return Range(nums[0], _INF)
    if shape == ("over", "N"):
        return Range(nums[0], _INF, lo_in=False)
    if shape == ("zero",):
        return Range(0, 0, exact=True)
    return None


def overlaps(a: Range, b: Range) -> bool:
    """True when some value fits both ranges."""
    if a.lo > b.lo or (a.lo == b.lo and not a.lo_in):
        a, b = b, a
    if a.hi > b.lo:
        return True
    return a.hi == b.lo and a.hi_in and b.lo_in


def gaps(ranges: list[Range], ceiling: float | None = None) -> list[tuple[float, float]]:
    """Holes between the ranges, below the first (when it starts above 1) and above the last
    (up to `ceiling` when the question bounds the count, as days in a week do).

    Whole numbers are assumed when every bound is whole: 1-2 and 3-5 leave no hole.
    """
    if not ranges:
        return []
    whole = all(v in (-_INF, _INF) or v == int(v) for r in ranges for v in (r.lo, r.hi))

    def bounds(r: Range) -> tuple[float, float]:
        if not whole:
            return r.lo, r.hi
        return (r.lo if r.lo_in else r.lo + 1), (r.hi if r.hi_in else r.hi - 1)

    ordered = sorted(ranges, key=lambda r: (r.lo, not r.lo_in))
    holes: list[tuple[float, float]] = []
    first_lo = bounds(ordered[0])[0]
    if first_lo > 1:
        holes.append((0, first_lo))
    reach_range = ordered[0]
    reach = bounds(reach_range)[1]
    for current in ordered[1:]:
        lo, hi = bounds(current)
        if whole:
            hole = lo > reach + 1
        else:
            hole = lo > reach or (lo == reach and not reach_range.hi_in and not current.lo_in)
        if hole:
            holes.append((reach, lo))
        if hi >= reach:
            reach, reach_range = hi, current
    top = _INF if ceiling is None else ceiling
    if reach < top:
        holes.append((reach, top))
    return holes


def is_range_list(ranges: list[Range | None]) -> bool:
    """True when every option is a range and at least one spans more than one value."""
    return bool(ranges) and all(r is not None for r in ranges) and any(
        r is not None and not r.exact for r in ranges)
