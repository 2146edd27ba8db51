"""An expression in plain words, for readers who do not read expressions (codebooks).

`${water_source} = 'other'` reads "water_source is “Other”": items are named by their
variable name (what an analyst sees in the data), a compared option by its label with its
code. Comparisons, `and`, `or`, `not`, `selected`, `count-selected`, `string-length` and
empty answers have words; anything else is quoted as written, so the reader is never told
less than the expression says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.parse import parse
from fieldtui.core.plan.expr.tree import BinOp, Call, Current, Expr, Neg, Num, Ref, Str
from fieldtui.core.plan.expr.values import number_text
from fieldtui.core.plan.expr.written import rendered

# the words are in the interface language (templates in the catalog; English is the msgid)
HOLDS = {"=": N_("{left} is {right}"), "!=": N_("{left} is not {right}"),
         "<": N_("{left} is less than {right}"), "<=": N_("{left} is at most {right}"),
         ">": N_("{left} is more than {right}"), ">=": N_("{left} is at least {right}")}
OPPOSITE = {"=": "!=", "!=": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
ARITHMETIC = {"+": N_("{left} plus {right}"), "-": N_("{left} minus {right}"),
              "*": N_("{left} times {right}"), "div": N_("{left} divided by {right}"),
              "mod": N_("{left} modulo {right}")}
JOINS = {"and": N_(" and "), "or": N_(" or ")}

Labeller = Callable[[str, str], str]
"""(item id, option value) -> the option's label (the value itself when it has none)."""


def in_words(text: str, label: Labeller | None = None, this: str | None = None) -> str:
    """`text` (an expression) in plain words; `this` names `.` (the item's own answer;
    default "this answer"). An expression that does not parse is quoted as written."""
    try:
        tree = parse(text)
    except ExprError:
        return _("{expression} is true").format(expression=f"`{text}`")
    return _Words(label or (lambda _item, value: value),
                  _("this answer") if this is None else this).holds(tree)


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
            return _(JOINS[op]).join(parts)
        if isinstance(node, BinOp) and node.op in HOLDS:
            return self._compare(node, OPPOSITE[node.op] if negated else node.op)
        if isinstance(node, Call) and node.name == "not" and len(node.args) == 1:
            return self.holds(node.args[0], not negated)
        if isinstance(node, Call) and node.name == "selected" and len(node.args) == 2:
            item, value = node.args
            words = (_("{option} is not chosen in {item}") if negated
                     else _("{option} is chosen in {item}"))
            return words.format(option=self._option(item, value), item=self.value(item))
        if isinstance(node, Ref | Current):
            return self._answered(node, not negated)
        words = _("{expression} is false") if negated else _("{expression} is true")
        return words.format(expression=f"`{rendered(node)}`")

    def _answered(self, node: Expr, answered: bool) -> str:
        words = _("{value} is answered") if answered else _("{value} is not answered")
        return words.format(value=self.value(node))

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
            return self._answered(left, op == "!=")
        if isinstance(right, Str) and op in ("=", "!="):
            return _(HOLDS[op]).format(left=self.value(left), right=self._option(left, right))
        return _(HOLDS[op]).format(left=self.value(left), right=self.value(right))

    def _option(self, item: Expr, value: Expr) -> str:
        if not isinstance(value, Str):
            return self.value(value)
        code = value.value
        label = self.label(item.name, code) if isinstance(item, Ref) else code
        same = label.casefold() == code.casefold()
        return (_("“{label}”") if same else _("“{label}” (code {code})")).format(
            label=label, code=code)

    def value(self, node: Expr) -> str:
        """A value in words: an item's name, a literal, or a function of them."""
        if isinstance(node, Ref):
            return node.name
        if isinstance(node, Current):
            return self.this
        if isinstance(node, Num):
            return number_text(node.value)
        if isinstance(node, Str):
            return _("“{label}”").format(label=node.value)
        if isinstance(node, Neg):
            return _("minus {value}").format(value=self.value(node.operand))
        if isinstance(node, BinOp) and node.op in ARITHMETIC:
            return _(ARITHMETIC[node.op]).format(left=self.value(node.left),
                                                 right=self.value(node.right))
        if isinstance(node, Call) and len(node.args) == 1:
            of = self.value(node.args[0])
            if node.name == "count-selected":
                return _("the number of options chosen in {item}").format(item=of)
            if node.name == "string-length":
                return _("the length of {item}").format(item=of)
        if isinstance(node, Call) and node.name == "today" and not node.args:
            return _("today's date")
        return f"`{rendered(node)}`"

