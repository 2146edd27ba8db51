"""A number typed as an item's answer, outside the interview's own entry: the correction of
a returned session takes it by the same rule the interview and the poll use.

A number or scale item takes a finite number within its range (`min`/`max`, or the
scale's ends); whole numbers only when it `takes_whole_numbers` (whole_numbers.py: a
scale, a roster's count, or a constraint that asks for one). `wanted_number` words the rule as the interview's entry shows it.
"""

from __future__ import annotations

import math

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.plan.whole_numbers import takes_whole_numbers


def number_range(item: Item) -> tuple[float | None, float | None]:
    """(lowest, highest) answer a number or scale item takes; None where it sets none."""
    low = item.min if item.min is not None else (item.scale.min if item.scale else None)
    high = item.max if item.max is not None else (item.scale.max if item.scale else None)
    return low, high


def wanted_number(low: float | None, high: float | None, unit: str = "",
                  whole: bool = False) -> str:
    """What the item takes, in words: "a whole number from 1 to 20", "a number"."""
    unit_text = f" {unit}" if unit else ""
    if low is not None and high is not None:
        text = (_("a whole number from {low} to {high}") if whole
                else _("a number from {low} to {high}"))
        return text.format(low=f"{low:g}", high=f"{high:g}") + unit_text
    if low is not None:
        text = _("a whole number of at least {low}") if whole else _("a number of at least {low}")
        return text.format(low=f"{low:g}") + unit_text
    if high is not None:
        text = _("a whole number up to {high}") if whole else _("a number up to {high}")
        return text.format(high=f"{high:g}") + unit_text
    return (_("a whole number") if whole else _("a number")) + unit_text


def typed_number(item: Item, plan: Plan, text: str) -> int | float:
    """The number typed for `item` ("2,5" reads as 2.5, as in the poll); a FieldtuiError
    that says what the item takes when it is not one of them."""
    text = text.strip()
    whole = takes_whole_numbers(item, plan)
    low, high = number_range(item)
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = math.nan
    if (not math.isfinite(number) or (whole and not number.is_integer())
            or (low is not None and number < low) or (high is not None and number > high)):
        wanted = wanted_number(low, high, "", whole)
        raise FieldtuiError(_("{text} is not {wanted}").format(text=repr(text[:40]),
                                                              wanted=wanted),
                            _("type {wanted}, e.g. {example}").format(
                                wanted=wanted, example=_example(low, high, whole)))
    return int(number) if number.is_integer() else number


def _example(low: float | None, high: float | None, whole: bool) -> str:
    example = 3.0 if whole else 2.5
    if low is not None:
        example = max(example, math.ceil(low) if whole else low)
    if high is not None:
        example = min(example, math.floor(high) if whole else high)
    return f"{example:g}"
