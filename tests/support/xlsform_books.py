"""XLSForm workbooks written by the tests with openpyxl, and the plan comparison they need."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import openpyxl

from fieldtui.core.plan.model import Plan

Rows = list[dict[str, str]]


def write_form(path: Path, survey: Rows, choices: Rows = (), settings: dict[str, str] | None = None,
               ) -> Path:  # type: ignore[assignment]
    """A workbook with the given rows (columns: every key used, in first-seen order)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    _fill(sheet, survey)
    if choices:
        _fill(book.create_sheet("choices"), list(choices))
    if settings:
        _fill(book.create_sheet("settings"), [settings])
    book.save(path)
    return path


def _fill(sheet: Any, rows: Rows) -> None:
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column) for column in columns])


def q(type_: str, name: str = "", label: str = "", **columns: str) -> dict[str, str]:
    """One survey row."""
    row = {"type": type_, "name": name, "label": label}
    row.update(columns)
    return {k: v for k, v in row.items() if v}


def choice(list_name: str, name: str, label: str = "", **columns: str) -> dict[str, str]:
    """One choices row."""
    return {"list_name": list_name, "name": name, "label": label or name.title(), **columns}


YES_NO = [choice("yn", "yes"), choice("yn", "no")]


def bare(plan: Plan) -> Plan:
    """The plan without what depends on the file it came from (lines, source, hash)."""
    sections = tuple(dataclasses.replace(
        s, line=0, items=tuple(dataclasses.replace(i, line=0) for i in s.items))
        for s in plan.sections)
    return dataclasses.replace(plan, sections=sections, content_hash="", source="")
