"""`plan import`: an XLSForm workbook → plan TOML text and one line per problem.

The rows are read by pyxform; each becomes part of a plan document, written as TOML and
put through the plan check (structure, logic and wording). Each finding is placed back on
the sheet, row and column it came from. A form with no error of ours is also converted by
pyxform itself, so its own objections are heard (translated to the same one-line form).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldtui.core.i18n import N_, _, current
from fieldtui.core.plan.check import wording_in_languages
from fieldtui.core.plan.findings import Finding
from fieldtui.core.plan.item_fields import NOT_ANSWERED as NOT_ASKED
from fieldtui.core.plan.load import MAX_PLAN_BYTES, check_document
from fieldtui.core.plan.schema import MAX_MINUTES
from fieldtui.core.plan.whole_numbers import whole_by_plan
from fieldtui.interop.xlsform import appearances, missing_texts
from fieldtui.interop.xlsform.deps import pyxform_json, pyxform_modules
from fieldtui.interop.xlsform.item_map import RowContext
from fieldtui.interop.xlsform.origins import Origins
from fieldtui.interop.xlsform.plan_head import options_of, plan_head
from fieldtui.interop.xlsform.problems import Problem
from fieldtui.interop.xlsform.survey_map import SurveyMap
from fieldtui.interop.xlsform.texts import TEXT_COLUMNS, languages_of, plain_column
from fieldtui.interop.xlsform.toml_text import to_toml
from fieldtui.interop.xlsform.workbook import Workbook, read_workbook

# What to do, said in the form's terms where the plan check's says it in the plan's (TOML).
_FORM_TODO = {
    "open-in-poll": N_("drop the row, give it a closed type (select_one, select_multiple, "
                       "integer, decimal), or import with --method interview"),
    "duplicate-id": N_("give each row its own name"),
    "missing-key": N_("fill in its {column} column"),
}
# ... and for one finding of a rule: (rule, words of its English message, what to do)
_FORM_TODO_OF = (
    ("expr-option-field", "have no column",
     N_("use one of those columns, or add a '{column}' column to the choices sheet")),
    ("expr-roster", "position(..) is used outside",
     N_("use it only on the rows between a begin repeat and its end repeat")),
    ("expr-option", "has a space", N_("give the choices names without spaces on the choices "
                                      "sheet")),
    ("missing-options", "needs at least two options",
     N_("give its list two or more rows on the choices sheet")),
    ("expr-syntax", "the expression is empty", N_("write an expression in the cell, or clear "
                                                  "it")),
)
_NEEDS = re.compile(r"needs '(\w+)'")  # the key a missing-key finding names
_NO_COLUMN = re.compile(r"no column '([^']*)'")  # the column an expr-option-field names
_COLUMN_OF = {"prompt": "label"}  # a plan key whose survey column has another name
_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")
_COLUMN = re.compile(r"\bthe '([\w:() -]+)' (?:value|column)\b")
_LINE = re.compile(r"\bline (\d+)")
_LINE_ZH = re.compile(r"第 (\d+) 行")
_PATH = re.compile(r"\bsection\.\d+(?:\.item\.\d+)?(?:\.[a-z_]+)? ")
_PIPES_IN = re.compile(r" in '([A-Za-z0-9-]+)' pipes ")


@dataclass
class ImportResult:
    """The plan's TOML text (empty when nothing may be written) and the problems."""

    text: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when a problem is an error: nothing is written."""
        return any(p.level == "error" for p in self.problems)


def import_workbook(path: str | Path, *, method: str | None = None,
                    lenient: bool = False) -> ImportResult:
    """Read and map one workbook (FieldtuiError when it cannot be read at all)."""
    return _import(path, method, lenient)


def _import(path: str | Path, method: str | None, lenient: bool) -> ImportResult:
    book = read_workbook(path)
    problems: list[Problem] = []
    if not book.survey:
        return ImportResult("", [Problem("survey", 0, "error", "empty-form",
                                         _("no survey sheet, or no rows in it — add the questions"))])
    if len(book.survey) > MAX_SURVEY_ROWS:
        return ImportResult("", [Problem("survey", 0, "error", "too-many-rows", _(
            "{rows} rows, more than a plan can hold (at most {most}) — split the form into "
            "several").format(rows=len(book.survey), most=MAX_SURVEY_ROWS))])
    headers = book.survey_columns + book.choices_columns
    plain = plain_column([("survey", book.survey), ("choices", book.choices)]) \
        if any("::" in column for column in headers) else ("", "")
    languages = languages_of(headers, book.settings.get("default_language", ""), bool(plain[0]))
    if plain[0] and languages.columns and not languages.plain_tag:
        named = next(f"{c.partition('::')[0]}::{n}" for c in headers
                     for n in languages.columns if c.endswith("::" + n))
        problems.append(Problem(plain[0], 1, "error", "unknown-language", _(
            "column '{column}' names no language, but '{other}' does — write it as "
            "{column}::Name (tag), e.g. {column}::English (en), or name its language in the "
            "settings sheet's default_language").format(column=plain[1], other=named),
            plain[1]))
        return ImportResult("", _ordered(problems, book))  # each text's language unknown
    problems += [Problem("survey", 1, "error", "unknown-language", _(
                         "no language tag in '{column}' — write it as {base}::Name (tag), e.g. "
                         "label::English (en)").format(column=column,
                                                       base=column.partition("::")[0]), column) for column in languages.unknown]
    choice_rows: dict[int, int] = {}
    options, columns = options_of(book, problems, languages, lenient, choice_rows)
    ctx = RowContext(options, columns, lenient, languages)
    document = plan_head(book, Path(path).stem, method, languages, problems)
    survey = SurveyMap(ctx, book.settings.get("form_title") or str(document["plan"]["id"]))
    survey.run(book.survey)
    problems += ctx.problems
    if languages.simplified:
        problems.append(Problem("survey", 0, "warning", "formatting-simplified", _(
            "{count} texts had ODK formatting (Markdown marks, <span> tags), shown as they are "
            "in a terminal: the marks were dropped, the words kept").format(
            count=languages.simplified)))
    if ctx.looks:
        problems.append(Problem("survey", 0, "warning", "appearance-ignored", _(
            "appearances ignored, a terminal asks the same without them: {appearances}").format(
            appearances=appearances.said(ctx.looks)), "appearance"))
    if not survey.sections:
        if not any(p.level == "error" for p in problems):
            problems.append(Problem("survey", 0, "error", "empty-form",
                                    _("no questions in the survey sheet — add the questions")))
        return ImportResult("", _ordered(problems, book))
    _unsaid_whole(survey.sections)
    _minutes(document, survey.sections)
    document["section"] = survey.sections
    ours = {(p.sheet, p.row) for p in problems if p.level == "error"}
    by_tag = {code: name for name, code in languages.columns.items()}
    problems += [_or_other_in_poll(p, ctx.other_texts)
                 for p in _checked(document, str(path), survey.origins, by_tag, choice_rows)
                 if not (p.rule == "missing-options" and p.level == "warning"
                         and p.sheet == "survey" and p.row in ctx.acknowledge_rows)
                 if (p.sheet, p.row) not in ours]  # one line per problem: ours says it
    if not any(p.level == "error" for p in problems):
        problems += _pyxform_objections(book)
    failed = any(p.level == "error" for p in problems)
    text = "" if failed else to_toml(document)
    if len(text.encode()) > MAX_PLAN_BYTES:
        problems.append(Problem("survey", 0, "error", "plan-too-large", _(
            "the plan would be {size} MB, more than the {most} MB a plan may be — split the "
            "form into several").format(size=f"{len(text.encode()) / 1e6:.1f}",
                                        most=MAX_PLAN_BYTES // 1_000_000)))
        text = ""
    return ImportResult(text, _ordered(problems, book))


# A plan is at most MAX_PLAN_BYTES (1 MB: about 5,000 items); a form of more survey rows than
# this cannot become one, so it is refused as soon as it is read, not mapped and checked first.
MAX_SURVEY_ROWS = 10_000


def _unsaid_whole(sections: list[dict[str, Any]]) -> None:
    """`whole = true` only where the plan does not say it already (a roster's count, a
    constraint `int(.) = .`): an exported plan comes back as it was."""
    counts = [str(s["repeat_count"]) for s in sections if "repeat_count" in s]
    for section in sections:
        for item in section["item"]:
            if item.get("whole") and whole_by_plan(item, counts):
                del item["whole"]


def _minutes(document: dict[str, Any], sections: list[dict[str, Any]]) -> None:
    """A form has no timings: a minute per two questions, unless the fieldtui column says;
    an estimate stops at the most a plan may say (a census form of 1,400 questions is not
    a mistake in the form)."""
    for section in sections:
        if "minutes" not in section or section["minutes"] == 1:
            asked = sum(1 for i in section["item"] if i.get("kind") not in NOT_ASKED)
            section.setdefault("minutes", 1)
            if section["minutes"] == 1:
                section["minutes"] = min(MAX_MINUTES, max(1, (asked + 1) // 2))
    head = document["plan"]
    if head.get("minutes", 1) == 1:
        head["minutes"] = min(MAX_MINUTES, max(1, sum(s["minutes"] for s in sections)))


def _checked(document: dict[str, Any], name: str, origins: Origins,
             by_tag: dict[str, str], choice_rows: dict[int, int]) -> list[Problem]:
    """The plan check's findings (structure, logic, wording), as `plan check` makes them on
    the TOML, but placed by the rows the fields came from (fields numbered, not lines: a
    finding's "line" is its field's number)."""
    result = check_document(document, origins, name, hashed=False)  # findings only
    wording = wording_in_languages(document, origins, name)
    placed = _placed(result.findings + wording, origins, by_tag)
    return missing_texts.once_each([
        missing_texts.on_its_cell(p, tag, document, f.message, choice_rows, by_tag)
        if f.rule == missing_texts.RULE and (tag := missing_texts.tag_of(f.message)) else p
        for f, p in zip(result.findings + wording, placed, strict=True)])


def _language_column(column: str, message: str, by_tag: dict[str, str]) -> str:
    """`label::French (fr)` for a finding of one language ("[fr] …", or a text that
    pipes other answers "in 'fr'") on a `label`."""
    pipes = _PIPES_IN.search(message)
    tag = (message[1:message.find("]")] if message.startswith("[") else
           pipes.group(1) if pipes else "")
    name = by_tag.get(tag)
    return f"{column}::{name}" if name and column in TEXT_COLUMNS else column


def _placed(findings: list[Finding], origins: Origins,
            by_tag: dict[str, str] | None = None) -> list[Problem]:
    """Each finding on the row its field (numbered by `origins`) came from; a finding of one
    language on the column of that language (`by_tag`: tag → its name)."""
    placed = []
    lang = current()

    def row_of(match: re.Match[str]) -> str:
        sheet, row, _column = origins.origin_of(int(match.group(1)))
        return _("{sheet} row {row}").format(sheet=sheet, row=row)

    this_row = _("this row") + " "
    # a message said on many rows (an answer list's warning on every item that uses it) is
    # put in the form's terms once: what that gives depends on its rule and text alone
    said: dict[tuple[str, str, str], str] = {}
    for finding in findings:
        origin = origins.origin_of(finding.line)
        text = finding.text(lang)
        key = (finding.rule, finding.message, text)
        message = said.get(key)
        if message is None:
            if "line" in text:  # each pattern only where its word is
                text = _LINE.sub(row_of, text)
            if "第" in text:
                text = _LINE_ZH.sub(row_of, text)
            message = _PATH.sub(this_row, text) if "section." in text else text
            todo = _form_todo(finding) if " — " in message else None
            if todo is not None:
                message = message.rsplit(" — ", 1)[0] + " — " + todo
            said[key] = message
        if finding.source and finding.column:
            message += " " + _("(at character {column} of '{source}')").format(
                column=finding.column, source=finding.source)
        column = _language_column(origin[2], finding.message, by_tag) if by_tag else origin[2]
        placed.append(Problem(origin[0], origin[1], finding.level, finding.rule, message,
                              column))
    return placed


def _or_other_in_poll(problem: Problem, other_texts: set[str]) -> Problem:
    """A poll's open item that `or_other` added: what to do is to remove or_other (the row
    is a select already; "drop the row" would lose the question)."""
    if problem.rule != "open-in-poll" or not any(f"'{i}'" in problem.message
                                                 for i in other_texts):
        return problem
    todo = _("remove or_other from the type (a poll records no text), or import with "
             "--method interview")
    return dataclasses.replace(problem, message=problem.message.rsplit(" — ", 1)[0]
                               + " — " + todo)


def _form_todo(finding: Finding) -> str | None:
    """What to do, in the form's terms (the column to fill in for a missing key, the choices
    sheet for an option column, a repeat for a roster), or None where the plan's words do."""
    if finding.rule in _FORM_TODO:
        needs = _NEEDS.search(finding.message)
        key = needs.group(1) if needs else ""
        return _(_FORM_TODO[finding.rule]).format(column=_COLUMN_OF.get(key, key))
    for rule, words, todo in _FORM_TODO_OF:
        if finding.rule == rule and words in finding.message:
            named = _NO_COLUMN.search(finding.message)
            return _(todo).format(column=named.group(1) if named else "")
    return None


def _pyxform_objections(book: Workbook) -> list[Problem]:
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


def _ordered(problems: list[Problem], book: Workbook) -> list[Problem]:
    """By sheet and row, each column named as the workbook writes it (`list name`)."""
    order = {"settings": 0, "survey": 1, "choices": 2}
    named = [p if (header := _header(book, p.sheet, p.column)) == p.column
             else dataclasses.replace(p, column=header) for p in problems]
    return _once_per_column(sorted(named, key=lambda p: (order.get(p.sheet, 3), p.row)))


def _once_per_column(problems: list[Problem]) -> list[Problem]:
    """A column not kept is said once, on its first row, naming the others: a form with
    Kobo's `$kuid` on every row gave one line per row, burying the rest."""
    rows: dict[tuple[str, str, str], list[int]] = {}
    for p in problems:
        if p.rule == "not-kept" and p.column:
            rows.setdefault((p.sheet, p.column, p.message), []).append(p.row)
    said: list[Problem] = []
    for p in problems:
        others = rows.get((p.sheet, p.column, p.message)) if p.rule == "not-kept" else None
        if others is None or len(others) == 1:
            said.append(p)
        elif others[0] == p.row:
            said.append(dataclasses.replace(p, message=f"{p.message} {_also_on(others[1:])}"))
    return said


def _also_on(rows: list[int]) -> str:
    shown = ", ".join(str(row) for row in rows[:4])
    if len(rows) == 1:
        return _("(also on row {row})").format(row=shown)
    if len(rows) <= 4:
        return _("(also on rows {rows})").format(rows=shown)
    return _("(also on rows {rows} and {more} more)").format(rows=shown, more=len(rows) - 4)


def _header(book: Workbook, sheet: str, column: str) -> str:
    return book.headers.get(sheet, {}).get(column, column)
