"""The supervisor's report as text: poll tallies (from a release: perturbed, small counts
suppressed), key-point coverage, and for group meetings talk time by participant and
agenda item with the off-topic share. What is counted is `report_counts`'s, the words all
formats share `report_words`'s, the layout in terminal cells `report_cells`'s.

Every line is escaped (`core.errors.one_line`) and a cell a device named (a participant) never
starts a spreadsheet formula (`spreadsheet.text_cell`): the report goes to a terminal or a file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.cells import cell_len

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.attacker import Key
from fieldtui.supervise.command_paths import release_create
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.meeting_flags import offtopic_share
from fieldtui.supervise.release import Release
from fieldtui.supervise.report_bars import text_bar
from fieldtui.supervise.report_cells import REPORT_WIDTH, column_blocks, cut, fitted, left
from fieldtui.supervise.report_counts import (
    check_cross,
    coverage_rows,
    kept_sessions,
    multi_base,
    poll_options,
    poll_release,
    report_plans,
    tallied,
    turn_table,
)
from fieldtui.supervise.report_languages import check_languages, split, split_lines, statement
from fieldtui.supervise.report_words import (
    NO_RELEASE,
    base_words,
    in_document,
    method_word,
    named,
    of_words,
    protection_line,
    release_words,
    report_title,
    sessions_words,
)
from fieldtui.supervise.report_wrap import Row, wrap_cells
from fieldtui.supervise.session_rows import session_duration
from fieldtui.supervise.shown_sum import HIDDEN, shown_sum, shown_text
from fieldtui.supervise.spreadsheet import text_cell


def build_report(conn: Dataset, plan_id: str | None = None,
                 by: str | None = None, release: str | None = None,
                 by_language: bool = False, dataset: DatasetSpec | None = None, *,
                 written: bool = False) -> str:
    """The whole report for one plan (or every plan in the dataset) as plain text.
    A poll's tallies come from its release (the latest, or the one named); with
    `by_language` each item is also split by the language it was asked in. `dataset`:
    where `conn` was opened, for the commands the report suggests; `written`: the report
    goes to a file (see in_document)."""
    lines = [report_title(conn), ""]
    for plan in report_plans(conn, plan_id,
                             poll_options(release, by, by_language)):
        if plan.method == "poll":
            lines += [*heading_lines(plan), ""]
            rel = poll_release(conn, plan.id, plan_id is not None, release, dataset)
            if rel is None:
                # the command on a line of its own, whole (a Row is never wrapped)
                lines += [_(NO_RELEASE), Row("  " + release_create(
                    in_document(dataset, written), plan.id)), ""]
                continue
            if by_language:
                check_languages(rel, plan, dataset, conn)
            lines += release_lines(rel, by, by_language, dataset, plan, conn)
            lines.append("")
            continue
        docs = kept_sessions(conn, plan.id)
        lines += [*heading_lines(plan, sessions_words(len(docs))), ""]
        lines += coverage_lines(docs, plan)
        if plan.method == "group":
            lines += group_lines(docs, plan)
        lines.append("")
    return "\n".join(fitted_lines(lines)).rstrip() + "\n"


def heading_lines(plan: Plan, count: str = "") -> list[str]:
    """A plan's heading: `== title [id, method] — count` on one line where it fits 80
    columns, else the title (wrapped) and, under it, the id, method and count."""
    title = one_line(f"== {plan.title}")
    tail = one_line(f"[{plan.id}, {method_word(plan.method)}]" + (f" — {count}" if count else ""))
    if cell_len(f"{title} {tail}") <= REPORT_WIDTH:
        return [f"{title} {tail}"]
    return [*wrap_cells(title, REPORT_WIDTH, "   "), *wrap_cells(f"   {tail}", REPORT_WIDTH, "   ")]


def fitted_lines(lines: list[str]) -> list[str]:
    """Each line as one line of text (device text escaped), a longer one than the report's
    80 columns wrapped under its own indent (nothing cut), except a table's `Row`."""
    out: list[str] = []
    for raw in lines:
        line = one_line(raw)
        if isinstance(raw, Row) or cell_len(line) <= REPORT_WIDTH:
            out.append(line)  # a table's row keeps its columns, however wide
            continue
        indent = line[:len(line) - len(line.lstrip(" "))] + "  "
        out += wrap_cells(line, REPORT_WIDTH, indent)
    return out


def release_lines(rel: Release, by: str | None = None, by_language: bool = False,
                  dataset: DatasetSpec | None = None, plan: Plan | None = None,
                  conn: Dataset | None = None) -> list[str]:
    """A poll release's tallies (and, with `by`, its tables crossed by that item; with
    `by_language`, each item split by the language it was asked in); `plan`: the poll's,
    to check `by` is an item to cross by."""
    check_cross(rel, by, dataset, plan, conn)
    lines = [
        _("Release {name} of {created} (plan version {version}): about {respondents} "
          "respondents.").format(**release_words(rel)), protection_line(rel),
        *([statement(rel)] if by_language else []), ""]
    cells = rel.cells()
    tables = rel.tables
    for item, cats in tallied(rel):
        lines.append(_("{item}: {prompt}").format(item=item, prompt=tables['prompts'].get(item, '')))
        shown = [(named(rel, item, c), cells.get(("1", item, c))) for c in cats]
        lines += _one_way(shown)
        lines.append(f"  {base_words(shown_sum(c for _, c in shown))}")
        if by is not None and item != by:
            lines += _cross(cells, by, tables["categories"][by], item,
                            tables["categories"][item], lambda i, c: named(rel, i, c))
        if by_language:
            lines += split_lines(rel, item, split(rel, item, cats),
                                 partial(named, rel, item), HIDDEN)
        lines.append("")
    for item, options in tables["multi"].items():
        lines.append(_("{item}: {prompt}").format(item=item, prompt=tables['prompts'].get(item, '')))
        lines += _one_way([(named(rel, item, o), cells.get(("m", item, o, "yes")))
                           for o in options], total=False)
        lines.append(f"  {base_words(multi_base(rel, item))}")
        lines.append("")
    return lines


def _one_way(rows: list[tuple[str, int | None]], total: bool = True) -> list[str]:
    shown_total = shown_sum(c for _, c in rows)
    top = max([c for _, c in rows if c is not None] + [0])
    rows = [(one_line(label), count) for label, count in rows]  # width of what is shown
    word = _("total")
    width = max([cell_len(label) for label, _ in rows] + [5, cell_len(word) if total else 0])
    lines: list[str] = []
    for label, count in rows:
        share = (f"  {100 * count / shown_total:5.1f}%"
                 if count is not None and total and shown_total else "")
        bar = text_bar(count, top)
        lines.append(Row(f"  {left(label, width)}  {shown_text(count):>5}{share}"
                         + (f"  {bar}" if bar else "")))
    if total:
        lines.append(Row(f"  {left(word, width)}  {shown_text(shown_total):>5}"))
    return lines


# A crossed table's layout: two spaces, the row label's 14 cells, then 9 cells a column.
_LABEL, _COLUMN = 14, 9


def _cross(cells: dict[Key, int | None], by: str, rows: list[str], item: str,
           cols: list[str], name: Callable[[str, str], str]) -> list[str]:
    """The item crossed by `by`; a table wider than the report's 80 columns comes in
    blocks of columns of even width, one under the other (the row labels in each, the
    totals in the last), never as rows the terminal breaks."""
    matrix = [[cells.get(("x", by, r, item, c)) for c in cols] for r in rows]
    word = _("total")
    heads = [cut(one_line(name(item, c)), 8) for c in cols] + [cut(word, 8)]
    body = [[shown_text(v) for v in row] + [shown_text(shown_sum(row))] for row in matrix]
    sums = [shown_sum(row[j] for row in matrix) for j in range(len(cols))]
    labels = [cut(one_line(name(by, label)), _LABEL) for label in rows] + [cut(word, _LABEL)]
    body.append([shown_text(v) for v in sums] + [shown_text(shown_sum(sums))])
    return ["  " + _("by {by} (rows) × {item} (columns):").format(by=by, item=item),
            *column_blocks(heads, labels, body, indent=2, label=_LABEL, column=_COLUMN)]


def coverage_lines(docs: list[dict[str, Any]], plan: Plan) -> list[str]:
    """How many sessions covered each key point."""
    if not plan.key_items:
        return [_("No key points in this plan.")]
    lines = [_("Key-point coverage:")]
    for item_id, covered, share, prompt in coverage_rows(docs, plan):
        start = f"  {item_id:<20} " + of_words(covered, len(docs), 4) + f" {share:>5}  "
        lines.append(start + fitted(prompt, max(10, REPORT_WIDTH - cell_len(start))))
    return lines


def group_lines(docs: list[dict[str, Any]], plan: Plan) -> list[str]:
    """Per meeting: talk time by participant and agenda item, and the off-topic share; a
    table of more agenda items than fit 80 columns comes in blocks of them (`column_blocks`)."""
    sections = [s.id for s in plan.sections]
    lines = ["", _("Talk time (minutes) by participant and agenda item:")]
    if not docs:  # a heading over nothing read as a table gone missing
        lines.append("  " + _("(no meeting merged yet)"))
    for doc in docs:
        share = offtopic_share(doc, session_duration(doc))
        lines.append("  " + _("meeting {id} ({date}), off topic {share}").format(
            id=doc["session_id"][:8], date=doc.get("created", "")[:10], share=f"{share:.0%}"))
        table = sorted(turn_table(doc).items())
        body = [[f"{by_section.get(s, 0.0) / 60:.1f}" for s in sections]
                + [f"{sum(by_section.values()) / 60:.1f}"] for _who, by_section in table]
        lines += column_blocks([cut(s, 10) for s in sections] + [cut(_("total"), 10)],
                               [cut(text_cell(who), 8) for who, _times in table], body,
                               indent=4, label=8, column=11)
    return lines
