"""An expression in plain words, for readers who do not read expressions (codebooks).

`${water_source} = 'other'` reads "water_source is “Other”": items are named by their
variable name (what an analyst sees in the data), a compared option by its label with its
code. Comparisons, `and`, `or`, `not`, `selected`, `count-selected`, `string-length` and
empty answers have words; anything else is quoted as written, so the reader is never told
less than the expression says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.parse import parse
from fieldtui.core.plan.expr.tree import BinOp, Call, Current, Expr, Neg, Num, Ref, Str
from fieldtui.core.plan.expr.values import number_text
from fieldtui.core.plan.expr.written import rendered

HOLDS = {"=": "is", "!=": "is not", "<": "is less than", "<=": "is at most",
         ">": "is more than", ">=": "is at least"}
OPPOSITE = {"=": "!=", "!=": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
ARITHMETIC = {"+": "plus", "-": "minus", "*": "times", "div": "divided by", "mod": "modulo"}

Labeller = Callable[[str, str], str]
"""(item id, option value) -> the option's label (the value itself when it has none)."""


def in_words(text: str, label: Labeller | None = None, this: str = "this answer") -> str:
    """`text` (an expression) in plain words; `this` names `.` (the item's own answer).
    An expression that does not parse is quoted as written."""
    try:
        tree = parse(text)
    except ExprError:
        return f"`{text}` is true"
    return _Words(label or (lambda _item, value: value), this).holds(tree)


def labeller(options: Mapping[str, Callable[[str], str]]) -> Labeller:
    """A Labeller from each item's `label_of` (items without options are left out)."""
    def label(item: str, value: str) -> str:
        of = options.get(item)
        return of(value) if of else value
    return label


class _Words:
    def __init__(self, label: Labeller, this: str) -> None:
        self.label, self.this = label, this

    def holds(self, node: Expr, negated: bool = False) -> str:
        """Words for `node` being true (false when `negated`)."""
        if isinstance(node, BinOp) and node.op in ("and", "or"):
            op = node.op if not negated else ("or" if node.op == "and" else "and")
            parts = [self._part(side, op, negated) for side in (node.left, node.right)]
            return f" {op} ".join(parts)
        if isinstance(node, BinOp) and node.op in HOLDS:
            return self._compare(node, OPPOSITE[node.op] if negated else node.op)
        if isinstance(node, Call) and node.name == "not" and len(node.args) == 1:
            return self.holds(node.args[0], not negated)
        if isinstance(node, Call) and node.name == "selected" and len(node.args) == 2:
            item, value = node.args
            verb = "is not chosen" if negated else "is chosen"
            return f"{self._option(item, value)} {verb} in {self.value(item)}"
        if isinstance(node, Ref | Current):
            return f"{self.value(node)} is {'not ' if negated else ''}answered"
        quoted = f"`{rendered(node)}`"
        return f"{quoted} is {'false' if negated else 'true'}"

    def _part(self, side: Expr, op: str, negated: bool) -> str:
        text = self.holds(side, negated)
        inner = isinstance(side, BinOp) and side.op in ("and", "or")
        flipped = side.op if isinstance(side, BinOp) else ""
        if inner and negated:
            flipped = "or" if flipped == "and" else "and"
        return f"({text})" if inner and flipped != op else text

    def _compare(self, node: BinOp, op: str) -> str:
        left, right = node.left, node.right
        if isinstance(left, Str | Num) and not isinstance(right, Str | Num):
            left, right = right, left
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        if isinstance(right, Str) and right.value == "" and op in ("=", "!="):
            return f"{self.value(left)} is {'not ' if op == '=' else ''}answered"
        if isinstance(right, Str) and op in ("=", "!="):
            return f"{self.value(left)} {HOLDS[op]} {self._option(left, right)}"
        return f"{self.value(left)} {HOLDS[op]} {self.value(right)}"

    def _option(self, item: Expr, value: Expr) -> str:
        if not isinstance(value, Str):
            return self.value(value)
        code = value.value
        label = self.label(item.name, code) if isinstance(item, Ref) else code
        same = label.casefold() == code.casefold()
        return f"“{label}”" if same else f"“{label}” (code {code})"

    def value(self, node: Expr) -> str:
        """A value in words: an item's name, a literal, or a function of them."""
        if isinstance(node, Ref):
            return node.name
        if isinstance(node, Current):
            return self.this
        if isinstance(node, Num):
            return number_text(node.value)
        if isinstance(node, Str):
            return f"“{node.value}”"
        if isinstance(node, Neg):
            return f"minus {self.value(node.operand)}"
        if isinstance(node, BinOp) and node.op in ARITHMETIC:
            return f"{self.value(node.left)} {ARITHMETIC[node.op]} {self.value(node.right)}"
        if isinstance(node, Call) and len(node.args) == 1:
            of = self.value(node.args[0])
            if node.name == "count-selected":
                return f"the number of options chosen in {of}"
            if node.name == "string-length":
                return f"the length of {of}"
        if isinstance(node, Call) and node.name == "today" and not node.args:
            return "today's date"
        return f"`{rendered(node)}`"

