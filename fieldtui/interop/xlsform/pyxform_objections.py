"""pyxform's own conversion of a form that passed ours, and its objection (it stops at the
first) as one problem line on the row it names."""

from __future__ import annotations

import re

from fieldtui.core.i18n import _
from fieldtui.interop.xlsform.deps import pyxform_json, pyxform_modules
from fieldtui.interop.xlsform.problems import Problem
from fieldtui.interop.xlsform.workbook import Workbook

_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")
_COLUMN = re.compile(r"\bthe '([\w:() -]+)' (?:value|column)\b")


def pyxform_objections(book: Workbook) -> list[Problem]:
    _backends, errors = pyxform_modules()
    xls2json = pyxform_json()
    try:
        xls2json.workbook_to_json(workbook_dict=book.raw, form_name="data",
                                  fallback_form_name=None, default_language="default",
                                  warnings=[])
    except errors.PyXFormError as exc:
        return [translate(str(exc))]
    return []


def translate(message: str) -> Problem:
    """pyxform's message as one problem line, with its row when it names one."""
    first = " ".join(message.split())
    match = _ROW.search(first)
    row = int(match.group(1)) if match else 0
    sheet = "choices" if "choices" in first.lower() and "sheet" in first.lower() else "survey"
    text = _ROW.sub("", first).strip(" .:")
    column = _COLUMN.search(text)  # "the 'relevant' value is invalid": that column
    return Problem(sheet, row, "error", "pyxform",
                   _("{message} — fix the row as pyxform says").format(message=text),
                   column.group(1) if column and row else "")
