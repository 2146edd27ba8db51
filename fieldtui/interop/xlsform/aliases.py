"""The other spellings pyxform accepts for columns and types, read with pyxform's own tables.

Older forms write `list name`, `label:English`, `readonly`, `relevance`, `caption`,
`select one from yes_no`, `select all that apply from …`, `begin looped group`, `q int`,
`gps`… pyxform reads them all (`pyxform.aliases`, `parsing.sheet_headers.process_header`,
`xls2json.RE_SELECT` and the question type dictionary); so does `plan import`, by asking
pyxform which column or type each one is and writing it the way the XLSForm spec does
(`list_name`, `label::English`, `read_only`, `relevant`, `label`, `select_one yes_no`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from fieldtui.interop.xlsform.deps import pyxform_json, pyxform_part

# pyxform's internal name of a column → the spec's name
_SPEC: dict[tuple[str, ...], str] = {
    ("bind", "relevant"): "relevant", ("bind", "readonly"): "read_only",
    ("bind", "required"): "required", ("bind", "constraint"): "constraint",
    ("bind", "jr:constraintMsg"): "constraint_message", ("bind", "calculate"): "calculation",
    ("bind", "jr:requiredMsg"): "required_message", ("control", "appearance"): "appearance",
    ("control", "jr:count"): "repeat_count", ("media", "image"): "image",
    ("media", "big-image"): "big-image", ("media", "audio"): "audio",
    ("media", "video"): "video", ("list name",): "list_name", ("title",): "form_title",
    ("id_string",): "form_id",
}
_SELECTS = {"select one": "select_one", "select all that apply": "select_multiple",
            "select one external": "select_one_external", "rank": "rank"}
_FROM_FILE = {"select one": "select_one_from_file",
              "select all that apply": "select_multiple_from_file"}


def _sheet_names(sheet: str) -> tuple[dict[str, Any], set[str]]:
    """pyxform's aliases and known columns for one sheet, as its xls2json passes them."""
    aliases = pyxform_part("pyxform.aliases")
    if sheet == "survey":
        question = pyxform_part("pyxform.question")
        return aliases.survey_header, set(question.MultipleChoiceQuestion.get_slot_names())
    if sheet == "choices":
        question = pyxform_part("pyxform.question")
        return aliases.list_header, set(question.Option.get_slot_names())
    survey = pyxform_part("pyxform.survey")
    return aliases.settings_header, set(survey.Survey.get_slot_names())


def column_names(sheet: str, headers: Iterable[str]) -> dict[str, str]:
    """Each header of a sheet → its spec name (`label:English` → `label::English`); a
    header pyxform does not know keeps its name."""
    headers = list(headers)
    header_aliases, known = _sheet_names(sheet)
    process_header = pyxform_part("pyxform.parsing.sheet_headers").process_header
    double = any("::" in h for h in headers)
    names: dict[str, str] = {}
    for header in headers:
        _, tokens = process_header(header, double, header_aliases, known)
        names[header] = _spec_name(header, tuple(tokens), known)
    return names


def _spec_name(header: str, tokens: tuple[str, ...], known: set[str]) -> str:
    for size in (2, 1):
        if tokens[:size] in _SPEC:
            return "::".join((_SPEC[tokens[:size]], *tokens[size:]))
    if tokens and tokens[0] in known and tokens[0] not in ("bind", "control", "media"):
        return "::".join(tokens)
    return header


def control(text: str) -> tuple[str, str] | None:
    """`begin looped group` → ("begin", "repeat"); None when the type is no begin or end."""
    xls2json = pyxform_json()
    match = xls2json.RE_BEGIN_CONTROL.search(text) or xls2json.RE_END_CONTROL.search(text)
    if match is None:
        return None
    found = match.groupdict()
    kind = pyxform_part("pyxform.aliases").control[found["type"]]
    return ("begin" if found.get("begin") else "end"), str(kind)


def select(text: str) -> tuple[str, str, bool] | None:
    """`select one from yes_no or specify other` → ("select_one", "yes_no", True)."""
    match = pyxform_json().RE_SELECT.search(text)
    if match is None:
        return None
    command = match.group("select_command")
    aliases = pyxform_part("pyxform.aliases")
    meaning = str(aliases.select[command])
    if command in aliases.select_from_file:
        base = _FROM_FILE.get(meaning, command)
    else:
        base = _SELECTS.get(meaning, command)
    return base, match.group("list_name"), match.group("specify_other") is not None


@functools.cache
def question_type(text: str, known: tuple[str, ...]) -> str:
    """Another name pyxform gives one of the `known` types (`q int`, `gps`, `imei`) → that
    type; any other text as it is."""
    types = pyxform_part("pyxform.question_type_dictionary").QUESTION_TYPE_DICT
    meaning = types.get(text)
    if text in known or meaning is None:
        return text
    return next((name for name in known if types.get(name) == meaning), text)
