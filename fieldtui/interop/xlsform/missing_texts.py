"""A text missing in one language, said on the cell to fill in.

The plan check says `section.0.item.2.options.1.label has no text in 'fr' — add fr = "…"`
on the item; a form's team fills in a cell: the choice's own row on the choices sheet (once,
however many questions use its list), in that language's column (`label::Français (fr)`).
"""

from __future__ import annotations

import re
from typing import Any

from fieldtui.core.i18n import _
from fieldtui.interop.xlsform.problems import Problem

RULE = "missing-translation"
_TAG = re.compile(r" has no text in '([A-Za-z0-9-]+)'")
_OPTION = re.compile(r"^section\.(\d+)\.item\.(\d+)\.options\.(\d+)\.label ")


def tag_of(message: str) -> str:
    """The language a missing-translation finding's English message names ('' if none)."""
    found = _TAG.search(message)
    return found.group(1) if found else ""


def choice_row(document: dict[str, Any], message: str, rows: dict[int, int]) -> int:
    """The choices row of the option a finding's message names (0: not an option's label,
    or an option the type column added, `or_other`'s "Other"); `rows`: each option table
    read from the choices sheet (by identity) → its row."""
    found = _OPTION.match(message)
    if not found:
        return 0
    section, item, option = (int(n) for n in found.groups())
    try:
        table = document["section"][section]["item"][item]["options"][option]
    except (KeyError, IndexError, TypeError):
        return 0
    return rows.get(id(table), 0)


def on_its_cell(problem: Problem, tag: str, document: dict[str, Any], message: str,
                rows: dict[int, int], by_tag: dict[str, str]) -> Problem:
    """`problem` (a missing text) on the sheet, row and language column to fill in, saying
    what to do in the form's terms."""
    sheet, row, column, text = problem.sheet, problem.row, problem.column, problem.message
    choice = choice_row(document, message, rows)
    if choice:
        sheet, row, column = "choices", choice, "label"
        text = _("this choice has no text in '{lang}'").format(lang=tag)
    else:
        text = text.rsplit(" — ", 1)[0]
    if tag in by_tag:
        column = f"{column.partition('::')[0]}::{by_tag[tag]}"
    todo = _("fill in its {column} column").format(column=column)
    return Problem(sheet, row, problem.level, problem.rule, f"{text} — {todo}", column)


def once_each(problems: list[Problem]) -> list[Problem]:
    """A choice's missing text said once, not once per question that uses its list."""
    seen: set[Problem] = set()
    out = []
    for problem in problems:
        if problem.rule == RULE and problem.sheet == "choices":
            if problem in seen:
                continue
            seen.add(problem)
        out.append(problem)
    return out
