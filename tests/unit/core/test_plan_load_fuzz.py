"""Random plan-like documents: the loader returns a Plan or findings, and nothing else escapes.

Documents are built from the schema's own keys (plus stray ones) with values of random types,
then written as TOML with real headers, so the line index is exercised too.
"""

from __future__ import annotations

import copy
import json
import math
import tomllib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.findings import Finding
from fieldtui.core.plan.load import LoadResult, parse_plan
from fieldtui.core.plan.logic_check import logic_findings
from fieldtui.core.plan.model import Plan
from fieldtui.core.plan.outline import notice, outline
from fieldtui.core.plan.schema import TABLES
from tests.support.paths import FIXTURES

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

words = st.sampled_from(["", " ", "open", "choice", "scale", "poll", "group", "interview", "zh",
                         "en", "rq1", "a", "Other", "Don't know", "1-2", "3 or more", "经常",
                         "How often do you visit?", "您满意吗?"])
# control characters too: a quoted key or value may hold a newline the message must not break on
text = st.one_of(words, st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
scalar = st.one_of(text, st.integers(-5, 40), st.floats(allow_nan=True), st.booleans())
value = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=3)), max_leaves=8)
STRAY = st.one_of(st.sampled_from(["extra", "Kind", "items", "sections"]), text)


def table(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A table whose keys come mostly from the schema for `kind`, with random-typed values."""
    keys = sorted(TABLES[kind])

    def for_key(key: str) -> st.SearchStrategy[Any]:
        nested = {"scale": "scale", "size": "size"}.get(key)
        if key == "item":
            return st.one_of(st.lists(table("item"), max_size=3), value)
        if nested:
            return st.one_of(table(nested), value)
        return st.one_of(value, value, scalar)

    return st.lists(st.one_of(st.sampled_from(keys), STRAY), max_size=len(keys) + 1,
                    unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({k: for_key(k) for k in chosen}))


document = st.fixed_dictionaries({}, optional={
    "plan": st.one_of(table("plan"), value), "prepare": table("prepare"),
    "consent": table("consent"), "tone": table("tone"), "group": table("group"),
    "poll": table("poll"), "section": st.one_of(st.lists(table("section"), max_size=3), value),
    "stray": value,
})


def _s(v: Any) -> str:
    # not ensure_ascii: TOML refuses the surrogate pairs JSON would write for astral characters
    return json.dumps(v, ensure_ascii=False)


BASE: dict[str, Any] = tomllib.loads((FIXTURES / "minimal_interview.toml").read_text("utf-8"))
BASE["group"] = {"size": {"min": 4, "max": 8}, "coverage": {"age": ["18-39", "40+"]},
                 "informed": 1, "notice": "Views on the library."}
BASE["poll"] = {"anonymous": True, "min_cell": 5}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(
        node, list) else ()
    for key, child in children:
        found += _paths(child, (*prefix, key))
    return found


PATHS = _paths(BASE)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """The valid base plan with a few values replaced or removed, and a method drawn."""
    doc = copy.deepcopy(BASE)
    method = draw(st.sampled_from(["interview", "group", "poll"]))
    doc["plan"]["method"] = method
    for other in {"group", "poll"} - {method}:
        del doc[other]
    if method == "poll":
        doc["section"][0]["item"][0]["kind"] = "number"
    for path in draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=3)):
        parent: Any = doc
        for step in path[:-1]:
            if not isinstance(parent, dict | list) or (
                    isinstance(parent, list) and not isinstance(step, int)):
                break
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            last = path[-1]
            if isinstance(parent, dict) and draw(st.booleans()) and len(parent) > 1:
                parent.pop(last, None)
            elif isinstance(parent, dict) or (isinstance(parent, list) and isinstance(
                    last, int) and last < len(parent)):
                parent[last] = draw(value)
    return doc


def inline(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        return ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, int | str):
        return _s(v)
    if isinstance(v, list):
        return "[" + ", ".join(inline(x) for x in v) + "]"
    return "{" + ", ".join(f"{_s(k)} = {inline(x)}" for k, x in v.items()) + "}"


def to_toml(doc: dict[str, Any]) -> str:
    """Scalars first, then [tables], then [[section]] with their [[section.item]]s."""
    out = [f"{_s(k)} = {inline(v)}" for k, v in doc.items()
           if not isinstance(v, dict) and not (k == "section" and _tables(v))]
    for key, v in doc.items():
        if isinstance(v, dict):
            out.append(f"[{_s(key)}]")
            out += [f"{_s(k)} = {inline(x)}" for k, x in v.items()]
    if _tables(doc.get("section")):
        for section in doc["section"]:
            out.append("[[section]]")
            items = section.get("item")
            out += [f"{_s(k)} = {inline(x)}" for k, x in section.items()
                    if not (k == "item" and _tables(items))]
            for item in items if _tables(items) else []:
                out.append("[[section.item]]")
                out += [f"{_s(k)} = {inline(x)}" for k, x in item.items()]
    return "\n".join(out) + "\n"


def _tables(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def assert_documented(result: LoadResult, findings: list[Finding]) -> None:
    assert isinstance(result, LoadResult)
    for finding in findings:
        assert finding.level in ("error", "warning")
        assert finding.rule and finding.message and finding.line >= 0
        assert "\n" not in finding.format()
    if result.plan is None:
        assert any(f.level == "error" for f in result.findings)
    else:
        assert isinstance(result.plan, Plan)
        # A plan sound in structure may still have errors in its logic (load_plan refuses
        # it then); no other error may come with a plan.
        assert result.index is not None
        logic = logic_findings(result.plan, result.index, "fuzz.toml")
        assert all(f in logic for f in result.findings if f.level == "error")
        outline(result.plan)
        if result.plan.method == "group":
            notice(result.plan, when="now")


@SETTINGS
@given(document)
def test_random_plan_documents_give_a_plan_or_findings(doc: dict[str, Any]) -> None:
    source = to_toml(doc)
    assert_documented(parse_plan(source, "fuzz.toml"), check_text(source, "fuzz.toml"))


@SETTINGS
@given(mutated())
def test_mutated_plans_give_a_plan_or_findings(doc: dict[str, Any]) -> None:
    source = to_toml(doc)
    assert_documented(parse_plan(source, "fuzz.toml"), check_text(source, "fuzz.toml"))


@SETTINGS
@given(st.text(max_size=300))
def test_random_text_gives_a_plan_or_findings(source: str) -> None:
    assert_documented(parse_plan(source, "fuzz.toml"), check_text(source, "fuzz.toml"))
