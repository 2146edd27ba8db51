"""Poll tallies under disclosure control: every published table in one suppression system.

Each closed item gets a tally (its categories, "no answer", and the respondents total);
a number item is tallied into ranges (see number_bins) and never shown as values or means;
with `by`, each other item is also crossed with the `by` item. Cells shared between
tables (an item's tally is the margin of its cross-table) are one cell, so a count
hidden in one table is hidden everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise.answer_values import fits
from fieldtui.supervise.disclosure import Key, System, protect
from fieldtui.supervise.number_bins import bin_label, bins

NO_ANSWER = "(no answer)"
INVALID = "(invalid value)"  # an answer outside the plan: counted, never shown as itself
TOTAL: Key = ("n",)
TALLIED = ("choice", "scale", "number")


@dataclass(frozen=True)
class Row:
    """One published line: a label and its count, None when suppressed."""

    label: str
    count: int | None


@dataclass(frozen=True)
class Tally:
    """One item's table: rows, or for a cross-table a matrix with its margins."""

    item_id: str
    prompt: str
    rows: list[Row]
    total: int | None
    by_labels: list[str] | None = None
    matrix: list[list[int | None]] | None = None
    by_item: str | None = None
    note: str = ""


@dataclass(frozen=True)
class PollReport:
    """The tallies of one poll plan, or the reason nothing is shown."""

    plan_id: str
    respondents: int
    min_cell: int
    tallies: list[Tally]
    withheld: str = ""


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


def _value(doc: dict[str, Any], item_id: str) -> Any:
    return ((doc.get("answers") or {}).get(item_id) or {}).get("value")


def poll_system(docs: list[dict[str, Any]], plan: Plan, by: str | None = None
                ) -> tuple[System, dict[str, list[str]], Item | None]:
    """Every table the report publishes, as one system: (system, categories by item,
    the `by` item)."""
    items = [i for i in plan.items if i.kind in TALLIED]
    by_item = None
    if by is not None:
        by_item = next((i for i in items if i.id == by and i.kind != "number"), None)
        if by_item is None:
            raise FieldtuiError(f"no choice or scale item {by!r} in plan {plan.id}",
                                "give a choice or scale item's id with --cross")
    n = len(docs)
    system = System()
    counts = {item.id: _tally(system, docs, item, n) for item in items}
    for item in plan.items:
        if item.kind == "multi":
            _multi(system, docs, item, n)
    if by_item is not None:
        for item in items:
            if item.id != by_item.id:
                _cross(system, docs, by_item, counts[by_item.id], item, counts[item.id])
    return system, counts, by_item


def poll_report(docs: list[dict[str, Any]], plan: Plan, by: str | None = None) -> PollReport:
    """Tallies for a poll plan's sessions with primary and complementary suppression."""
    if plan.poll is None:
        raise FieldtuiError(f"plan {plan.id} is not a poll", "give a poll plan with --plan")
    min_cell = plan.poll.min_cell
    n = len(docs)
    if n < min_cell:
        return PollReport(plan.id, n, min_cell, [],
                          f"only {n} respondent(s), fewer than min_cell = {min_cell}")
    system, counts, by_item = poll_system(docs, plan, by)
    hidden = protect(system, min_cell)

    def shown(key: Key) -> int | None:
        return None if key in hidden else system.values[key]

    tallies = []
    for item in plan.items:
        if item.kind in TALLIED:
            rows = [Row(c, shown(("1", item.id, c))) for c in counts[item.id]]
            note = ""
            if item.kind == "number" and system.values[("1", item.id, NO_ANSWER)] == n:
                # Every bin is a published zero already: saying so reveals nothing more.
                note = "no answers to this number item"
            if by_item is not None and item.id != by_item.id:
                b_cats, i_cats = counts[by_item.id], counts[item.id]
                matrix = [[shown(("x", by_item.id, b, item.id, c)) for c in i_cats]
                          for b in b_cats]
                tallies.append(Tally(item.id, item.prompt, rows, shown(TOTAL), b_cats,
                                     matrix, by_item.id, note))
            else:
                tallies.append(Tally(item.id, item.prompt, rows, shown(TOTAL), note=note))
        elif item.kind == "multi":
            rows = [Row(o, shown(("m", item.id, o, "yes"))) for o in item.options]
            tallies.append(Tally(item.id, item.prompt, rows, shown(TOTAL)))
    return PollReport(plan.id, n, min_cell, tallies)


def _tally(system: System, docs: list[dict[str, Any]], item: Item, n: int) -> list[str]:
    cats = categories(item)
    counts = dict.fromkeys(cats, 0)
    for doc in docs:
        cat = category_of(item, _value(doc, item.id))
        if cat not in counts:  # an invalid answer or a number out of range still counts
            cats.insert(-1, cat)
            counts[cat] = 0
        counts[cat] += 1
    system.one_way(TOTAL, {("1", item.id, c): counts[c] for c in cats}, n)
    return cats


def _multi(system: System, docs: list[dict[str, Any]], item: Item, n: int) -> None:
    for option in item.options:
        yes = sum(1 for d in docs if option in (_value(d, item.id) or []))
        # Published "chosen" with the total gives "not chosen": both are cells.
        system.one_way(TOTAL, {("m", item.id, option, "yes"): yes,
                               ("m", item.id, option, "no"): n - yes}, n)


def _cross(system: System, docs: list[dict[str, Any]], by_item: Item, b_cats: list[str],
           item: Item, i_cats: list[str]) -> None:
    counts = [[0] * len(i_cats) for _ in b_cats]
    for doc in docs:
        b = category_of(by_item, _value(doc, by_item.id))
        c = category_of(item, _value(doc, item.id))
        counts[b_cats.index(b)][i_cats.index(c)] += 1
    rows = [("1", by_item.id, b) for b in b_cats]
    cols = [("1", item.id, c) for c in i_cats]
    interior = {(i, j): ("x", by_item.id, b, item.id, c)
                for i, b in enumerate(b_cats) for j, c in enumerate(i_cats)}
    system.two_way(TOTAL, rows, cols, interior, counts)
