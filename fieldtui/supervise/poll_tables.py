"""A poll item's categories: the labels its answers are tallied into.

A closed item's categories are its options (or scale labels) and "no answer"; a number
item is tallied into ranges from the plan (see number_bins) and never shown as values or
means. Releases (release_tables.py) count and protect the tables built on these.
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.i18n import N_
from fieldtui.core.plan.model import Item
from fieldtui.supervise.answer_values import fits
from fieldtui.supervise.number_bins import bin_label, bins

NO_ANSWER = N_("(no answer)")
INVALID = N_("(invalid value)")  # an answer outside the plan: counted, never shown as itself
NOT_ASKED = N_("(not asked)")  # respondents outside an item's base (its condition was false)
ASKED = N_("(asked)")  # a multi item's base, beside its options' tables
TALLIED = ("choice", "scale", "number")
# The language an answer was asked in, as a crossing variable of its item (a session can
# switch language mid-interview, so it is one per answer): the table "item × language asked
# in" has rows named `language_item(item)`, a name no plan id can take (ids have no "@").
LANGUAGE_MARK = "@language"
NO_LANGUAGE = "(not recorded)"  # not asked, or no (or no plan) language recorded


def language_item(item_id: str) -> str:
    """The crossing variable "the language `item_id` was asked in"."""
    return item_id + LANGUAGE_MARK


def split_item(name: str) -> str | None:
    """The item a language crossing variable splits (None: `name` is an item itself)."""
    return name[:-len(LANGUAGE_MARK)] if name.endswith(LANGUAGE_MARK) else None


def languages_asked(languages: tuple[str, ...]) -> list[str]:
    """A plan's languages as a release's language categories (with NO_LANGUAGE last);
    none for a plan with one language, which has nothing to split."""
    return [*languages, NO_LANGUAGE] if len(languages) > 1 else []


def asked_in(answer: Any, languages: list[str]) -> str:
    """The language category of one stored answer: its `lang` when the plan has it (a
    device's own text is never a category)."""
    lang = answer.get("lang") if isinstance(answer, dict) else None
    return lang if isinstance(lang, str) and lang in languages[:-1] else NO_LANGUAGE


def categories(item: Item) -> list[str]:
    """The labels an item's answers fall into, in plan order, then "no answer"."""
    if item.scale is not None:
        return [item.scale.label(p) for p in item.scale.points] + [NO_ANSWER]
    if item.kind == "number":
        return [b.label for b in bins(item)] + [NO_ANSWER]
    return [*item.options, NO_ANSWER]


def category_of(item: Item, value: Any) -> str:
    """The category label of one answer value: always one the plan or this module wrote."""
    if value is None:
        return NO_ANSWER
    if item.kind == "number":
        return bin_label(bins(item), value)
    if not fits(item, value):
        return INVALID
    if item.scale is not None:
        return item.scale.label(int(value))
    return str(value)
