"""Why an item is not asked, in plain words: the condition and the answers that fail it.

`relevant = "${household_size} > 1"` with 1 answered reads "not asked: asked only when
Household size > 1; the answer was 1": items are named by their short label
(`display.short_label`), option values by their labels. When the condition names more than
one item, the answers that make it false are named ("Age was 3"): in an `and` those of the
first false part, in an `or` every part's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from fieldtui.core.i18n import _
from fieldtui.core.logic.display import short_label
from fieldtui.core.logic.rules import SECTION
from fieldtui.core.logic.scope import Scope
from fieldtui.core.logic.state import FAULTS
from fieldtui.core.plan.expr.evaluate import build
from fieldtui.core.plan.expr.tree import BinOp, Call, Expr, Neg, Ref
from fieldtui.core.plan.expr.values import to_bool, to_string
from fieldtui.core.plan.expr.written import quoted, rendered

if TYPE_CHECKING:
    from fieldtui.core.logic.questionnaire import Questionnaire
    from fieldtui.core.logic.state import State

def _holds(node: Expr, ctx: Scope) -> bool:
    try:
        return to_bool(build(node)(ctx))
    except FAULTS:
        return False


def _refs(node: Expr) -> Iterator[str]:
    """The items a condition reads, in order."""
    if isinstance(node, Ref):
        yield node.name
    elif isinstance(node, BinOp):
        yield from _refs(node.left)
        yield from _refs(node.right)
    elif isinstance(node, Call):
        for arg in node.args:
            yield from _refs(arg)
    elif isinstance(node, Neg):
        yield from _refs(node.operand)


def _failing(node: Expr, ctx: Scope) -> Iterator[str]:
    """The items whose answers make `node` false: in an `and` its first false part's."""
    if isinstance(node, BinOp) and node.op == "and":
        yield from _failing(node.left if not _holds(node.left, ctx) else node.right, ctx)
    elif isinstance(node, BinOp) and node.op == "or":
        yield from _failing(node.left, ctx)
        yield from _failing(node.right, ctx)
    else:
        yield from _refs(node)


class _Reader:
    """Names and answers as a person reads them, for one questionnaire."""

    def __init__(self, q: Questionnaire) -> None:
        self.q = q

    def option(self, side: Expr, value: str) -> str:
        """An option value compared with a choice item: its label, quoted."""
        rule = self.q.items.get(side.name) if isinstance(side, Ref) else None
        return quoted(rule.label_of(value) if rule is not None else value)

    def answer(self, name: str, ctx: Scope) -> str | None:
        """The answer as shown ('' when not answered); None for a roster or a fault."""
        rule = self.q.items.get(name)
        if rule is None:
            return None
        try:
            value = to_string(build(Ref(name, 0))(ctx))
        except FAULTS:
            return None
        if rule.kind == "multi":
            return ", ".join(rule.label_of(part) for part in value.split())
        return rule.label_of(value.strip()) if rule.kind in ("choice", "scale") else value

    def facts(self, node: Expr, ctx: Scope) -> str:
        """"the answer was 1" (one item read), or "Age was 3, Sex is not answered"."""
        names = list(dict.fromkeys(n for n in _failing(node, ctx) if n in self.q.items))
        single = len(set(_refs(node))) == 1
        said: list[str] = []
        for name in names:
            shown = self.answer(name, ctx)
            if shown is None:
                continue
            label = short_label(name).capitalize()
            if shown == "":
                said.append(_("{label} is not answered yet").format(label=label))
            else:
                said.append(_("the answer was {shown}").format(shown=shown) if single else
                            _("{label} was {shown}").format(label=label, shown=shown))
        return _(", ").join(said)

    def because(self, node: Expr, ctx: Scope) -> str:
        """"asked only when <condition>; <the answers that fail it>"."""
        condition = rendered(node, 0, lambda n: short_label(n).capitalize(), self.option)
        facts = self.facts(node, ctx)
        return _("asked only when {condition}").format(condition=condition) + (
            _("; {facts}").format(facts=facts) if facts else "")


def not_asked(q: Questionnaire, state: State, item_id: str, member: str) -> str:
    """'not asked: asked only when ...; the answer was ...' for the outermost condition
    that does not hold."""
    reader = _Reader(q)
    rule = q.items[item_id]
    section = rule.section
    if section in q.rosters and member not in state.section_paths(section):
        return _("not asked: this member is no longer in the list")
    chain: list[tuple[str, str]] = []
    outer = q.within.get(section)
    if outer is not None:
        chain.append((outer, member.split("/", 1)[0]))
    chain.append((section, member if section in q.rosters else ""))
    for sid, path in chain:
        key = (SECTION + sid, "relevant")
        if not state.sec_own.get((sid, path), True) and key in q.trees:
            ctx = Scope(state, None, path, q.roster_of_node(SECTION + sid))
            title = q.sections[sid].title or sid
            return _("not asked (section {title}): {why}").format(
                title=title, why=reader.because(q.trees[key], ctx))
    key = (item_id, "relevant")
    if not state.own.get((item_id, member), True) and key in q.trees:
        ctx = Scope(state, item_id, member, q.roster_of.get(item_id))
        return _("not asked: {why}").format(why=reader.because(q.trees[key], ctx))
    return _("not asked")
