"""Which calculations of a plan are numbers, from the plan alone (the codebook's).

The export makes a calculation numeric when every value it writes is a number
(exporter.numeric_calculations): it must hold every value. The codebook, plain text that
travels, must not: one respondent's value would change what it says of a variable (numeric
or text, one variable or two), and tell of that respondent. It reads each version's
calculation instead (core/plan/expr/result_kind): numeric when every version's always gives
a number; undecided when one's may give either, or the versions differ (then the codebook
says text, and that the export may make it numeric).
"""

from __future__ import annotations

from fieldtui.core.plan.expr.result_kind import calculation_kinds
from fieldtui.core.plan.model import Plan


def plan_calculations(plans: list[Plan]) -> tuple[frozenset[str], frozenset[str]]:
    """(numeric, undecided): the calculate items of these versions of one plan that always
    give a number, and those whose plan does not fix whether they do."""
    kinds: dict[str, set[str]] = {}
    for plan in plans:
        calculations = {i.id: i.calculation or "" for i in plan.items if i.kind == "calculate"}
        for item, kind in calculation_kinds(calculations).items():
            kinds.setdefault(item, set()).add(kind)
    numeric = frozenset(i for i, found in kinds.items() if found == {"num"})
    undecided = frozenset(i for i, found in kinds.items() if found != {"text"}) - numeric
    return numeric, undecided
