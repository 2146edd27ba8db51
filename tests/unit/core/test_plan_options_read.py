"""Options read by the loader: plain `{ value, label }` tables (the form an import writes) are
read in one pass, with the same values, labels and findings as every other form."""

from __future__ import annotations

from typing import Any

import pytest

from fieldtui.core.plan.options import Options, read_options
from fieldtui.core.plan.schema import Checker
from fieldtui.core.plan.toml_lines import LineIndex


def read(raw: list[Any], kind: str = "choice") -> tuple[Options, list[str]]:
    checker = Checker("p.toml", LineIndex(""))
    options = read_options(raw, ("section", 0, "item", 0), "q", checker, kind)
    return options, [f"{f.rule}: {f.message}" for f in checker.findings]


def test_plain_tables_give_values_and_labels_a_label_defaulting_to_the_value() -> None:
    options, found = read([{"value": "yes", "label": "Yes"}, {"value": "no"}])
    made = Options(("yes", "no"), ("Yes", "no"))
    assert (options, hash(options), list(vars(options).items())) == (
        made, hash(made), list(vars(made).items()))
    assert found == []


@pytest.mark.parametrize(("raw", "kind", "expected", "rule"), [
    ([{"value": " ", "label": "Blank"}, {"value": "no", "label": "No"}], "choice",
     Options(("no",), ("No",)), "bad-value"),
    ([{"value": "a b", "label": "A B"}, {"value": "c", "label": "C"}], "multi",
     Options(("c",), ("C",)), "bad-value"),
    ([{"value": "a", "label": "A", "exclusive": True}, {"value": "b", "label": "B"}], "multi",
     Options(("a", "b"), ("A", "B"), ("a",)), None),
    ([{"value": "n", "label": "North", "region": "n"}, {"value": "s", "label": "South"}],
     "choice", Options(("n", "s"), ("North", "South"), (), ({"region": "n"}, {})), None),
    (["Yes", {"value": "no", "label": "No"}], "choice", Options(("Yes", "no"), ("Yes", "No")),
     None),
    ([{"value": 3, "label": "Three"}, {"value": "b", "label": "B"}], "choice",
     Options(("b",), ("B",)), "wrong-type"),
])
def test_other_lists_are_read_option_by_option(raw: list[Any], kind: str, expected: Options,
                                               rule: str | None) -> None:
    options, found = read(raw, kind)
    assert options == expected
    assert [f.split(":")[0] for f in found] == ([rule] if rule else [])


def test_a_space_in_a_choice_value_is_kept() -> None:
    options, found = read([{"value": "a b", "label": "A B"}, {"value": "c", "label": "C"}])
    assert options.values == ("a b", "c")
    assert found == []


def test_one_list_on_many_items_is_read_once_per_kind_and_a_new_list_afresh() -> None:
    """An import puts one answer list on every item that uses it: it is read once per check
    (and kind: a multi reads values apart), the same as each copy would be; another list
    object, even one made where a freed list was, is read itself."""
    checker = Checker("p.toml", LineIndex(""))
    shared = [{"value": "a b", "label": "A"}, {"value": "c", "label": "C"}]
    first = read_options(shared, ("section", 0, "item", 0), "q", checker, "choice")
    again = read_options(shared, ("section", 0, "item", 1), "r", checker, "choice")
    assert again is first and first == read(list(shared))[0]
    multi = read_options(shared, ("section", 0, "item", 2), "s", checker, "multi")
    assert multi == read(list(shared), "multi")[0] and multi.values == ("c",)
    assert [f.rule for f in checker.findings] == ["bad-value"]  # the multi's, said once
    for n in range(50):  # fresh lists, each freed after its read: ids are used again
        raw = [{"value": f"v{n}", "label": "V"}, {"value": "w", "label": "W"}]
        assert read_options(raw, ("section", 1, "item", n), "t", checker, "choice").values == (
            f"v{n}", "w")
