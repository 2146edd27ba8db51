"""One survey row → one plan item table, with where each field came from."""

from __future__ import annotations

import json
from typing import Any

from fieldtui.core.i18n import _
from fieldtui.interop.xlsform import appearances
from fieldtui.interop.xlsform.expressions import filter_to_plan, unsupported_call
from fieldtui.interop.xlsform.problems import Problem
from fieldtui.interop.xlsform.row_types import KINDS, RowType
from fieldtui.interop.xlsform.texts import Languages

Origins = dict[str, str]  # item key → the survey column it came from
Options = dict[str, list[dict[str, Any]]]
_YES = frozenset({"yes", "true", "true()", "1"})
_NO = frozenset({"no", "false", "false()", "0", ""})
EXPRESSION_COLUMNS = ("relevant", "constraint", "calculation", "choice_filter", "required",
                      "repeat_count")


class RowContext:
    """What mapping a row needs from the rest of the workbook, and where problems go."""

    def __init__(self, options: Options, columns: set[str], lenient: bool,
                 languages: Languages | None = None) -> None:
        self.languages = languages or Languages()
        self.options = options
        self.choice_columns = columns
        self.lenient = lenient
        self.problems: list[Problem] = []
        self.read_columns: dict[str, bool] = {}  # column → read by the mapping (or a text)
        self.kept_columns: set[str] = set()  # those of them that are read
        self.other_texts: set[str] = set()  # ids of the texts `or_other` added
        self.acknowledge_rows: set[int] = set()  # rows whose answers the import made
        self.looks: dict[str, list[int]] = {}  # appearance ignored → the rows it is on

    def refuse(self, row: int, rule: str, message: str, column: str = "") -> None:
        """An unsupported feature: an error, or a warning when --lenient replaces it."""
        self.problems.append(Problem("survey", row, "warning" if self.lenient else "error",
                                     rule, message, column))

    def appearance(self, row: int, cell: str) -> list[str]:
        """The row's appearance: look-only words noted (said once per form), the others
        refused; returns the refused words."""
        looks, changes = appearances.read(cell)
        for word in looks:
            self.looks.setdefault(word, []).append(row)
        for word, why in changes:
            self.refuse(row, "unsupported-appearance", _(
                "appearance '{appearance}' — {why}; clear the appearance or ask it another "
                "way").format(appearance=word, why=_(why)), "appearance")
        return [word for word, _why in changes]

    def error(self, row: int, rule: str, message: str, column: str = "") -> None:
        """A real mistake in the form."""
        self.problems.append(Problem("survey", row, "error", rule, message, column))


def build_item(number: int, row: dict[str, str], rtype: RowType, ctx: RowContext,
               ) -> tuple[dict[str, Any], Origins]:
    """The item table for one question row (its kind known to be supported)."""
    name = row.get("name", "")
    item: dict[str, Any] = {"id": name}
    origins: Origins = {"id": "name"}
    if rtype.base in ("select_one", "select_multiple"):
        item["kind"] = "choice" if rtype.base == "select_one" else "multi"
        # the list itself, on every item that uses it (nothing changes it once read;
        # the TOML writer then writes it once)
        options = ctx.options.get(rtype.list_name, [])
        if not options:
            ctx.error(number, "missing-list", _("list '{name}' has no rows in the choices sheet "
                      "— add its choices or fix the list name").format(name=rtype.list_name),
                      "type")
        if rtype.or_other and not any(o.get("value") == "other" for o in options):
            # as pyxform: a list with its own `other` choice keeps it, in its own words
            options = [*options, {"value": "other", "label": "Other"}]
        item["options"] = options
    else:
        item["kind"] = KINDS[rtype.base]
        if rtype.base in ("integer", "int"):  # whole numbers only, as ODK takes them
            item["whole"], origins["whole"] = True, "type"
        if rtype.base in ("acknowledge", "trigger"):
            ctx.acknowledge_rows.add(number)
            # ODK stores "OK" when acknowledged; a choice needs a second answer for "not yet"
            item["options"] = [{"value": "OK", "label": "OK"},
                               {"value": "not_ok", "label": "Not acknowledged"}]
    origins["kind"] = origins["options"] = "type"
    languages = ctx.languages
    for column, key in (("label", "prompt"), ("hint", "hint"),
                        ("constraint_message", "constraint_message")):
        if column not in row and not languages.suffixed:
            continue  # no such column, in any language: nothing to read
        text = languages.text(row, column)
        if text:
            item[key], origins[key] = text, column
    _flags(number, row, item, origins, ctx)
    for column in ("relevant", "constraint", "calculation"):
        if row.get(column):
            _expression(number, row, column, column, item, origins, ctx)
    if row.get("choice_filter"):
        row = {**row, "choice_filter": filter_to_plan(row["choice_filter"], ctx.choice_columns)}
        _expression(number, row, "choice_filter", "choice_filter", item, origins, ctx)
    if row.get("default"):
        if "${" in row["default"] or "(" in row["default"]:
            ctx.refuse(number, "unsupported-default", _("a default computed from an expression "
                       "— use a calculate row, or a fixed default"), "default")
        else:
            item["default"], origins["default"] = row["default"], "default"
    if row.get("parameters"):
        _parameters(number, row, item, origins, ctx)
    if row.get("appearance") and "label" in ctx.appearance(number, row["appearance"]):
        # a table's heading row (answered by no one): what it shows, as a note
        item = {"id": name, "kind": "display", "prompt": item.get("prompt") or name}
        origins = {"id": "name", "kind": "type", "prompt": origins.get("prompt", "type")}
        return item, origins
    if row.get("fieldtui"):
        _extras(number, row, item, origins, ctx)
    _other_columns(number, row, ctx)
    if item["kind"] == "calculate" and "calculation" not in item and row.get("calculation"):
        item = {"id": name, "kind": "display", "prompt": f"Not computed here: calculate '{name}' "
                f"({row['calculation']}) — a terminal cannot run it."}
    return item, origins


def _flags(number: int, row: dict[str, str], item: dict[str, Any], origins: Origins,
           ctx: RowContext) -> None:
    required = row.get("required", "").strip()
    if required.lower() in _YES:
        item["required"], origins["required"] = True, "required"
    elif required.lower() not in _NO:
        _expression(number, row, "required", "required", item, origins, ctx)
    if item.get("kind") == "display":  # a required note means nothing to ODK: a note
        item.pop("required", None)
        origins.pop("required", None)
    if "required_message" in row or ctx.languages.suffixed:  # else no such column at all
        _required_message(number, row, item, origins, ctx)
    read_only = row.get("read_only", "").strip().lower()
    if read_only in _YES and item.get("kind") == "display":
        pass  # a note is read-only by nature: "yes" says nothing more (forms often set it)
    elif read_only in _YES:
        item["read_only"], origins["read_only"] = True, "read_only"
    elif read_only not in _NO:
        ctx.refuse(number, "unsupported-read-only", _("read_only as an expression — "
                   "write yes or no"), "read_only")


def _required_message(number: int, row: dict[str, str], item: dict[str, Any],
                      origins: Origins, ctx: RowContext) -> None:
    """The row's required_message, in every language: kept on a required row (what the
    interviewer reads when it is left without an answer), else said not to be kept."""
    text = ctx.languages.text(row, "required_message")
    if not text:
        return
    if "required" in item:
        item["required_message"], origins["required_message"] = text, "required_message"
        return
    column = "required_message" if row.get("required_message") else next(
        (c for c, v in row.items() if v and c.startswith("required_message::")), "")
    ctx.problems.append(Problem("survey", number, "warning", "not-kept", _(
        "required_message is not kept on a row that is not required — make the row "
        "required, or clear the message"), column))


def _expression(number: int, row: dict[str, str], column: str, key: str,
                item: dict[str, Any], origins: Origins, ctx: RowContext) -> None:
    call = unsupported_call(row[column])
    if call:
        ctx.refuse(number, "unsupported-function", _("{function}() — a terminal cannot run "
                   "it; compute the value another way").format(function=call), column)
        return
    item[key], origins[key] = row[column], column


KNOWN_COLUMNS = frozenset({
    "type", "name", "label", "hint", "required", "required_message", "relevant", "constraint",
    "constraint_message", "calculation", "default", "read_only", "choice_filter",
    "repeat_count", "parameters", "appearance", "fieldtui"})
_TEXT_BASES = frozenset({"label", "hint", "constraint_message", "required_message"})
_MEDIA = frozenset({"image", "big-image", "audio", "video", "media"})


def _other_columns(number: int, row: dict[str, str], ctx: RowContext) -> None:
    """Media is refused (a terminal shows none); any other column is said not to be kept."""
    read = ctx.read_columns
    if ctx.kept_columns.issuperset(row):
        return  # every column of the row is one the mapping reads (most rows): one set test
    for column, value in row.items():
        if not value:
            continue
        known = read.get(column)
        if known is None:  # each column is classified once per workbook
            known = read[column] = (column in KNOWN_COLUMNS
                                    or column.partition("::")[0] in _TEXT_BASES)
            if known:
                ctx.kept_columns.add(column)
        if known:
            continue
        base = column.partition("::")[0]
        if base in _MEDIA or column.startswith("media::"):
            ctx.refuse(number, "unsupported-media", _(
                "{column} '{file}' — a terminal shows no pictures or sound; describe it in "
                "the label").format(column=column, file=value), column)
        else:
            ctx.problems.append(Problem("survey", number, "warning", "not-kept", _(
                "column '{column}' is not read by fieldtui").format(column=column), column))


def _parameters(number: int, row: dict[str, str], item: dict[str, Any], origins: Origins,
                ctx: RowContext) -> None:
    for part in row.get("parameters", "").replace(";", " ").replace(",", " ").split():
        name, _eq, value = part.partition("=")
        if name.strip().lower() == "randomize" and value.strip().lower() in _YES:
            item["randomize"], origins["randomize"] = True, "parameters"
        elif name.strip().lower() != "randomize":
            ctx.refuse(number, "unsupported-parameter", _(
                "parameter '{parameter}' — fieldtui keeps only randomize=true").format(
                parameter=part), "parameters")


def _extras(number: int, row: dict[str, str], item: dict[str, Any], origins: Origins,
            ctx: RowContext) -> None:
    if not row.get("fieldtui"):
        return
    extra = _json_table(row["fieldtui"])
    if extra is None:
        ctx.error(number, "bad-fieldtui", _("the fieldtui column is not a JSON table — "
                  "export the plan again or clear the cell"), "fieldtui")
        return
    if extra.get("kind") == "scale":
        item.pop("options", None)
    for key, value in extra.items():
        item[key], origins[key] = value, "fieldtui"


def _json_table(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # a cell of `[[[…` nested past the limit
        return None
    return value if isinstance(value, dict) else None


json_table = _json_table
