"""The plan check of logic reads the expressions of one shape once (`${q4} = 'yes'` on many
items): its findings are those of reading each text, whatever the items they name are."""

from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.expr.evaluate import compiled
from fieldtui.core.plan.expr.parse import parse, shaped

# item id → its table's lines; a roster's items are in their own section
ITEMS = {
    "yn": 'kind = "choice"\noptions = ["yes", "no"]',
    "yn2": 'kind = "choice"\noptions = ["yes", "no"]',
    "abc": 'kind = "choice"\noptions = ["a", "b", "c"]',
    "many": 'kind = "multi"\noptions = ["a", "b"]',
    "age": 'kind = "number"',
    "note": 'kind = "display"',
    "name": 'kind = "open"',
}
MEMBERS = {"m_age": 'kind = "number"', "m_yn": 'kind = "choice"\noptions = ["yes", "no"]'}
NAMES = st.sampled_from([*ITEMS, *MEMBERS, "people", "nosuch", "yn2"])
TEMPLATES = st.sampled_from([
    "${{{a}}} = 'yes'", "${{{a}}} = 'a'", "${{{a}}} != 'no'", "${{{a}}} = 'yes' and ${{{b}}} = 'no'",
    "${{{a}}} = 'a' and ${{{b}}} = 'b'", "${{{a}}} > 3 and ${{{b}}} < 2", "${{{a}}} >= 18",
    "selected(${{{a}}}, 'a')", "count(${{{a}}}) > 1", "sum(${{{a}}}) > 2",
    "indexed-repeat(${{{a}}}, ${{{b}}}, 1) > 2", "${{{a}}} = 'yes' or ${{{b}}} = 'yes'",
    "string-length(${{{a}}}) > 2 and ${{{a}}} = 'x'", "${{{a}}} + 'x' > 1",
])
RELEVANTS = st.lists(st.tuples(TEMPLATES, NAMES, NAMES).map(
    lambda t: t[0].format(a=t[1], b=t[2])), min_size=len(ITEMS) + len(MEMBERS),
    max_size=len(ITEMS) + len(MEMBERS))


def _plan(relevants: list[str]) -> str:
    texts = iter(relevants)
    lines = ['[plan]\nid = "p"\nversion = 1\ntitle = "P"\nmethod = "interview"\n'
             'language = "en"\nminutes = 10\n']
    for section, items, roster in (("main", ITEMS, False), ("people", MEMBERS, True)):
        lines.append(f'[[section]]\nid = "{section}"\ntitle = "S"\nminutes = 2\n'
                     + ('repeat = true\nrepeat_count = "2"\n' if roster else ""))
        for item, table in items.items():
            relevant = next(texts).replace('"', '\\"')
            lines.append(f'[[section.item]]\nid = "{item}"\n{table}\nprompt = "Q?"\n'
                         f'relevant = "{relevant}"\n'
                         + ("required = true\n" if item in ("yn", "age", "m_yn") else ""))
    return "\n".join(lines)


def _findings(text: str, *, by_shape: bool) -> list[object]:
    for cached in (parse, shaped, compiled):
        cached.cache_clear()
    if by_shape:
        return list(check_text(text))
    with mock.patch("fieldtui.core.plan.logic_check._Check._shaped", lambda self, t: None):
        return list(check_text(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RELEVANTS)
def test_expressions_read_by_their_shape_have_each_text_s_findings(relevants: list[str]) -> None:
    text = _plan(relevants)
    assert _findings(text, by_shape=True) == _findings(text, by_shape=False), text


def test_one_shape_on_items_alike_is_read_once() -> None:
    text = _plan(["${yn} = 'yes'", "${yn2} = 'yes'", "${yn} = 'maybe'", "${yn2} = 'maybe'",
                  "${age} > 3", "${note} = 'x'", "${nosuch} = 'a'", "${m_yn} = 'yes'",
                  "${yn} = 'yes'"])
    findings = _findings(text, by_shape=True)
    assert findings == _findings(text, by_shape=False)
    rules = sorted(f.rule for f in findings if f.rule.startswith(("never", "required", "expr")))
    # 'maybe' is no option of either item (two findings, one per item, each its own line);
    # display and unknown items are said where they stand
    assert rules.count("expr-option") == 2 and "expr-reference" in rules
    with mock.patch("fieldtui.core.plan.logic_check.engine_check",
                    wraps=__import__("fieldtui.core.plan.logic_check",
                                     fromlist=["engine_check"]).engine_check) as engine:
        _findings(text, by_shape=True)
    read = [call.args[0] for call in engine.call_args_list]
    assert "${yn} = 'yes'" in read and "${yn2} = 'yes'" not in read  # one read for both
