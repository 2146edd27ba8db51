"""XLSForm's `integer` and `decimal` are both a plan's number item; what tells them apart
must survive the trip: an `integer` question takes whole numbers only in the app (as ODK
refuses 12.5 for an age), and a `decimal` one exports as `decimal` (not `integer`, which
would make ODK refuse 2.5 hectares)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.core.plan.whole_numbers import takes_whole_numbers
from fieldtui.interop.xlsform.exporter import export_plan
from fieldtui.interop.xlsform.importer import import_workbook
from tests.support.xlsform_books import bare, q, write_form

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SURVEY = [q("integer", "age", "How old are you?", constraint=". >= 0"),
          q("decimal", "area", "How many hectares is your land?"),
          q("integer", "size", "How many people live here?"),
          q("begin repeat", "people", "People", repeat_count="${size}"),
          q("text", "name", "What is this person's name?"), q("end repeat")]


def _types(path: Path) -> dict[str, str]:
    sheet = openpyxl.load_workbook(path)["survey"]
    rows = list(sheet.iter_rows(values_only=True))
    at = {name: n for n, name in enumerate(rows[0])}
    return {r[at["name"]]: r[at["type"]] for r in rows[1:] if r[at["name"]]}


def test_integer_takes_whole_numbers_and_both_types_come_back(tmp_path: Path) -> None:
    result = import_workbook(write_form(tmp_path / "f.xlsx", SURVEY))
    assert not result.failed, [p.format("f") for p in result.problems]
    plan = parse_plan(result.text).plan
    assert plan is not None
    whole = {i.id: takes_whole_numbers(i, plan) for i in plan.items if i.kind == "number"}
    assert whole == {"age": True, "area": False, "size": True}
    assert plan.item("age").constraint == ". >= 0"  # the form's check, as written
    toml = tmp_path / "f.toml"
    toml.write_text(result.text, encoding="utf-8")
    back = tmp_path / "back.xlsx"
    back.write_bytes(export_plan(toml))
    types = _types(back)
    assert (types["age"], types["area"], types["size"]) == ("integer", "decimal", "integer")
    again = import_workbook(back)
    assert not again.failed and parse_plan(again.text).plan is not None
    assert bare(load_plan(toml)).items == bare(parse_plan(again.text).plan).items  # type: ignore[arg-type]


def test_whole_is_only_for_number_items() -> None:
    text = """[plan]
id = "w"
version = 1
title = "W"
method = "interview"
language = "en"
minutes = 1

[[section]]
id = "s"
title = "S"
minutes = 1

[[section.item]]
id = "name"
kind = "open"
prompt = "What is your name?"
whole = true
"""
    result = parse_plan(text)
    assert [(f.rule, f.message) for f in result.findings if f.level == "error"] == [
        ("bad-value", "whole is only for number items, not open — remove whole from this item")]
