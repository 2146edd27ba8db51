"""A number typed as an item's answer: one rule for every screen that takes one (the
interview's entry, the poll's field, the correction of a returned session), each saying a
refusal in its own words.

A number or scale item takes a finite number within its range (`min`/`max`, or the
scale's ends); whole numbers only when it `takes_whole_numbers` (whole_numbers.py: a
scale, a roster's count, or a constraint that asks for one). "2,5" reads as 2.5.
`wanted_number` words the rule as the interview's entry and the correction show it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.plan.whole_numbers import takes_whole_numbers


class Refusal(Enum):
    """Why a text is not a number the item takes."""

    NOT_A_NUMBER = "not a number"  # or not finite (nan, inf, 400 nines), or not whole
    BELOW = "below the range"
    ABOVE = "above the range"


@dataclass(frozen=True)
class Reading:
    """A text read by a `NumberRule`: the number (an int when it is whole), or the refusal."""

    value: int | float | None
    refusal: Refusal | None = None


@dataclass(frozen=True)
class NumberRule:
    """What a number or scale item takes: a finite number from `low` to `high` (None: no
    bound that side), a whole one when `whole`."""

    low: float | None
    high: float | None
    whole: bool = False

    def read(self, text: str) -> Reading:
        """The number `text` gives ("2,5" reads as 2.5, spaces around are dropped), or why
        the item does not take it (a wrong number is refused before a number out of range)."""
        try:
            number = float(text.strip().replace(",", "."))
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or (self.whole and not number.is_integer()):
            return Reading(None, Refusal.NOT_A_NUMBER)
        if self.low is not None and number < self.low:
            return Reading(None, Refusal.BELOW)
        if self.high is not None and number > self.high:
            return Reading(None, Refusal.ABOVE)
        return Reading(int(number) if number.is_integer() else number)

    def wanted(self, unit: str = "") -> str:
        """What the item takes, in words: "a whole number from 1 to 20", "a number"."""
        return wanted_number(self.low, self.high, unit, self.whole)


def number_rule(item: Item, plan: Plan) -> NumberRule:
    """The rule of a number or scale item of `plan`."""
    return NumberRule(*number_range(item), whole=takes_whole_numbers(item, plan))


def number_range(item: Item) -> tuple[float | None, float | None]:
    """(lowest, highest) answer a number or scale item takes; None where it sets none."""
    low = item.min if item.min is not None else (item.scale.min if item.scale else None)
    high = item.max if item.max is not None else (item.scale.max if item.scale else None)
    return low, high


def wanted_number(low: float | None, high: float | None, unit: str = "",
                  whole: bool = False) -> str:
    """What the item takes, in words: "a whole number from 1 to 20", "a number"."""
    if low is not None and high is not None:
        text = (_("a whole number from {low} to {high}") if whole
                else _("a number from {low} to {high}"))
        return _with_unit(text.format(low=f"{low:g}", high=f"{high:g}"), unit)
    if low is not None:
        text = _("a whole number of at least {low}") if whole else _("a number of at least {low}")
        return _with_unit(text.format(low=f"{low:g}"), unit)
    if high is not None:
        text = _("a whole number up to {high}") if whole else _("a number up to {high}")
        return _with_unit(text.format(high=f"{high:g}"), unit)
    return _with_unit(_("a whole number") if whole else _("a number"), unit)


def _with_unit(wanted: str, unit: str) -> str:
    """"a number from 0 to 100 years"; in Chinese the unit goes in brackets after the
    number words ("0 到 100 之间的数字(年)"), not after a space as a loose word."""
    if not unit:
        return wanted
    # TRANSLATORS: {wanted} is "a number from 0 to 100", {unit} the item's unit ("years").
    return _("{wanted} {unit}").format(wanted=wanted, unit=unit)


def typed_number(item: Item, plan: Plan, text: str) -> int | float:
    """The number typed for `item` by its `number_rule`; a FieldtuiError that says what the
    item takes when it is not one of them."""
    rule = number_rule(item, plan)
    value = rule.read(text).value
    if value is None:
        wanted = rule.wanted()
        raise FieldtuiError(_("{text} is not {wanted}").format(text=repr(text.strip()[:40]),
                                                              wanted=wanted),
                            _("type {wanted}, e.g. {example}").format(
                                wanted=wanted, example=_example(rule.low, rule.high,
                                                                rule.whole)))
    return value


def _example(low: float | None, high: float | None, whole: bool) -> str:
    example = 3.0 if whole else 2.5
    if low is not None:
        example = max(example, math.ceil(low) if whole else low)
    if high is not None:
        example = min(example, math.floor(high) if whole else high)
    return f"{example:g}"
