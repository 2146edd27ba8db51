"""The plan check's findings on an imported form, placed on the sheet, row and column each
field came from, and said in the form's terms (a column to fill in, the choices sheet)
where the plan check says it in the plan's (TOML keys, line numbers)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from fieldtui.core.i18n import N_, _, current
from fieldtui.core.plan.check import wording_in_languages
from fieldtui.core.plan.findings import Finding
from fieldtui.core.plan.load import check_document
from fieldtui.interop.xlsform import missing_texts
from fieldtui.interop.xlsform.origins import Origins
from fieldtui.interop.xlsform.problems import Problem
from fieldtui.interop.xlsform.texts import TEXT_COLUMNS

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
_LINE = re.compile(r"\bline (\d+)")
_LINE_ZH = re.compile(r"第 (\d+) 行")
_PATH = re.compile(r"\bsection\.\d+(?:\.item\.\d+)?(?:\.[a-z_]+)? ")
_PIPES_IN = re.compile(r" in '([A-Za-z0-9-]+)' pipes ")


def checked(document: dict[str, Any], name: str, origins: Origins,
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


def or_other_in_poll(problem: Problem, other_texts: set[str]) -> Problem:
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
