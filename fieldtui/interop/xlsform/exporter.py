"""`plan export --format xlsform`: a plan → survey, choices and settings sheets.

What XLSForm has a column for goes there; what only fieldtui knows (timings, reminders,
probes, key points, units, scales, the checklist, consent, tone, group and poll settings)
goes to a `fieldtui` column of JSON tables in the survey and settings sheets, which XLSForm
tools ignore and `plan import` lays back over the rows.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.core.plan.language_names import names_of
from fieldtui.core.plan.languages import declared
from fieldtui.core.plan.load import load_plan, read_plan
from fieldtui.core.plan.whole_numbers import counted_by, whole_by_plan
from fieldtui.interop.xlsform.deps import openpyxl
from fieldtui.interop.xlsform.expressions import filter_to_xlsform
from fieldtui.interop.xlsform.formatting import literal
from fieldtui.interop.xlsform.texts import spread, suffix

SURVEY_COLUMNS = ("type", "name", "label", "hint", "required", "required_message", "relevant",
                  "constraint",
                  "constraint_message", "calculation", "default", "read_only",
                  "choice_filter", "repeat_count", "parameters", "fieldtui")
# A display item is XLSForm's note (shown, nothing collected); fieldtui's note is one the
# interviewer types: a text row that XLSForm tools collect, its kind in the fieldtui column.
_TYPES = {"open": "text", "display": "note", "note": "text", "calculate": "calculate",
          "date": "date", "time": "time"}
_ITEM_COLUMNS = frozenset({"id", "kind", "prompt", "hint", "required", "required_message",
                           "relevant", "constraint",
                           "constraint_message", "calculation", "default", "read_only",
                           "choice_filter", "randomize", "options", "whole"})
_TEXT_COLUMNS = frozenset({"label", "hint", "constraint_message", "required_message"})
_SECTION_COLUMNS = frozenset({"id", "title", "relevant", "repeat", "repeat_count", "within",
                              "item"})


def export_plan(path: str | Path) -> bytes:
    """The plan at `path` as an XLSForm workbook (.xlsx bytes)."""
    load_plan(path)  # a plan with an error is refused here, with its one line
    document = read_plan(path).document
    languages, default = declared(document)
    codes = languages or (str(document["plan"].get("language", "en")),)
    names = names_of(document["plan"])
    rows, choices = (_named(sheet, languages, names) for sheet in survey_rows(document, codes))
    xl = openpyxl()
    book = xl.Workbook()
    survey = book.active
    survey.title = "survey"
    columns = [c for base in SURVEY_COLUMNS for c in _expanded(base, languages, names)]
    _fill(survey, columns, rows)
    extra_columns = sorted({k for c in choices for k in c}
                           - {"list_name", "name", *_expanded("label", languages, names)})
    _fill(book.create_sheet("choices"),
          ["list_name", "name", *_expanded("label", languages, names), *extra_columns], choices)
    head = document["plan"]
    keep = ("id", "version") + (("title",) if isinstance(head["title"], str) else ())
    extra = {"plan": {k: v for k, v in head.items() if k not in keep},
             **{k: v for k, v in document.items() if k not in ("plan", "section")}}
    title = spread(head["title"], codes)[default or codes[0]]
    settings = {"form_title": title, "form_id": head["id"], "version": str(head["version"]),
                "default_language": suffix(default, names) if languages else "",
                "fieldtui": _json(extra)}
    _fill(book.create_sheet("settings"), [k for k, v in settings.items() if v], [settings])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _expanded(base: str, languages: tuple[str, ...], names: dict[str, str]) -> list[str]:
    if base not in _TEXT_COLUMNS or not languages:
        return [base]
    return [f"{base}::{suffix(code, names)}" for code in languages]


def _named(rows: list[dict[str, str]], languages: tuple[str, ...],
           names: dict[str, str]) -> list[dict[str, str]]:
    """The rows' text columns under the plan's names for its languages (`label::Chichewa
    (ny)`): the rows are made with the names `suffix` gives by default."""
    renamed = {f"::{suffix(code)}": f"::{suffix(code, names)}" for code in languages
               if suffix(code) != suffix(code, names)}
    if not renamed:
        return rows
    return [{(base + renamed.get(f"::{lang}", f"::{lang}") if lang else base): value
             for key, value in row.items() for base, _sep, lang in (key.partition("::"),)}
            for row in rows]


def _fill(sheet: Any, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Header and rows; every cell a text cell: openpyxl writes a string starting with "="
    as a formula, which a spreadsheet runs on opening (a plan's text is someone else's)."""
    for values in [columns, *([row.get(c, "") for c in columns] for row in rows)]:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"
                cell.quotePrefix = True  # edited in a spreadsheet, it stays text


def _texts(row: dict[str, str], base: str, value: Any, codes: tuple[str, ...]) -> None:
    """Put a plan text in `base`, or in `base::Language (tag)` per language."""
    if len(codes) < 2:
        row[base] = literal(spread(value, codes)[codes[0]])
        return
    for code, text in spread(value, codes).items():
        row[f"{base}::{suffix(code)}"] = literal(text)


def survey_rows(document: dict[str, Any], codes: tuple[str, ...] = ("en",),
                ) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The survey rows and choice rows of a plan document (rosters nested by `within`)."""
    rows: list[dict[str, str]] = []
    choices: list[dict[str, str]] = []
    open_roster: list[str] = []
    counts = counted_by([str(s["repeat_count"]) for s in document["section"]
                         if "repeat_count" in s])
    for section in document["section"]:
        while open_roster and section.get("within") != open_roster[-1]:
            rows.append({"type": "end repeat"})
            open_roster.pop()
        if section.get("within") and section.get("within") not in open_roster:
            raise FieldtuiError(
                _("roster '{roster}' is within '{outer}' but does not follow it directly").format(
                    roster=section["id"], outer=section["within"]),
                _("move it right after that roster's sections, then export again"))
        kind = "repeat" if section.get("repeat") else "group"
        begin = {
            "type": f"begin {kind}", "name": section["id"], "relevant": section.get("relevant", ""),
            "repeat_count": str(section.get("repeat_count", "")),
            "fieldtui": _json({k: v for k, v in section.items() if k not in _SECTION_COLUMNS})}
        _texts(begin, "label", section["title"], codes)
        rows.append(begin)
        for item in section["item"]:
            rows.append(_item_row(item, choices, codes, counts))
        if kind == "repeat":
            open_roster.append(section["id"])
        else:
            rows.append({"type": "end group"})
    rows.extend({"type": "end repeat"} for _ in open_roster)
    return rows, choices


def _item_row(item: dict[str, Any], choices: list[dict[str, str]], codes: tuple[str, ...],
              counts: set[str]) -> dict[str, str]:
    extra = {k: v for k, v in item.items() if k not in _ITEM_COLUMNS}
    kind = item["kind"]
    row = {"name": item["id"]}
    for base, key in (("label", "prompt"), ("hint", "hint"),
                      ("constraint_message", "constraint_message"),
                      ("required_message", "required_message")):
        _texts(row, base, item.get(key, ""), codes)
    if kind in _TYPES:
        row["type"] = _TYPES[kind]
        if kind == "note":
            extra["kind"] = "note"
    elif kind == "number":  # integer where the app takes whole numbers only
        whole = item.get("whole") is True or whole_by_plan(item, counts)
        row["type"] = "integer" if whole else "decimal"
    else:
        row["type"] = ("select_multiple " if kind == "multi" else "select_one ") + item["id"]
        choices.extend(_choices(item, extra, codes))
    required = item.get("required", False)
    row["required"] = "yes" if required is True else "" if required is False else required
    row["read_only"] = "yes" if item.get("read_only") else ""
    for key in ("relevant", "constraint", "calculation"):
        row[key] = item.get(key, "")
    row["default"] = str(item.get("default", ""))
    row["choice_filter"] = filter_to_xlsform(item.get("choice_filter", ""))
    row["parameters"] = "randomize=true" if item.get("randomize") else ""
    row["fieldtui"] = _json(extra)
    return row


def _choices(item: dict[str, Any], extra: dict[str, Any], codes: tuple[str, ...],
             ) -> list[dict[str, str]]:
    if item["kind"] == "scale":
        scale = item["scale"]
        labels = scale.get("labels", [])
        extra["kind"] = "scale"
        points = range(scale["min"], scale["max"] + 1)
        return [_choice(item["id"], str(p), labels[p - scale["min"]] if labels else str(p), codes)
                for p in points]
    options = item.get("options", [])
    if all(isinstance(o, dict) and "value" in o for o in options):
        return [{**_choice(item["id"], o["value"], o.get("label", o["value"]), codes),
                 **{k: ("yes" if v is True else "no" if v is False else str(v))
                    for k, v in o.items() if k not in ("value", "label")}} for o in options]
    extra["options"] = options  # plain texts: kept as written; names without spaces for XLSForm
    return [_choice(item["id"], _name(spread(o, codes)[codes[0]]), o, codes) for o in options]


def _choice(list_name: str, name: str, label: Any, codes: tuple[str, ...]) -> dict[str, str]:
    choice = {"list_name": list_name, "name": name}
    _texts(choice, "label", label, codes)
    return choice


def _name(text: str) -> str:
    return "_".join(text.split()) or "_"


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
