"""The attacker: what can be worked out about true counts from everything published.

Each published respondent set (a release, or any report an attacker saw) is a `Snapshot`:
its respondent count, its categories, the tables it showed and, for every shown or hidden
cell, the interval the attacker knows the true count lies in (an exact count is an
interval of width 0; a perturbed count p with largest change D is [p - D, p + D]).
Tables add up (an item's categories sum to the respondents; a cross table's rows sum to
the row item's counts, its columns to the column item's), and when one snapshot's
respondents include another's, no count can shrink from the second to the first (a
snapshot may include several: a release after a revocation includes one before it but
not the one just before it).

Over all of this, a cell's (or a difference of cells') smallest and largest possible
value is a linear program, solved by HiGHS (highspy): the model is built once and each
question only changes the objective, so every solve after the first starts from the last
optimal basis (a warm start) instead of from scratch. Cell keys: ("1", item, category),
("x", row_item, row_category, item, category), ("m", item, option, "yes"|"no"), each
prefixed with the snapshot's tag.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import highspy
import numpy as np

from fieldtui.supervise.poll_tables import NO_LANGUAGE, split_item

Key = tuple[str, ...]
DUAL, PRIMAL = 1, 4  # HiGHS simplex strategies
Interval = tuple[float, float]


@dataclass
class Snapshot:
    """What was published of one respondent set."""

    tag: str
    respondents: int
    categories: dict[str, list[str]]  # tallied item -> its categories
    crosses: list[tuple[str, str]] = field(default_factory=list)  # (row item, item)
    multi: dict[str, list[str]] = field(default_factory=dict)  # multi item -> options
    known: dict[Key, Interval] = field(default_factory=dict)  # cell -> true count in
    total: Interval | None = None  # what is known of the respondent count (None: exact)
    # tags of the snapshots whose respondents this one includes (all but those a link
    # through another implies: `published.inclusion_links`)
    inside: tuple[str, ...] = ()

    def cells(self) -> list[Key]:
        """Every cell of every table of this snapshot (without the tag)."""
        out: list[Key] = [("1", i, c) for i, cats in self.categories.items() for c in cats]
        for b, i in self.crosses:
            out += [("x", b, r, i, c) for r in self.categories[b] for c in self.categories[i]]
        for i, options in self.multi.items():
            out += [("m", i, o, yn) for o in options for yn in ("yes", "no")]
        return out


class Attacker:
    """Bounds on true counts given snapshots; build once, ask many questions."""

    def __init__(self, snapshots: list[Snapshot]) -> None:
        self.index: dict[Key, int] = {}
        lo: list[float] = []
        hi: list[float] = []
        eq: list[tuple[dict[int, float], float]] = []
        le: list[tuple[dict[int, float], float]] = []
        by_tag = {s.tag: s for s in snapshots}
        for snap in snapshots:
            self.index[(snap.tag, "n")] = len(lo)
            total = snap.total or (snap.respondents, snap.respondents)
            lo.append(max(0.0, total[0]))
            hi.append(float(total[1]))
            for cell in snap.cells():
                box = snap.known.get(cell, (0.0, float(snap.respondents)))
                self.index[(snap.tag, *cell)] = len(lo)
                lo.append(max(0.0, box[0]))
                hi.append(min(float(snap.respondents), box[1]))
            eq += _additivity(self.index, snap)
            for tag in snap.inside:
                le += _no_count_shrinks(self.index, by_tag[tag], snap)
        self._highs = _model(lo, hi, eq, le)
        self._costs: list[int] = []  # columns whose cost is not zero now
        self._point = np.zeros(len(lo))  # the last optimal solution
        self.solves = 0

    def has(self, key: Key) -> bool:
        """True if the cell is one of the attacker's unknowns."""
        return key in self.index

    def extreme(self, objective: Mapping[Key, float], *, largest: bool,
                far: bool = False) -> float:
        """The smallest (or largest) value of sum(coef * cell) consistent with all that
        was published (`far`: an objective unlike the last one, such as a sum of many
        cells)."""
        highs = self._highs
        columns = [self.index[key] for key in objective]
        wanted = set(columns)
        reset = [c for c in self._costs if c not in wanted]
        if reset:
            highs.changeColsCost(len(reset), np.array(reset, dtype=np.int32),
                                 np.zeros(len(reset)))
        costs = [-coef if largest else coef for coef in objective.values()]
        highs.changeColsCost(len(columns), np.array(columns, dtype=np.int32),
                             np.array(costs, dtype=np.float64))
        self._costs = columns
        # A sum of many cells by dual simplex from scratch, after presolve (it halves
        # the iterations; the basis it leaves is the original model's); every other
        # objective by primal simplex from the last optimal basis, without presolve.
        if far:
            highs.clearSolver()
        highs.setOptionValue("simplex_strategy", DUAL if far else PRIMAL)
        highs.setOptionValue("presolve", "on" if far else "off")
        highs.run()
        self.solves += 1
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            status = highs.modelStatusToString(highs.getModelStatus())
            raise ValueError(f"published tables are inconsistent: {status}")
        self._point = np.asarray(highs.getSolution().col_value)
        value = float(highs.getInfo().objective_function_value)
        return -value if largest else value

    def lp(self) -> highspy.HighsLp:
        """The model as HiGHS holds it: the cells' ranges and the rows."""
        return self._highs.getLp()

    def last_point(self) -> np.ndarray:
        """The last optimal solution (every unknown, in `index` order)."""
        return self._point

    def at_last_point(self, objective: Mapping[Key, float]) -> float:
        """sum(coef * cell) at the last optimal solution: tables consistent with
        everything published, so a value it reaches is a value the attacker cannot
        rule out."""
        return float(sum(coef * self._point[self.index[key]]
                         for key, coef in objective.items()))

    def interval_low(self, objective: Mapping[Key, float]) -> float:
        """The smallest whole-number value of sum(coef * cell) (rounded inwards)."""
        return math.ceil(self.extreme(objective, largest=False) - 1e-6)

    def interval_high(self, objective: Mapping[Key, float]) -> float:
        """The largest whole-number value of sum(coef * cell) (rounded inwards)."""
        return math.floor(self.extreme(objective, largest=True) + 1e-6)

    def interval(self, objective: Mapping[Key, float]) -> Interval:
        """[smallest, largest] whole-number values of sum(coef * cell), rounded inwards."""
        return self.interval_low(objective), self.interval_high(objective)


def _no_count_shrinks(index: dict[Key, int], outer: Snapshot, snap: Snapshot
                      ) -> list[tuple[dict[int, float], float]]:
    """`snap` includes `outer`'s respondents: no count shrinks from one to the other. A
    language an answer was asked in is its category only while the plan has it (else
    "not recorded"), so when a plan version adds or drops a language the not-recorded
    answers of `outer` and those in a language `snap` lacks can only be, in `snap`, not
    recorded or in a language `outer` lacked."""
    rows: list[tuple[dict[int, float], float]] = []
    for cell in [("n",), *snap.cells()]:
        if (outer.tag, *cell) in index and not _moves_language(cell):
            rows.append(({index[(outer.tag, *cell)]: 1.0, index[(snap.tag, *cell)]: -1.0},
                         0.0))
    for b in snap.categories:
        if split_item(b) is None or b not in outer.categories:
            continue
        was, now = outer.categories[b], snap.categories[b]
        old = [r for r in was if r == NO_LANGUAGE or r not in now]
        new = [r for r in now if r == NO_LANGUAGE or r not in was]
        # An answer `outer` has no category for (an invalid answer first seen in `snap`)
        # was none of its respondents': nothing to keep, and no cell of `outer` to name.
        tables = [()] + [(i, c) for r, i in snap.crosses if r == b
                         for c in snap.categories[i] if (r, i) in outer.crosses
                         and c in outer.categories[i]]
        for tail in tables:
            head = ("1", b) if not tail else ("x", b)
            rows.append(({**{index[(outer.tag, *head, r, *tail)]: 1.0 for r in old},
                          **{index[(snap.tag, *head, r, *tail)]: -1.0 for r in new}}, 0.0))
    return rows


def _moves_language(cell: Key) -> bool:
    """True for a "not recorded" language cell, whose answers may be in a language the
    next snapshot has (see `_no_count_shrinks`)."""
    return cell[0] in ("1", "x") and split_item(cell[1]) is not None and \
        cell[2] == NO_LANGUAGE


def _additivity(index: dict[Key, int], snap: Snapshot) -> list[tuple[dict[int, float], float]]:
    t = snap.tag
    n = index[(t, "n")]
    rows: list[tuple[dict[int, float], float]] = []
    for i, cats in snap.categories.items():
        rows.append(({**{index[(t, "1", i, c)]: 1.0 for c in cats}, n: -1.0}, 0.0))
    for b, i in snap.crosses:
        for r in snap.categories[b]:
            row = {index[(t, "x", b, r, i, c)]: 1.0 for c in snap.categories[i]}
            rows.append(({**row, index[(t, "1", b, r)]: -1.0}, 0.0))
        for c in snap.categories[i]:
            col = {index[(t, "x", b, r, i, c)]: 1.0 for r in snap.categories[b]}
            rows.append(({**col, index[(t, "1", i, c)]: -1.0}, 0.0))
    for i, options in snap.multi.items():
        for o in options:
            rows.append(({index[(t, "m", i, o, "yes")]: 1.0,
                          index[(t, "m", i, o, "no")]: 1.0, n: -1.0}, 0.0))
    return rows


def _model(lo: list[float], hi: list[float], eq: list[tuple[dict[int, float], float]],
           le: list[tuple[dict[int, float], float]]) -> highspy.Highs:
    """One HiGHS model: the cells with their ranges, equal rows, then at-most rows."""
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(lo), len(eq) + len(le)
    lp.col_cost_ = np.zeros(len(lo))
    lp.col_lower_, lp.col_upper_ = np.array(lo), np.array(hi)
    lp.row_lower_ = np.array([rhs for _, rhs in eq] + [-highspy.kHighsInf] * len(le))
    lp.row_upper_ = np.array([rhs for _, rhs in [*eq, *le]])
    start, index, value = [0], [], []
    for terms, _ in [*eq, *le]:
        index += list(terms)
        value += list(terms.values())
        start.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = lp.num_col_, lp.num_row_
    lp.a_matrix_.start_ = np.array(start, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    highs = highspy.Highs()  # type: ignore[no-untyped-call]
    highs.setOptionValue("output_flag", False)
    # Only the objective changes between solves: the last optimal basis stays feasible,
    # so primal simplex from that basis (no presolve) is the warm start; only a solve
    # from scratch presolves (`Attacker.extreme`).
    highs.setOptionValue("presolve", "off")
    highs.passModel(lp)
    return highs


def answer_posterior(attacker: Attacker, before: str, after: str, item: str,
                     cats: list[str], added: int) -> tuple[float, str]:
    """How sure the attacker can be of an added respondent's answer to `item`, from the
    difference of two snapshots, and for which answer: the largest share of the added
    respondents who must have given one answer; with one added respondent, also
    1 / the number of answers still possible. An answer `before` has no cell for (a
    category first seen after it, such as an invalid answer) held none of its
    respondents: its whole count `after` is the added respondents'."""
    if added <= 0 or not cats:
        return 0.0, ""
    shares: list[tuple[float, str]] = []
    possible: list[str] = []
    for c in cats:
        diff: dict[Key, float] = {(after, "1", item, c): 1.0}
        if attacker.has((before, "1", item, c)):
            diff[(before, "1", item, c)] = -1.0
        shares.append((max(0.0, attacker.interval_low(diff)) / added, c))
        if added == 1 and attacker.interval_high(diff) >= 1:  # only one respondent's
            possible.append(c)
    best = max(shares)
    if added == 1 and possible and 1.0 / len(possible) > best[0]:
        best = (1.0 / len(possible), possible[0])
    return best
