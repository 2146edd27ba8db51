"""The supervisor's report as one self-contained HTML file: no script, no network, no
external fonts or images; inline SVG bar charts of a release's published counts, each with
the release, the protection and the base stated beside it, and a print stylesheet.

Every text from a device or a plan goes through `safe` (control characters shown as
escapes, then HTML-escaped, quotes included): a label can never open a tag or an attribute.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _, current
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.release import Release
from fieldtui.supervise.report import group_lines
from fieldtui.supervise.report_bars import svg_chart
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

STYLE = """
:root { --ink: #1b1b1b; --muted: #555; --paper: #fff; --bar: #2f6690; --rule: #ccc; }
body { font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background: var(--paper);
       max-width: 58rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin-bottom: .2rem; }
.meta { color: var(--muted); font-size: .9rem; margin: .2rem 0 .6rem; }
.item { margin: 1.2rem 0 2rem; }
.chart .bar { fill: var(--bar); } .chart text { font-size: 13px; fill: var(--ink); }
.chart .suppressed { font-weight: bold; fill: var(--muted); }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { padding: .15rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
pre { white-space: pre-wrap; }
.wide { overflow-x: auto; } table.cross th, table.cross td { font-size: .9rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; color: #000; background: #fff; }
  .item, table, svg { break-inside: avoid; }
  .wide { overflow: visible; } table.cross th, table.cross td { font-size: 8pt; }
  .chart .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def safe(text: str) -> str:
    """Text from a device or a plan, made safe for HTML text and attribute values."""
    return escape(one_line(text), quote=True)


def build_html(conn: Dataset, plan_id: str | None = None, by: str | None = None,
               release: str | None = None, by_language: bool = False,
               dataset: DatasetSpec | None = None, *, written: bool = False) -> str:
    """The whole report as a standalone HTML document (`by_language`: each item also
    split by the language it was asked in; `dataset`: where `conn` was opened, for the
    commands it suggests; `written`: it goes to a file, see report.in_document)."""
    title = report_title(conn)
    body = [f"<h1>{safe(title)}</h1>"]
    for plan in report_plans(conn, plan_id,
                             poll_options(release, by, by_language)):
        if plan.method == "poll":
            body.append(f"<h2>{safe(plan.title)} [{safe(plan.id)}, "
                        f"{safe(method_word(plan.method))}]</h2>")
            rel = poll_release(conn, plan.id, plan_id is not None, release, dataset)
            if rel is None:
                body.append(f"<p>{safe(no_release(plan.id, in_document(dataset, written)))}</p>")
                continue
            check_cross(rel, by, dataset, plan, conn)
            if by_language:
                check_languages(rel, plan, dataset, conn)
            body += release_html(rel, by, by_language)
            continue
        docs = kept_sessions(conn, plan.id)
        body.append(f"<h2>{safe(plan.title)} [{safe(plan.id)}, {safe(method_word(plan.method))}]"
                    f" — {safe(sessions_words(len(docs)))}</h2>")
        body += coverage_html(docs, plan)
        if plan.method == "group":
            body.append("<pre>" + "\n".join(safe(line) for line in group_lines(docs, plan))
                        + "</pre>")
    return (f"<!DOCTYPE html>\n<html lang=\"{current()}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">"
            f"<title>{safe(title)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def release_html(rel: Release, by: str | None, by_language: bool = False) -> list[str]:
    """Each item of a poll release: heading, statement, chart and table (and its split
    by language)."""
    cells = rel.cells()
    tables = rel.tables
    base = _("about {respondents} respondents").format(respondents=tables["respondents"])
    words = {k: safe(str(v)) for k, v in release_words(rel).items()}
    out = ["<p class=\"meta\">" + _("Release {name} of {created} (plan version {version}), "
                                     "{base}.").format(**words, base=safe(base))
           + f" {safe(protection_line(rel))}"
           + (f" {safe(statement(rel))}" if by_language else "") + "</p>"]
    for item, cats in tallied(rel):
        rows = [(named(rel, item, c), cells.get(("1", item, c))) for c in cats]
        shown = shown_sum(c for _, c in rows)
        cross = (_cross_table(rel, cells, by, tables["categories"][by], item,
                              tables["categories"][item])
                 if by is not None and item != by else "")
        if by_language:
            cross += _split_table(rel, item, split(rel, item, cats))
        out.append(_item(rel, item, tables["prompts"].get(item, ""), rows,
                         _("{base} (of {respondents}); the shown counts add up to {shown}")
                         .format(base=base_words(shown), respondents=base,
                                 shown=HIDDEN if shown is None else shown),
                         True) + cross)
    for item, options in tables["multi"].items():
        rows = [(named(rel, item, o), cells.get(("m", item, o, "yes"))) for o in options]
        out.append(_item(rel, item, tables["prompts"].get(item, ""), rows,
                         _("{base} (of {respondents}), each counted for every option they "
                           "chose").format(base=base_words(multi_base(rel, item)),
                                           respondents=base), False))
    return out


def _item(rel: Release, item: str, prompt: str, rows: list[tuple[str, int | None]],
          base: str, shares: bool) -> str:
    shown = shown_sum(c for _, c in rows)
    p = rel.params
    meta = (_("Release {name} · protection: cell key, counts perturbed by at most "
              "{max_change}, below {min_cell} suppressed ({hidden})").format(
                name=safe(rel.name), max_change=p["max_change"], min_cell=p["min_cell"],
                hidden=HIDDEN) + f" · {safe(base)}")
    lines = []
    for label, count in rows:
        share = (f"{100 * count / shown:.1f}%" if shares and count is not None and shown
                 else "")
        value = HIDDEN if count is None else str(count)
        lines.append(f"<tr class=\"cell\"><td>{safe(label)}</td><td class=\"n\">{value}</td>"
                     + (f"<td class=\"n\">{share}</td>" if shares else "") + "</tr>")
    head = "<tr>" + "".join(f"<th>{safe(h)}</th>" for h in (
        _("Answer"), _("Count"), *([_("Share")] if shares else []))) + "</tr>"
    word = safe(_("total"))
    total = (f"<tr class=\"total\"><th>{word}</th><td class=\"n\">{shown_text(shown)}</td>"
             "<td></td></tr>" if shares else "")
    heading = _("{item}: {prompt}").format(item=item, prompt=prompt)
    return (f"<section class=\"item\"><h3>{safe(heading)}</h3>"
            f"<p class=\"meta\">{meta}</p>"
            + svg_chart(rows, heading, HIDDEN, safe)
            + f"<table class=\"counts\">{head}{''.join(lines)}{total}</table></section>")


def _cross_table(rel: Release, cells: dict[tuple[str, ...], int | None], by: str,
                 rows: list[str], item: str, cols: list[str]) -> str:
    head = "".join(f"<th>{safe(named(rel, item, c))}</th>" for c in cols)
    caption = _("by {by} (rows) × {item} (columns)").format(by=safe(by), item=safe(item))
    word = safe(_("total"))
    out = [f"<div class=\"wide\"><table class=\"cross\"><caption>{caption}"
           f"</caption><tr><th></th>{head}<th>{word}</th></tr>"]
    for r in rows:
        values = [cells.get(("x", by, r, item, c)) for c in cols]
        tds = "".join(f"<td class=\"n cell\">{HIDDEN if v is None else v}</td>" for v in values)
        out.append(f"<tr><th>{safe(named(rel, by, r))}</th>{tds}"
                   f"<td class=\"n\">{shown_text(shown_sum(values))}</td></tr>")
    return "".join(out) + "</table></div>"


def _split_table(rel: Release, item: str, rows: Split) -> str:
    """An item's answers by the language they were asked in, one column a language."""
    caption = safe(_("{item} by the language it was asked in:").format(item=item))
    head = "".join(f"<th>{safe(h)}</th>" for h in column_names(rel))
    out = [f"<div class=\"wide\"><table class=\"cross language\"><caption>{caption}"
           f"</caption><tr><th></th>{head}<th>{safe(_('total'))}</th></tr>"]
    for category, counts in rows:
        tds = "".join(f"<td class=\"n cell\">{HIDDEN if v is None else v}</td>"
                      for v in counts)
        out.append(f"<tr><th>{safe(named(rel, item, category))}</th>{tds}"
                   f"<td class=\"n\">{shown_text(shown_sum(counts))}</td></tr>")
    return "".join(out) + "</table></div>"


def coverage_html(docs: list[dict[str, Any]], plan: Plan) -> list[str]:
    """Key-point coverage as a table."""
    rows = coverage_rows(docs, plan)
    if not rows:
        return ["<p>" + safe(_("No key points in this plan.")) + "</p>"]
    trs = "".join(f"<tr><td>{safe(i)}</td><td class=\"n\">{safe(of_words(n, len(docs)))}</td>"
                  f"<td class=\"n\">{safe(share)}</td><td>{safe(prompt)}</td></tr>"
                  for i, n, share, prompt in rows)
    heads = "".join(f"<th>{safe(h)}</th>"
                    for h in (_("Key point"), _("Sessions"), _("Share"), _("Prompt")))
    return ["<h3>" + safe(_("Key-point coverage")) + "</h3><table class=\"coverage\">"
            f"<tr>{heads}</tr>{trs}</table>"]
