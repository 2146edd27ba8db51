"""The codebook of the Stata/SPSS files: every variable with its name, full label, type,
the question as asked (per plan version and language), its values and their codes with the
protected counts of the plan's latest poll release (codebook_counts), missing codes, and the
plan versions it appears in. Written as Markdown here, as HTML by codebook_html.

Not yet: an item's condition in words. Where the plan gives an item (or its section) a
`relevant` condition, the codebook shows the expression as written in the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldtui.core.errors import one_line
from fieldtui.core.missing import SPSS_MISSING_RANGE, Missing
from fieldtui.core.plan.model import Plan
from fieldtui.interop.codebook_counts import PlanCounts, Row
from fieldtui.interop.columns import FIXED, ItemColumns, Variable, plan_columns

TYPES = {"coded": "numeric, coded", "number": "numeric", "indicator": "numeric, 0/1",
         "reason": "numeric, 1 or a missing code", "text": "text"}
MISSING_NOTE = (f"SPSS declares {SPSS_MISSING_RANGE[0]} to {SPSS_MISSING_RANGE[1]} as "
                "user-missing. `not-asked` is reserved for questionnaire logic. Text "
                "variables hold an empty string when missing; their `_m` variable gives the "
                "reason.")
NO_CONDITIONS = ("Conditions: an item with no condition is asked of every respondent who "
                 "reaches it; a condition is shown as the plan's expression (`relevant`), "
                 "not yet in words.")


@dataclass
class Entry:
    """One variable as the codebook describes it."""

    var: Variable
    asked: list[tuple[str, str]]  # (versions and language, prompt as asked)
    rows: list[Row]  # (code, label, count)
    note: str  # where the counts come from, or why there are none
    condition: str = ""  # the latest version's `relevant` (section and item), as written


@dataclass
class Book:
    """The codebook of one plan (all its versions)."""

    plan_id: str
    title: str
    versions: list[int]
    counts: str  # where the counts come from, or why there are none
    entries: list[Entry]


def _asked(entry: ItemColumns, plans: list[Plan]) -> list[tuple[str, str]]:
    """The item's prompt as each version asked it, versions with the same text together."""
    found: dict[tuple[str, str], list[int]] = {}
    for plan in sorted(plans, key=lambda p: p.version):
        for item in plan.items:
            if item.id == entry.item.id and item.kind == entry.item.kind:
                found.setdefault((plan.language, item.prompt), []).append(plan.version)
    return [(f"version {', '.join(map(str, versions))} ({one_line(language)})",
             one_line(prompt)) for (language, prompt), versions in found.items()]


def _condition(entry: ItemColumns, plans: list[Plan]) -> str:
    """The latest version's conditions on the item: its section's and its own."""
    latest = max(plans, key=lambda p: p.version)
    for section in latest.sections:
        for item in section.items:
            if item.id == entry.item.id and item.kind == entry.item.kind:
                found = [c for c in (section.relevant, item.relevant) if c]
                return one_line(" and ".join(f"({c})" if len(found) > 1 else c for c in found))
    return ""


def build_book(plan_id: str, plans: list[Plan], counts: PlanCounts | None = None) -> Book:
    """The codebook's content for the wide file of `plan_id`."""
    counts = counts or PlanCounts(plan_id, False, None)
    entries = []
    for entry in plan_columns(plans):
        asked = _asked(entry, plans)
        condition = _condition(entry, plans)
        for var in entry.variables:
            rows, note = counts.rows(entry, var)
            entries.append(Entry(var, asked, rows, note, condition))
    title = max(plans, key=lambda p: p.version).title if plans else ""
    return Book(plan_id, one_line(title), sorted(p.version for p in plans), counts.statement(),
                entries)


def _md(text: str) -> str:
    """Text safe in a Markdown table cell, and never markup (a Markdown viewer would pass
    an HTML tag on to the page)."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
            .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def codebook(plan_id: str, plans: list[Plan], counts: PlanCounts | None = None) -> str:
    """Markdown for the wide file of `plan_id` (all given versions)."""
    book = build_book(plan_id, plans, counts)
    lines = [f"# Codebook: {_md(one_line(plan_id))} ({_md(book.title)})", "",
             f"Plan versions: {', '.join(map(str, book.versions))}. One row per session; "
             "`plan_version` says which version a session was asked from.", "",
             _md(book.counts), "", NO_CONDITIONS, "",
             "## Missing codes", "",
             "| reason | Stata | SPSS | meaning |", "|---|---|---|---|"]
    lines += [f"| {m.code} | .{m.stata} | {m.spss} | {m.label} |" for m in Missing]
    lines += ["", MISSING_NOTE, "",
              "## Session variables", "", "| name | label | type |", "|---|---|---|"]
    lines += [f"| {name} | {_md(label)}{' (only with --with-identifiers)' if ident else ''} "
              f"| {kind} |" for name, label, kind, ident in FIXED]
    lines += ["", "## Item variables", ""]
    for e in book.entries:
        var = e.var
        lines += [f"### {var.name}", "", f"- label: {_md(var.label)}",
                  f"- item: `{_md(var.item_id)}` ({var.item_kind})"
                  + (f", option {_md(one_line(var.option))}" if var.option else ""),
                  f"- type: {TYPES[var.kind]}",
                  f"- in plan versions: {', '.join(map(str, var.versions))}"]
        lines += [f"- asked in {_md(when)}: {_md(prompt)}" for when, prompt in e.asked]
        if e.condition:
            lines.append(f"- condition (the plan's expression): {_md(e.condition)}")
        if e.rows:
            lines.append("- values" + (f" ({_md(e.note)})" if e.note else "") + ": " + "; ".join(
                (f"{_md(code)} = " if code else "") + _md(label) + (f": {count}" if count else "")
                for code, label, count in e.rows))
        elif e.note:
            lines.append(f"- counts: {_md(e.note)}")
        if var.kind != "text":
            lines.append("- missing: Stata .a-.g, SPSS -991 to -997 (see Missing codes)")
        lines.append("")
    return "\n".join(lines)
