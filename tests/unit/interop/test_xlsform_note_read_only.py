"""A note row marked read_only = yes (many forms set it: a note is read-only anyway) comes
in as a display item without a problem; before, the whole import failed on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.plan.load import parse_plan
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.xlsform_books import q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_a_read_only_note_imports_as_a_display_item(tmp_path: Path) -> None:
    survey = [q("begin group", "s", "Home"), q("integer", "n", "How many rooms are there?"),
              q("note", "hello", "You said ${n} rooms.", read_only="yes"), q("end group")]
    result = import_workbook(write_form(tmp_path / "f.xlsx", survey))
    assert [p.format("f.xlsx") for p in result.problems] == []
    plan = parse_plan(result.text).plan
    assert plan is not None
    assert (plan.item("hello").kind, plan.item("hello").read_only) == ("display", False)
