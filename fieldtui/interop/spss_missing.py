"""SPSS missing codes a variable's own values cannot take.

Every numeric variable of a .sav file declares -999..-991 user-missing (core.missing), so
an answer of -995 read as "not asked". A variable that reaches into that range gets its
own codes below its lowest value: -9991 ... -9997 (range -9999..-9991), or -99991 ... when
that is not low enough, one more 9 at a time. It reaches the range when an answer written
as a value lies in it (a number, a numeric calculation), when one of its value labels'
codes does (a scale point), or when its plan's `min` (any version) is -991 or lower and
its `max` is unset or -999 or higher. The others keep -991 ... -997, which analysts'
scripts rely on. The codes are the plan's, worked out once for all the parts of a large
plan's file. The codebook gives them under the variable only where its plan moves them
(`answers=False`): it is plain text that travels, and codes moved by the answers would tell
its readers that someone answered between -999 and -991, and how low the lowest answer went
(the .sav file, an export, declares them).
"""

from __future__ import annotations

import json
import math

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.missing import SPSS_MISSING_RANGE
from fieldtui.core.plan.model import Plan
from fieldtui.interop.columns import ItemColumns, Variable, plan_columns, plan_rosters
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.number_bins import number_of

LOW, HIGH = SPSS_MISSING_RANGE
# -9991, -99991, ...: exact in a double (pyreadstat writes doubles) up to 15 digits.
_TOPS = [-(10**digits - 9) for digits in range(4, 16)]
_CHUNK = 5_000


class _Span:
    """What a variable's values are known to be: the lowest, and whether one is in range."""

    def __init__(self) -> None:
        self.lowest = math.inf
        self.reaches = False

    def add(self, value: float) -> None:
        self.lowest = min(self.lowest, value)
        self.reaches = self.reaches or LOW <= value <= HIGH


def spss_top(lowest: float, reaches: bool) -> int | None:
    """The declined code of a variable (the others count down from it): -991 when its
    values stay out of the range, else the first of -9991, -99991, ... below `lowest`;
    None when no such code is left."""
    if not reaches:
        return HIGH
    return next((top for top in _TOPS if top < lowest), None)


def _numeric(var: Variable) -> bool:
    return var.kind in ("number", "coded")


def _plan_span(entry: ItemColumns, span: _Span) -> None:
    """The plan's own reach: a min down into the range (number items), labelled codes."""
    for item in entry.asked.values():
        if item.min is not None and item.min <= HIGH and (item.max is None or item.max >= LOW):
            span.add(float(item.min))
            span.reaches = True
    for var in entry.variables:
        for code in var.values:
            span.add(float(code))


def plan_spss_tops(conn: Dataset, plan_id: str, plans: list[Plan],
                   numeric: frozenset[str] = frozenset(), *, answers: bool = True
                   ) -> dict[str | None, dict[str, int]]:
    """The moved declined codes of a plan's variables, by file (None: the plan's, else the
    roster's) and variable name; a variable not named keeps -991. `answers` False: moved by
    the plan alone (its mins and labelled codes), not by the answers (the codebook's)."""
    files: dict[str | None, list[ItemColumns]] = {
        None: plan_columns(plans, numeric=numeric)}
    for name in plan_rosters(plans):
        files[name] = plan_columns(plans, roster=name, numeric=numeric)
    spans: dict[tuple[bool, str, str], _Span] = {}  # (in a roster, item id, kind)
    by_id: dict[tuple[bool, str], list[ItemColumns]] = {}
    for roster, entries in files.items():
        for entry in entries:
            if not any(_numeric(v) for v in entry.variables):
                continue
            key = (roster is not None, entry.item.id, entry.item.kind)
            _plan_span(entry, spans.setdefault(key, _Span()))
            if entry.variables[0].kind == "number":  # answers written as they are
                by_id.setdefault(key[:2], []).append(entry)
    if by_id and answers:
        _answer_spans(conn, plan_id, by_id, spans)
    out: dict[str | None, dict[str, int]] = {}
    for roster, entries in files.items():
        for entry in entries:
            span = spans.get((roster is not None, entry.item.id, entry.item.kind))
            if span is None:
                continue
            top = spss_top(span.lowest, span.reaches)
            if top is None:
                raise FieldtuiError(
                    _("no SPSS missing codes are left for {name} of plan {plan_id}: its "
                      "values reach into {low} to {high} and go below {lowest}")
                    .format(name=entry.variables[0].name, plan_id=repr(plan_id), low=LOW,
                            high=HIGH, lowest=_TOPS[-1]),
                    _("check those answers in review (a mistyped number?), or export as "
                      "dta or csv"))
            if top != HIGH:
                out.setdefault(roster, {}).update(
                    {v.name: top for v in entry.variables if _numeric(v)})
    return out


def _answer_spans(conn: Dataset, plan_id: str,
                  by_id: dict[tuple[bool, str], list[ItemColumns]],
                  spans: dict[tuple[bool, str, str], _Span]) -> None:
    """Add the answers written as values (asked, not skipped, a number) to their spans:
    each to the variable of the kind its session's version asked."""
    ids = sorted({item_id for _, item_id in by_id})
    marks = ",".join("?" * len(ids))
    cursor = conn.execute(
        f"SELECT s.plan_version, a.member, a.item_id, a.value FROM answers a "
        f"JOIN sessions s ON s.sk = a.sk WHERE s.plan_id=? AND a.asked = 1 "
        f"AND a.skipped = 0 AND a.item_id IN ({marks})", (plan_id, *ids))
    while rows := cursor.fetchmany(_CHUNK):
        for version, member, item_id, raw in rows:
            in_roster = member != ""
            for entry in by_id.get((in_roster, item_id), ()):
                if version in entry.asked:
                    number = number_of(json.loads(raw))
                    if number is not None:
                        spans[(in_roster, item_id, entry.item.kind)].add(number)
                    break
