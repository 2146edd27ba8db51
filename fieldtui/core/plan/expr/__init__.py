"""The XLSForm expression language (relevant, constraint, calculate, ...), parsed with lark.

    from fieldtui.core.plan.expr import Context, evaluate_bool
    evaluate_bool("${age} >= 18 and selected(${langs}, 'en')", Context(answers={...}))

`parse` gives the typed tree, `compiled`/`evaluate` run it (cached), `check_expression`
returns findings with columns, `references`/`DependencyIndex` say what to re-evaluate, and
`calculation_cycles` finds calculate items that depend on themselves. See docs/expressions.md.
"""

from fieldtui.core.plan.expr.check import ExprFinding, ItemInfo, check_expression
from fieldtui.core.plan.expr.context import Context, ContextLike
from fieldtui.core.plan.expr.deps import DependencyIndex, calculation_cycles, references
from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.evaluate import compiled, compiled_filter, evaluate, evaluate_bool
from fieldtui.core.plan.expr.parse import parse, parse_filter
from fieldtui.core.plan.expr.values import Answer, Value, to_string

__all__ = [
    "Answer", "Context", "ContextLike", "DependencyIndex", "ExprError", "ExprFinding",
    "ItemInfo", "Value", "calculation_cycles", "check_expression", "compiled", "compiled_filter",
    "evaluate", "evaluate_bool", "parse", "parse_filter", "references", "to_string",
]
