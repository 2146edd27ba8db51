"""`plan import`: an XLSForm workbook → plan TOML text and one line per problem.

The rows are read by pyxform; each becomes part of a plan document, written as TOML and
put through the plan check (structure, logic and wording). Each finding is placed back on
the sheet, row and column it came from. A form with no error of ours is also converted by
pyxform itself, so its own objections are heard (translated to the same one-line form).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldtui.core.i18n import _, ngettext
from fieldtui.core.plan.item_fields import NOT_ANSWERED as NOT_ASKED
from fieldtui.core.plan.load import MAX_PLAN_BYTES
from fieldtui.core.plan.schema import MAX_MINUTES
from fieldtui.core.plan.whole_numbers import counted_by, whole_by_plan
from fieldtui.interop.xlsform import appearances
from fieldtui.interop.xlsform.finding_rows import checked, or_other_in_poll
from fieldtui.interop.xlsform.item_map import RowContext
from fieldtui.interop.xlsform.plan_head import options_of, plan_head
from fieldtui.interop.xlsform.problems import Problem
from fieldtui.interop.xlsform.pyxform_objections import pyxform_objections
from fieldtui.interop.xlsform.survey_map import SurveyMap
from fieldtui.interop.xlsform.texts import languages_of, plain_column
from fieldtui.interop.xlsform.toml_text import to_toml
from fieldtui.interop.xlsform.workbook import Unseen, Workbook, read_workbook


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
    problems += _unseen(book.unseen)
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
    problems += [or_other_in_poll(p, ctx.other_texts)
                 for p in checked(document, str(path), survey.origins, by_tag, choice_rows)
                 if not (p.rule == "missing-options" and p.level == "warning"
                         and p.sheet == "survey" and p.row in ctx.acknowledge_rows)
                 if (p.sheet, p.row) not in ours]  # one line per problem: ours says it
    if not any(p.level == "error" for p in problems):
        problems += pyxform_objections(book)
    failed = any(p.level == "error" for p in problems)
    text = "" if failed else to_toml(document)
    if len(text.encode()) > MAX_PLAN_BYTES:
        problems.append(Problem("survey", 0, "error", "plan-too-large", _(
            "the plan would be {size} MB, more than the {most} MB a plan may be — split the "
            "form into several").format(size=f"{len(text.encode()) / 1e6:.1f}",
                                        most=MAX_PLAN_BYTES // 1_000_000)))
        text = ""
    return ImportResult(text, _ordered(problems, book))


def _unseen(unseen: Unseen) -> list[Problem]:
    """A warning for what the import read that a person reviewing the workbook may see
    otherwise, or not at all."""
    said = []
    if unseen.formulas:
        said.append(Problem("survey", 0, "warning", "formula-cells", ngettext(
            "{count} cell holds a formula: the value the workbook last saved for it was "
            "read, which a spreadsheet that recalculates may show otherwise — check it in "
            "the plan, or paste it as a value and import again",
            "{count} cells hold formulas: the values the workbook last saved for them were "
            "read, which a spreadsheet that recalculates may show otherwise — check them in "
            "the plan, or paste them as values and import again",
            unseen.formulas).format(count=unseen.formulas)))
    if unseen.hidden:
        said.append(Problem("survey", 0, "warning", "hidden-cells", ngettext(
            "{count} row, column or sheet is hidden in the workbook and was read like the "
            "rest — unhide it to review everything the plan holds",
            "{count} rows, columns or sheets are hidden in the workbook and were read like "
            "the rest — unhide them to review everything the plan holds",
            unseen.hidden).format(count=unseen.hidden)))
    return said


# A plan is at most MAX_PLAN_BYTES (1 MB: about 5,000 items); a form of more survey rows than
# this cannot become one, so it is refused as soon as it is read, not mapped and checked first.
MAX_SURVEY_ROWS = 10_000


def _unsaid_whole(sections: list[dict[str, Any]]) -> None:
    """`whole = true` only where the plan does not say it already (a roster's count, a
    constraint `int(.) = .`): an exported plan comes back as it was."""
    counts = counted_by([str(s["repeat_count"]) for s in sections if "repeat_count" in s])
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
