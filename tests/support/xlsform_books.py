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


EN, ZH = "::English (en)", "::Chinese (zh)"


def _both(column: str, en: str, zh: str) -> dict[str, str]:
    return {f"{column}{EN}": en, f"{column}{ZH}": zh}


def bilingual_household(path: Path) -> Path:
    """A small household survey written as an XLSForm in English and Chinese: a choice, a
    checked count, a roster of that many members (name, age piped from the name), a note."""
    survey = [
        {"type": "begin group", "name": "home", **_both("label", "The household", "住户")},
        {"type": "select_one yn", "name": "water", "required": "yes",
         **_both("label", "Does this household have piped water?", "这户有自来水吗?")},
        {"type": "integer", "name": "size", "required": "yes", "constraint": ". >= 1 and . <= 20",
         **_both("label", "How many people live in this household, including you?",
                 "包括您在内,这户住着几个人?"),
         **_both("constraint_message", "Enter between 1 and 20 people.", "请填写 1 到 20 人。")},
        {"type": "end group"},
        {"type": "begin repeat", "name": "members", "repeat_count": "${size}",
         **_both("label", "Household members", "住户成员")},
        {"type": "text", "name": "name", "required": "yes",
         **_both("label", "What is the first name of this household member?",
                 "这位住户成员叫什么名字?")},
        {"type": "integer", "name": "age", "required": "yes", "constraint": ". >= 0 and . <= 120",
         **_both("label", "How old is ${name}, in completed years?", "${name}今年几周岁?"),
         **_both("constraint_message", "Between 0 and 120.", "请填写 0 到 120。")},
        {"type": "end repeat"},
        {"type": "begin group", "name": "close", **_both("label", "Closing", "结束")},
        {"type": "note", "name": "thanks",
         **_both("label", "Thank the respondent for their time.", "感谢受访者抽出时间。")},
        {"type": "end group"},
    ]
    choices = [{"list_name": "yn", "name": "yes", **_both("label", "Yes", "是")},
               {"list_name": "yn", "name": "no", **_both("label", "No", "否")}]
    settings = {"form_id": "household-bilingual", "form_title": "Household (two languages)",
                "default_language": "English (en)"}
    return write_form(path, survey, choices, settings)
