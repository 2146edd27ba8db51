"""`Origins`: the fields of an imported plan numbered as one path each would be (the plan
check's "lines" for an import), each number turned back into its sheet, row and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.plan.toml_lines import LineIndex
from fieldtui.interop.xlsform.importer import import_workbook
from fieldtui.interop.xlsform.origins import Origins
from tests.support.xlsform_books import q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

Origin = tuple[str, int, str]
Step = tuple[str, tuple[Any, ...]]


def _both(steps: list[Step]) -> tuple[Origins, dict[Any, Origin]]:
    """The same placements in `Origins` and in one dict of every path (the reference)."""
    origins = Origins()
    every: dict[Any, Origin] = {}
    for how, what in steps:
        if how == "field":
            path, origin = what
            origins.place(path, origin)
            every[path] = origin
        else:
            path, row, columns = what
            origins.place_item(path, row, columns)
            every[path] = ("survey", row, "name")
            for key, column in columns.items():
                every[(*path, key)] = ("survey", row, column)
    return origins, every


def test_fields_are_numbered_and_placed_as_one_path_each_would_be() -> None:
    steps: list[Step] = [
        ("field", (("section", 0), ("survey", 2, "name"))),
        ("field", (("section", 0, "title"), ("survey", 2, "label"))),
        ("field", (("section", 0, "relevant"), ("survey", 2, "relevant"))),
        ("item", (("section", 0, "item", 0), 3, {"id": "name", "kind": "type",
                                                 "prompt": "label::English (en)"})),
        ("item", (("section", 0, "item", 1), 4, {"id": "name", "kind": "type",
                                                 "relevant": "relevant"})),
        # a group dropped for having no questions: the next section takes its place and
        # keeps the numbers of its paths, the one not placed again keeps its origin
        ("field", (("section", 1), ("survey", 5, "name"))),
        ("field", (("section", 1, "title"), ("survey", 5, "label"))),
        ("field", (("section", 1, "relevant"), ("survey", 5, "relevant"))),
        ("field", (("section", 1), ("survey", 7, "name"))),
        ("field", (("section", 1, "title"), ("survey", 7, "label"))),
        ("item", (("section", 1, "item", 0), 8, {"id": "name", "kind": "type"})),
    ]
    origins, every = _both(steps)
    reference = LineIndex.numbered(every)
    paths = list(every)
    assert origins.count == len(paths)
    probes = [*paths, ("section", 0, "item", 0, "options"), ("section", 0, "item", 1, "options", 2),
              ("section", 0, "item", 2), ("section", 1, "minutes"), ("section", 2, "item", 0),
              ("plan", "id"), (), ("section",), ("section", 0, "item"),
              ("section", 0, "item", 0, "prompt", "en")]
    for path in probes:
        assert origins.line_of(path) == reference.line_of(path), path
    for number in range(-1, len(paths) + 3):
        want = every[paths[number - 1]] if 0 < number <= len(paths) else ("settings", 0, "")
        assert origins.origin_of(number) == want, number


def test_a_finding_is_placed_on_the_row_and_column_of_its_field(tmp_path: Path) -> None:
    rows = [q("begin group", "g", "Part one"),
            q("integer", "n", "How many times did you visit the clinic last year?",
              constraint=". >= 0 and . <="),
            q("text", "t", "Why?"),
            q("end group"),
            q("begin group", "empty", "Nothing here"), q("end group"),
            q("begin group", "h", "Part two", relevant="${n} > 'x' or"),
            q("text", "u", "Did he say so?"),
            q("end group")]
    book = write_form(tmp_path / "f.xlsx", rows, [])
    placed = {(p.row, p.column, p.rule) for p in import_workbook(book).problems}
    assert (3, "constraint", "expr-syntax") in placed
    assert (6, "type", "empty-group") in placed
    assert (8, "relevant", "expr-syntax") in placed
    assert any(row == 9 and column == "label" for row, column, _rule in placed)
    assert not any(row == 0 for row, _column, _rule in placed)
