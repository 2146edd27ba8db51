"""The supervisor's report as Markdown: a table per poll item (published counts, text bars;
suppressed cells `x`), key-point coverage tables, meeting talk time as a code block.

Text from a device or a plan is escaped (`md`): control characters shown as escapes, HTML
special characters as entities and Markdown punctuation backslashed, so a label can neither
open a tag nor break a table.
"""

from __future__ import annotations

import re
from html import escape

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.release import Release
from fieldtui.supervise.report import group_lines
from fieldtui.supervise.report_bars import text_bar
from fieldtui.supervise.report_counts import (
    check_cross,
    coverage_rows,
    kept_sessions,
    multi_base,
    poll_options,
    poll_release,
    report_plans,
    tallied,
)
from fieldtui.supervise.report_languages import (
    Split,
    check_languages,
    column_names,
    split,
    statement,
)
from fieldtui.supervise.report_words import (
    base_words,
    in_document,
    method_word,
    named,
    no_release,
    of_words,
    protection_line,
    release_words,
    report_title,
    sessions_words,
)
from fieldtui.supervise.shown_sum import HIDDEN, shown_sum, shown_text

_PUNCT = re.compile(r"([\\`*_\[\]|~])")  # labels sit in table cells, never at a line start


def md(text: str) -> str:
    """Text made inert in Markdown (and in the HTML a Markdown viewer renders)."""
    return _PUNCT.sub(r"\\\1", escape(one_line(text), quote=True))


def build_markdown(conn: Dataset, plan_id: str | None = None,
                   by: str | None = None, release: str | None = None,
                   by_language: bool = False, dataset: DatasetSpec | None = None, *,
                   written: bool = False) -> str:
    """The whole report as Markdown (`by_language`: each item also split by the language
    it was asked in; `dataset`: where `conn` was opened, for the commands it suggests;
    `written`: it goes to a file, see report.in_document)."""
    out = [f"# {md(report_title(conn))}", ""]
    for plan in report_plans(conn, plan_id,
                             poll_options(release, by, by_language)):
        if plan.method == "poll":
            out += [f"## {md(plan.title)} \\[{md(plan.id)}, {md(method_word(plan.method))}\\]",
                    ""]
            rel = poll_release(conn, plan.id, plan_id is not None, release, dataset)
            if rel is None:
                out += [md(no_release(plan.id, in_document(dataset, written))), ""]
                continue
            check_cross(rel, by, dataset, plan, conn)
            if by_language:
                check_languages(rel, plan, dataset, conn)
            out += _release(rel, by_language)
            continue
        docs = kept_sessions(conn, plan.id)
        out += [f"## {md(plan.title)} \\[{md(plan.id)}, {md(method_word(plan.method))}\\] — "
                f"{md(sessions_words(len(docs)))}", ""]
        rows = coverage_rows(docs, plan)
        if rows:
            out += [_row(_("Key point"), _("Sessions"), _("Share"), _("Prompt")),
                    "|---|--:|--:|---|"]
            out += [f"| {md(i)} | {md(of_words(n, len(docs)))} | {md(s)} | {md(p)} |"
                    for i, n, s, p in rows]
        else:
            out.append(md(_("No key points in this plan.")))
        out.append("")
        if plan.method == "group":
            # In a code block nothing is markup; only the fence itself must not appear.
            talk = [one_line(line).replace("```", "'''") for line in group_lines(docs, plan)]
            out += ["```text", *talk, "```", ""]
    return "\n".join(out).rstrip() + "\n"


def _release(rel: Release, by_language: bool = False) -> list[str]:
    cells = rel.cells()
    tables = rel.tables
    words = {k: md(str(v)) for k, v in release_words(rel).items()}
    out = [_("Release {name} of {created} (plan version {version}): about {respondents} "
             "respondents.").format(**words) + f" {md(protection_line(rel))}"
           + (f" {md(statement(rel))}" if by_language else ""), ""]
    for item, cats in tallied(rel):
        rows = [(named(rel, item, c), cells.get(("1", item, c))) for c in cats]
        out += _item(item, tables["prompts"].get(item, ""), rows, True,
                     shown_sum(c for _, c in rows))
        if by_language:
            out += _split(rel, item, split(rel, item, cats))
    for item, options in tables["multi"].items():
        out += _item(item, tables["prompts"].get(item, ""),
                     [(named(rel, item, o), cells.get(("m", item, o, "yes")))
                      for o in options], False,
                     multi_base(rel, item))
    return out


def _split(rel: Release, item: str, rows: Split) -> list[str]:
    """An item's answers by the language they were asked in, one column a language."""
    heads = column_names(rel)
    out = [md(_("{item} by the language it was asked in:").format(item=item)), "",
           f"| {md(_('Answer'))} | " + " | ".join(md(h) for h in heads)
           + f" | {md(_('total'))} |", "|---|" + "--:|" * (len(heads) + 1)]
    for category, counts in rows:
        out.append(f"| {md(named(rel, item, category))} | "
                   + " | ".join(HIDDEN if c is None else str(c) for c in counts)
                   + f" | {shown_text(shown_sum(counts))} |")
    sums = [shown_sum(counts[j] for _, counts in rows) for j in range(len(heads))]
    out.append(f"| {md(_('total'))} | " + " | ".join(shown_text(s) for s in sums)
               + f" | {shown_text(shown_sum(sums))} |")
    return [*out, ""]


def _item(item: str, prompt: str, rows: list[tuple[str, int | None]], shares: bool,
          base: int | None) -> list[str]:
    shown = shown_sum(c for _, c in rows)
    top = max([c for _, c in rows if c is not None] + [0])
    out = [f"### {md(item)}: {md(prompt)}", "", f"{md(base_words(base).capitalize())}.", "",
           _row(_("Answer"), _("Count"), _("Share"), "") if shares
           else _row(_("Answer"), _("Count"), ""),
           "|---|--:|--:|---|" if shares else "|---|--:|---|"]
    for label, count in rows:
        value = HIDDEN if count is None else str(count)
        share = (f"{100 * count / shown:.1f}%" if count is not None and shown else "")
        out.append(f"| {md(label)} | {value} | " + (f"{share} | " if shares else "")
                   + f"{text_bar(count, top, 16)} |")
    if shares:
        out.append("| " + md(_("total")) + f" | {shown_text(shown)} | | |")
    return [*out, ""]


def _row(*heads: str) -> str:
    """A table's heading row ("| Answer | Count | |": an empty heading is one space)."""
    return "|" + "".join(f" {md(h)} |" if h else " |" for h in heads)
