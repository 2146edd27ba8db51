"""The functions of the language: arity, what each argument must be, and how each is built.

A builder gets the call node and its compiled arguments and returns one compiled closure, so
arguments stay lazy (`if`, `once`, `and`/`or` short-circuit) and a literal regex is compiled
once. Semantics follow ODK Collect; docs/expressions.md has an example of each.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from fieldtui.core.i18n import N_
from fieldtui.core.plan.expr.context import ContextLike
from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.tree import Call, Ref, Str
from fieldtui.core.plan.expr.values import NAN, Value, to_bool, to_number, to_string
from fieldtui.core.plan.findings import en_zh, zh_or

Compiled = Callable[[ContextLike], Value]
Builder = Callable[[Call, list[Compiled]], Compiled]


@dataclass(frozen=True)
class Spec:
    """A function: at least `least` and at most `most` arguments (None: any number).

    `kinds` says what each argument should be (the last repeats): "any", "num", "text",
    "multi" (a multi answer), "ref" (a ${reference}), "parent" (`..`), "regex".
    """

    least: int
    most: int | None
    kinds: tuple[str, ...]
    build: Builder
    returns: str = "any"


def index_of(value: Value) -> int:
    """A number as an index or count: truncated, NaN as 0, clamped to a sane range."""
    x = to_number(value)
    if math.isnan(x):
        return 0
    return int(max(-1e9, min(1e9, x)))


def _not(n: Call, a: list[Compiled]) -> Compiled:
    f = a[0]
    return lambda c: not to_bool(f(c))


def _if(n: Call, a: list[Compiled]) -> Compiled:
    test, yes, no = a
    return lambda c: yes(c) if to_bool(test(c)) else no(c)


def _selected(n: Call, a: list[Compiled]) -> Compiled:
    multi, option = a
    return lambda c: to_string(option(c)).strip() in to_string(multi(c)).split()


def _count_selected(n: Call, a: list[Compiled]) -> Compiled:
    multi = a[0]
    return lambda c: float(len(to_string(multi(c)).split()))


def _selected_at(n: Call, a: list[Compiled]) -> Compiled:
    multi, at = a

    def run(c: ContextLike) -> Value:
        parts, i = to_string(multi(c)).split(), index_of(at(c))
        return parts[i] if 0 <= i < len(parts) else ""
    return run


def _coalesce(n: Call, a: list[Compiled]) -> Compiled:
    first, second = a

    def run(c: ContextLike) -> Value:
        value = first(c)
        return value if to_string(value) != "" else second(c)
    return run


def _concat(n: Call, a: list[Compiled]) -> Compiled:
    return lambda c: "".join(to_string(f(c)) for f in a)


def _string_length(n: Call, a: list[Compiled]) -> Compiled:
    if not a:
        return lambda c: float(len(to_string(c.here_value())))
    f = a[0]
    return lambda c: float(len(to_string(f(c))))


def _substr(n: Call, a: list[Compiled]) -> Compiled:
    text, start = a[0], a[1]
    end = a[2] if len(a) > 2 else None

    def run(c: ContextLike) -> Value:
        s = to_string(text(c))
        return s[index_of(start(c)):index_of(end(c)) if end else None]
    return run


def compile_regex(pattern: str, pos: int) -> re.Pattern[str]:
    """A compiled pattern, or ExprError (rule expr-regex) pointing at it."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise ExprError(en_zh("the regular expression '{pattern}' is invalid ({detail})",
                              pattern=pattern, detail=_regex_detail(exc)),
                        en_zh("correct the pattern where the reason says"), column=pos + 1,
                        rule="expr-regex") from None


def _regex_detail(exc: Exception) -> tuple[str, str]:
    """Python's reason (English), and in Chinese where the pattern fails, when the zh catalog
    has the words (else Python's reason there too)."""
    where = getattr(exc, "pos", None)
    template = N_("at character {at}") if isinstance(where, int) else N_("too complex")
    return str(exc), zh_or(template, str(exc), at=(where or 0) + 1)


def _regex(n: Call, a: list[Compiled]) -> Compiled:
    text, pattern = a
    node = n.args[1]
    if isinstance(node, Str):
        fixed = compile_regex(node.value, node.pos)
        return lambda c: fixed.search(to_string(text(c))) is not None
    return lambda c: compile_regex(to_string(pattern(c)), node.pos).search(
        to_string(text(c))) is not None


def _int(n: Call, a: list[Compiled]) -> Compiled:
    f = a[0]

    def run(c: ContextLike) -> Value:
        x = to_number(f(c))
        return x if math.isnan(x) or math.isinf(x) else float(math.trunc(x))
    return run


def _number(n: Call, a: list[Compiled]) -> Compiled:
    f = a[0]
    return lambda c: to_number(f(c))


def round_half_up(x: float, digits: int) -> float:
    """ODK's round: to `digits` places, halves away from zero, on the decimal written form."""
    if math.isnan(x) or math.isinf(x):
        return x
    try:
        return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP))
    except InvalidOperation:
        return x


def _round(n: Call, a: list[Compiled]) -> Compiled:
    f = a[0]
    places = a[1] if len(a) > 1 else None
    return lambda c: round_half_up(to_number(f(c)), index_of(places(c)) if places else 0)


def _today(n: Call, a: list[Compiled]) -> Compiled:
    return lambda c: c.today()


def _ref_name(n: Call, i: int) -> str:
    node = n.args[i]
    if not isinstance(node, Ref):
        raise ExprError(en_zh("argument {number} of {name}() must be a ${{reference}}",
                              number=str(i + 1), name=n.name),
                        en_zh("name an item or roster as ${{id}}"), column=node.pos + 1,
                        rule="expr-type")
    return node.name


def _count(n: Call, a: list[Compiled]) -> Compiled:
    name = _ref_name(n, 0)

    def run(c: ContextLike) -> Value:
        members = c.members(name)
        if members is not None:
            return float(members)
        values = c.roster_values(name)
        return float(len(values)) if values is not None else 1.0
    return run


def _numbers(n: Call, a: list[Compiled], c: ContextLike) -> list[float]:
    out: list[float] = []
    for node, f in zip(n.args, a, strict=True):
        values = c.roster_values(node.name) if isinstance(node, Ref) else None
        if values is None:
            out.append(to_number(f(c)))
        else:
            out.extend(to_number(v) for v in values)
    return out


def _sum(n: Call, a: list[Compiled]) -> Compiled:
    _ref_name(n, 0)
    return lambda c: sum(_numbers(n, a, c), 0.0)


def _extreme(pick: Callable[[list[float]], float]) -> Builder:
    def build(n: Call, a: list[Compiled]) -> Compiled:
        def run(c: ContextLike) -> Value:
            xs = _numbers(n, a, c)
            return NAN if not xs or any(math.isnan(x) for x in xs) else pick(xs)
        return run
    return build


def _position(n: Call, a: list[Compiled]) -> Compiled:
    return lambda c: float(c.position())


def _indexed_repeat(n: Call, a: list[Compiled]) -> Compiled:
    name, roster, at = _ref_name(n, 0), _ref_name(n, 1), a[2]
    return lambda c: c.member_value(name, roster, index_of(at(c)))


def _once(n: Call, a: list[Compiled]) -> Compiled:
    f = a[0]

    def run(c: ContextLike) -> Value:
        mine = c.here_value()
        return mine if to_string(mine) != "" else f(c)
    return run


def _random(n: Call, a: list[Compiled]) -> Compiled:
    return lambda c: c.random()


def _const(value: bool) -> Builder:
    return lambda n, a: lambda c: value


FUNCTIONS: dict[str, Spec] = {
    "not": Spec(1, 1, ("any",), _not, "bool"),
    "if": Spec(3, 3, ("any",), _if),
    "selected": Spec(2, 2, ("multi", "text"), _selected, "bool"),
    "count-selected": Spec(1, 1, ("multi",), _count_selected, "num"),
    "selected-at": Spec(2, 2, ("multi", "num"), _selected_at, "text"),
    "coalesce": Spec(2, 2, ("any",), _coalesce),
    "concat": Spec(0, None, ("any",), _concat, "text"),
    "string-length": Spec(0, 1, ("text",), _string_length, "num"),
    "substr": Spec(2, 3, ("text", "num"), _substr, "text"),
    "regex": Spec(2, 2, ("text", "regex"), _regex, "bool"),
    "int": Spec(1, 1, ("num",), _int, "num"),
    "number": Spec(1, 1, ("any",), _number, "num"),
    "round": Spec(1, 2, ("num",), _round, "num"),
    "today": Spec(0, 0, (), _today, "date"),
    "count": Spec(1, 1, ("ref",), _count, "num"),
    "sum": Spec(1, 1, ("ref",), _sum, "num"),
    "min": Spec(1, None, ("num",), _extreme(min), "num"),
    "max": Spec(1, None, ("num",), _extreme(max), "num"),
    "position": Spec(1, 1, ("parent",), _position, "num"),
    "indexed-repeat": Spec(3, 3, ("ref", "ref", "num"), _indexed_repeat),
    "once": Spec(1, 1, ("any",), _once),
    "random": Spec(0, 0, (), _random, "num"),
    "true": Spec(0, 0, (), _const(True), "bool"),
    "false": Spec(0, 0, (), _const(False), "bool"),
}


def arg_kind(spec: Spec, i: int) -> str:
    """What argument `i` of a function should be."""
    if not spec.kinds:
        return "any"
    return spec.kinds[min(i, len(spec.kinds) - 1)]


def arity_text(spec: Spec) -> tuple[str, str]:
    """'2 arguments', '1 to 2 arguments', 'at least 1 argument', in English and Chinese."""
    least, most = str(spec.least), str(spec.most)
    if spec.most is None:
        return (en_zh("at least {least} argument", least=least) if spec.least == 1 else
                en_zh("at least {least} arguments", least=least))
    if spec.least == spec.most:
        return (en_zh("{least} argument", least=least) if spec.least == 1 else
                en_zh("{least} arguments", least=least))
    return en_zh("{least} to {most} arguments", least=least, most=most)

