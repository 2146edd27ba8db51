"""Why an item is not asked, in words: the failing condition, rendered readably.

`${owns_home} = 'yes'` that is false reads "${owns_home} is not 'yes'"; in an `and` the
first false part is named, an `or` names every part; other conditions are quoted as
written ("`string-length(${name}) > 3` is false").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldtui.core.logic.rules import SECTION
from fieldtui.core.logic.scope import Scope
from fieldtui.core.logic.state import FAULTS
from fieldtui.core.plan.expr.evaluate import build
from fieldtui.core.plan.expr.tree import BinOp, Call, Current, Expr, Ref
from fieldtui.core.plan.expr.values import to_bool, to_string
from fieldtui.core.plan.expr.words import HOLDS, OPPOSITE
from fieldtui.core.plan.expr.written import rendered

if TYPE_CHECKING:
    from fieldtui.core.logic.questionnaire import Questionnaire
    from fieldtui.core.logic.state import State

NEGATED = {op: HOLDS[OPPOSITE[op]] for op in HOLDS}


def _holds(node: Expr, ctx: Scope) -> bool:
    try:
        return to_bool(build(node)(ctx))
    except FAULTS:
        return False


def _unanswered(node: BinOp, ctx: Scope) -> str:
    for side in (node.left, node.right):
        if isinstance(side, Ref | Current):
            try:
                if to_string(build(side)(ctx)) == "":
                    return " (not answered)"
            except FAULTS:
                return ""
    return ""


def why_false(node: Expr, ctx: Scope) -> str:
    """Words for why `node` is false in `ctx`."""
    if isinstance(node, BinOp) and node.op == "and":
        side = node.left if not _holds(node.left, ctx) else node.right
        return why_false(side, ctx)
    if isinstance(node, BinOp) and node.op == "or":
        return f"{why_false(node.left, ctx)} and {why_false(node.right, ctx)}"
    if isinstance(node, BinOp) and node.op in NEGATED:
        return (f"{rendered(node.left, 4)} {NEGATED[node.op]} {rendered(node.right, 4)}"
                f"{_unanswered(node, ctx)}")
    if isinstance(node, Call) and node.name == "selected" and len(node.args) == 2:
        return f"{rendered(node.args[1])} is not selected in {rendered(node.args[0])}"
    if isinstance(node, Call) and node.name == "not" and len(node.args) == 1:
        return why_true(node.args[0])
    return f"`{rendered(node)}` is false"


def why_true(node: Expr) -> str:
    """Words for `node` being true (under a not())."""
    if isinstance(node, BinOp) and node.op in HOLDS:
        return f"{rendered(node.left, 4)} {HOLDS[node.op]} {rendered(node.right, 4)}"
    if isinstance(node, Call) and node.name == "selected" and len(node.args) == 2:
        return f"{rendered(node.args[1])} is selected in {rendered(node.args[0])}"
    return f"`{rendered(node)}` is true"


def not_asked(q: Questionnaire, state: State, item_id: str, member: str) -> str:
    """'not asked: ...' naming the outermost condition that does not hold."""
    rule = q.items[item_id]
    section = rule.section
    if section in q.rosters and member not in state.section_paths(section):
        return "not asked: this member is no longer in the list"
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
            return f"not asked (section {title}): {why_false(q.trees[key], ctx)}"
    key = (item_id, "relevant")
    if not state.own.get((item_id, member), True) and key in q.trees:
        ctx = Scope(state, item_id, member, q.roster_of.get(item_id))
        return f"not asked: {why_false(q.trees[key], ctx)}"
    return "not asked"
