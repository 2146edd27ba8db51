"""Every table a poll release publishes, counted in one pass, then perturbed.

Tables: each tallied item (its categories, with "no answer"), each multi item's options
(chosen / not chosen), each tallied item crossed with each crossing variable and, in a
release of a plan with more than one language, each tallied item crossed with the
language it was asked in (`languages`: the table `language_item(item)` × item, whose
rows are the plan's languages and "(not recorded)"). The base
of an item is the respondents who were asked it: an item with a condition (questionnaire
logic) gets a "(not asked)" category that holds the others, outside its base (a multi
item gets a table of its own, "(asked)" / "(not asked)"), so every table still adds up to
the respondents and the attacker (audit.py) sees the same structure as before. A cell
is a set of respondents; its true count and the sum of its respondents' record keys are
counted together, so its cell key costs one addition per respondent.

Publishing (the cell key method, ABS TableBuilder style): a cell's published count is its
true count plus the change the perturbation table gives for its count and cell key (raised,
within D, when it would fall too far below an earlier release's: see `publish`); a
cell whose true or perturbed count is below min_cell is suppressed (None). Totals are
not separate cells: a table's totals are sums of its published cells, so every
published table adds up.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise.attacker import Key, Snapshot
from fieldtui.supervise.cell_key import KEY_SPACE, cell_key_of_sum
from fieldtui.supervise.poll_tables import (
    ASKED,
    INVALID,
    NO_ANSWER,
    NO_LANGUAGE,
    NOT_ASKED,
    TALLIED,
    asked_in,
    categories,
    category_of,
    language_item,
    split_item,
)
from fieldtui.supervise.ptable import PTable

Record = tuple[int, dict[str, Any]]  # (record key, session document)
# The base of each item: (the items with a condition, session -> the items it was not asked).
Bases = tuple[Collection[str], Callable[[dict[str, Any]], Collection[str]]]


@dataclass
class Tabulation:
    """The true tables of one respondent set."""

    respondents: int
    categories: dict[str, list[str]]
    crosses: list[tuple[str, str]]
    multi: dict[str, list[str]]
    counts: dict[Key, int] = field(default_factory=dict)
    key_sums: dict[Key, int] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)  # the language categories, if split

    def stored(self) -> dict[str, Any]:
        """The structure a release stores: its items' categories and crosses, and (when
        it splits items by language) the language categories and the items split."""
        out: dict[str, Any] = {
            "categories": {i: c for i, c in self.categories.items() if not split_item(i)},
            "crosses": [list(c) for c in self.crosses if not split_item(c[0])],
            "multi": self.multi}
        if self.languages:
            out["languages"] = {"asked_in": self.languages,
                                "items": [i for b, i in self.crosses if split_item(b)]}
        return out

    def snapshot(self, tag: str) -> Snapshot:
        """The table structure as an attacker sees it (no knowledge of counts yet)."""
        return Snapshot(tag, self.respondents, self.categories, list(self.crosses),
                        self.multi)


def crossing_items(plan: Plan, names: Iterable[str]) -> list[str]:
    """The crossing variables, checked: choice or scale items of the plan."""
    closed = {i.id for i in plan.items if i.kind in ("choice", "scale")}
    out: list[str] = []
    for name in names:
        if name not in closed:
            raise FieldtuiError(_("no choice or scale item {name} in plan "
                                  "{id} to cross by").format(name=repr(name), id=plan.id),
                                _("give a choice or scale item's id (plan "
                                  "[poll] cross or --cross)"))
        if name not in out:
            out.append(name)
    return out


def tabulate(records: list[Record], plan: Plan, crossing: list[str],
             bases: Bases | None = None, languages: Sequence[str] = ()) -> Tabulation:
    """Count every table of a release (true counts and record-key sums); `bases` gives
    each item's base (None: every respondent was asked every item); `languages` (the
    release's language categories, NO_LANGUAGE last; none: no language tables) splits
    each tallied item by the language it was asked in."""
    items = [i for i in plan.items if i.kind in TALLIED]
    multi = {i.id: list(i.options) for i in plan.items if i.kind == "multi"}
    conditional, not_asked = bases if bases is not None else ((), lambda _doc: ())
    cats = {i.id: categories(i) + ([NOT_ASKED] if i.id in conditional else [])
            for i in items}
    cats.update({i: [ASKED, NOT_ASKED] for i in multi if i in conditional})
    keys = np.array([key for key, _ in records], dtype=np.float64)  # exact below 2**53
    hidden = [not_asked(doc) for _, doc in records]
    codes: dict[str, np.ndarray] = {}
    for item_id in cats:
        item = plan.item(item_id)
        labels = [NOT_ASKED if item_id in gone else
                  ASKED if item.kind == "multi" else _category(cats, item, doc)
                  for (_, doc), gone in zip(records, hidden, strict=True)]
        index = {c: n for n, c in enumerate(cats[item.id])}
        codes[item.id] = np.array([index[c] for c in labels], dtype=np.int64)
    crosses = [(b, i.id) for b in crossing for i in items if i.id != b]
    if languages:
        crosses += _split_by_language(records, hidden, [i.id for i in items],
                                      list(languages), cats, codes)
    counts: dict[Key, int] = {}
    sums: dict[Key, int] = {}

    def add(cells: list[Key], code: np.ndarray) -> None:
        size = len(cells)
        number = np.bincount(code, minlength=size)
        total = np.bincount(code, weights=keys, minlength=size)
        for n, cell in enumerate(cells):
            counts[cell], sums[cell] = int(number[n]), int(total[n])

    for item_id in cats:
        add([("1", item_id, c) for c in cats[item_id]], codes[item_id])
    for b, i in crosses:
        width = len(cats[i])
        add([("x", b, r, i, c) for r in cats[b] for c in cats[i]],
            codes[b] * width + codes[i])
    for item_id, options in multi.items():
        for (key, doc), gone in zip(records, hidden, strict=True):
            chosen = None if item_id in gone else _value(doc, item_id)
            for option in options:
                yes = isinstance(chosen, list) and option in chosen
                chosen_cell: Key = ("m", item_id, option, "yes" if yes else "no")
                counts[chosen_cell] = counts.get(chosen_cell, 0) + 1
                sums[chosen_cell] = sums.get(chosen_cell, 0) + key
    tab = Tabulation(len(records), cats, crosses, multi, counts, sums, list(languages))
    for every in tab.snapshot("").cells():
        counts.setdefault(every, 0)
        sums[every] = sums.get(every, 0) % KEY_SPACE
    return tab


def _split_by_language(records: list[Record], hidden: list[Collection[str]], items: list[str],
                       languages: list[str], cats: dict[str, list[str]],
                       codes: dict[str, np.ndarray]) -> list[tuple[str, str]]:
    """Each item's language crossing variable (the language each respondent was asked it
    in; NO_LANGUAGE outside its base), added to `cats` and `codes`: its crosses."""
    index = {lang: n for n, lang in enumerate(languages)}
    for item_id in items:
        name = language_item(item_id)
        cats[name] = list(languages)
        codes[name] = np.array([
            index[NO_LANGUAGE if item_id in gone else
                  asked_in((doc.get("answers") or {}).get(item_id), languages)]
            for (_, doc), gone in zip(records, hidden, strict=True)], dtype=np.int64)
    return [(language_item(i), i) for i in items]


def counted_answers(doc: dict[str, Any]) -> dict[str, Any]:
    """What a release counts of a session document: each answer's value and the language
    it was asked in (two documents alike in these are counted alike)."""
    return {item: (answer.get("value"), answer.get("lang")) if isinstance(answer, dict)
            else answer for item, answer in (doc.get("answers") or {}).items()}


def _value(doc: dict[str, Any], item_id: str) -> Any:
    return ((doc.get("answers") or {}).get(item_id) or {}).get("value")


def _category(cats: dict[str, list[str]], item: Item, doc: dict[str, Any]) -> str:
    label = category_of(item, _value(doc, item.id))
    known = cats[item.id]
    if label not in known:  # an answer outside the plan's categories still counts
        if item.kind != "number":  # ... under a fixed label: never the answer's own text
            label = INVALID
        if label not in known:
            known.insert(known.index(NO_ANSWER), label)
    return label


def publish(tab: Tabulation, ptable: PTable, min_cell: int,
            earlier: Iterable[dict[Key, int | None]] = (), protection: int = 2
            ) -> dict[Key, int | None]:
    """Every cell's published count: perturbed, or None when suppressed.

    `earlier`: what the plan's earlier releases whose respondents this one includes
    published. Independent noise could move a cell down by up to 2D from one release to
    the next and, as no count can shrink, pin the difference between them; so a cell an
    earlier release showed is shown again, and never more than 2D - protection below
    the highest count shown for it before (still within D of its true count).

    How many were asked an item in each language (the margins of its language table) is
    not published: a report's language totals are sums of the shown cells, as every total
    is, and a perturbed margin beside them would only pin its row's cells closer.
    """
    drop = max(0, 2 * ptable.max_change - protection)
    shown_before: dict[Key, int] = {}
    for cells in earlier:
        for cell, value in cells.items():
            if value is not None:
                shown_before[cell] = max(value, shown_before.get(cell, value))
    out: dict[Key, int | None] = {}
    for cell in tab.snapshot("").cells():
        if cell[0] == "1" and split_item(cell[1]) is not None:
            continue  # a language margin: see the docstring
        count = tab.counts[cell]
        shown = ptable.perturb(count, cell_key_of_sum(tab.key_sums[cell]))
        if count >= min_cell and cell in shown_before:
            floor = max(shown_before[cell] - drop, min_cell)
            shown = min(count + min(count, ptable.max_change), max(shown, floor))
        out[cell] = shown if count >= min_cell and shown >= min_cell else None
    return out
