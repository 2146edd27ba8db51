"""Random expressions, built from the grammar's pieces and from junk, put into every logic field
of a plan: the plan check answers with findings (each one line, with a column inside the
expression), the parser and evaluator with a value or their own ExprError, never anything else.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.expr import Context, ExprError, evaluate, parse
from fieldtui.core.plan.expr.functions import FUNCTIONS
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.logic_check import item_infos
from fieldtui.core.plan.logic_fold import fold, value_kind

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PLAN = """[plan]
id = "fuzz"
version = 1
title = "Fuzz"
method = "interview"
language = "en"
minutes = 10

[[section]]
id = "main"
title = "Main"
minutes = 5
relevant = {s_relevant}

[[section.item]]
id = "age"
kind = "number"
prompt = "How old are you, in years?"
relevant = {relevant}
constraint = {constraint}
required = {required}

[[section.item]]
id = "smoke"
kind = "choice"
prompt = "Do you smoke tobacco, {pipe}?"
options = [{{ value = "yes", label = "Yes", group = "a" }}, {{ value = "no", label = "No", group = "b" }}]
choice_filter = {choice_filter}

[[section.item]]
id = "total"
kind = "calculate"
calculation = {calculation}

[[section]]
id = "members"
title = "Members"
minutes = 5
repeat = true
repeat_count = {repeat_count}
member_label = {pipe_json}

[[section.item]]
id = "member_name"
kind = "open"
prompt = "What is this person's first name?"
constraint = {member_constraint}
"""

ATOMS = st.sampled_from([
    "0", "1", "2.5", "-3", "'yes'", "'no'", "'maybe'", "''", "'2026-01-01'", "${age}",
    "${smoke}", "${total}", "${member_name}", "${members}", "${nobody}", "${option.group}",
    "${option.value}", "${option.zone}", ".", "..", "true()", "false()", "today()", "random()",
    "count(${members})", "sum(${member_name})", "position(..)", "once(1)",
])
OPS = ["+", "-", "*", "div", "mod", "=", "!=", "<", "<=", ">", ">=", "and", "or"]


def _calls(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    call = st.tuples(st.sampled_from([*FUNCTIONS, "lenght", "Count"]),
                     st.lists(children, max_size=4)).map(
        lambda c: f"{c[0]}({', '.join(c[1])})")
    return st.one_of(st.tuples(children, st.sampled_from(OPS), children).map(" ".join),
                     children.map(lambda c: f"({c})"), children.map(lambda c: f"-{c}"),
                     children.map(lambda c: f"not({c})"), call)


GRAMMAR = st.recursive(ATOMS, _calls, max_leaves=12)
JUNK = st.lists(st.sampled_from([*"${}()'\".,-+*=!<>ab 019_[", "div", "and", "${age}", "日",
                                 "\x1b", "regex(", "'[a-'", "selected("]), max_size=20).map("".join)
EXPRESSIONS = st.one_of(GRAMMAR, JUNK, st.text(max_size=30))
FIELDS = ("s_relevant", "relevant", "constraint", "required", "choice_filter", "calculation",
          "repeat_count", "member_constraint")


@FUZZ
@given(st.fixed_dictionaries({name: EXPRESSIONS for name in FIELDS}), EXPRESSIONS)
def test_random_logic_gives_findings_never_a_crash(fields: dict[str, str], pipe: str) -> None:
    toml = {name: json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
            for name, text in fields.items()}
    text = PLAN.format(**toml, pipe=pipe.replace("\\", "").replace('"', "")[:20],
                       pipe_json=json.dumps(pipe))
    for finding in check_text(text, "fuzz.toml"):
        assert "\n" not in finding.format()
        if finding.column:
            assert finding.line > 0 and 1 <= finding.column <= len(finding.source) + 1
            caret = finding.caret()
            assert caret == "" or caret.count("\n") == 1


@FUZZ
@given(EXPRESSIONS)
def test_parse_fold_kind_and_evaluate_answer_or_raise_expr_error(text: str) -> None:
    plan = parse_plan(PLAN.format(**{n: '"1"' for n in FIELDS}, pipe="x", pipe_json='"x"')).plan
    assert plan is not None
    items = item_infos(plan)
    context = Context(answers={"age": 30, "smoke": "yes", "total": 2},
                      rosters={"members": [{"member_name": "Ana"}]},
                      roster_of={"member_name": "members"}, clock=lambda: date(2026, 12, 1))
    try:
        tree = parse(text)
    except ExprError:
        return
    fold(tree, items)
    assert value_kind(tree, items) in ("num", "bool", "text", "date", "any")
    with contextlib.suppress(ExprError):
        evaluate(text, context.at("age"))
