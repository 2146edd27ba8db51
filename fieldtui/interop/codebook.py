"""The codebook of the Stata/SPSS files: every variable with its name, full label, type,
values and their codes, missing codes, the plan versions it appears in and the condition
under which its item is asked. A roster's items are described under the roster's own file
(one row per member). No counts: a codebook travels further than the data, and small
counts identify people."""

from __future__ import annotations

from fieldtui.core.errors import one_line
from fieldtui.core.missing import SPSS_MISSING_RANGE, Missing
from fieldtui.core.plan.model import Plan
from fieldtui.interop.columns import FIXED, ROSTER_FIXED, ItemColumns, plan_columns, plan_rosters
from fieldtui.interop.names import base_name

_TYPES = {"coded": "numeric, coded", "number": "numeric", "indicator": "numeric, 0/1",
          "reason": "numeric, 1 or a missing code", "text": "text"}


def _md(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def codebook(plan_id: str, plans: list[Plan], numeric: frozenset[str] = frozenset()) -> str:
    """Markdown for the wide files of `plan_id` (all given versions); `numeric`: the
    calculations exported as numbers (exporter.numeric_calculations)."""
    versions = sorted(p.version for p in plans)
    title = max(plans, key=lambda p: p.version).title if plans else ""
    lines = [f"# Codebook: {_md(plan_id)} ({_md(title)})", "",
             f"Plan versions: {', '.join(map(str, versions))}. One row per session; "
             "`plan_version` says which version a session was asked from.", "",
             "## Missing codes", "",
             "| reason | Stata | SPSS | meaning |", "|---|---|---|---|"]
    lines += [f"| {m.code} | .{m.stata} | {m.spss} | {m.label} |" for m in Missing]
    lines += ["", f"SPSS declares {SPSS_MISSING_RANGE[0]} to {SPSS_MISSING_RANGE[1]} as "
              "user-missing. `not-asked`: the item's condition (below) was false for this "
              "respondent or member. Text variables hold an empty string when missing; their "
              "`_m` variable gives the reason.", "",
              "## Session variables", "", "| name | label | type |", "|---|---|---|"]
    lines += [f"| {name} | {_md(label)}{' (only with --with-identifiers)' if ident else ''} "
              f"| {kind} |" for name, label, kind, ident in FIXED]
    lines += ["", "## Item variables", ""]
    lines += _items(plan_columns(plans, numeric=numeric), plans)
    for roster in plan_rosters(plans):
        lines += [f"## Roster {_md(roster)}", "",
                  f"File `{base_name(plan_id)}_{base_name(roster)}`: one row per member of "
                  "the roster in a session, keyed by `session_id` and `member`.", "",
                  "| name | label | type |", "|---|---|---|"]
        lines += [f"| {name} | {_md(label)} | {kind} |" for name, label, kind, _ in ROSTER_FIXED]
        lines.append("")
        lines += _items(plan_columns(plans, roster=roster, numeric=numeric), plans)
    return "\n".join(lines)


def condition(item_id: str, plans: list[Plan]) -> str:
    """When an item is asked, in words (its own and its section's `relevant`, newest
    version); empty when always."""
    plan = max(plans, key=lambda p: p.version)
    try:
        section = plan.section_of(item_id)
    except KeyError:
        return ""
    parts = [text for text in (section.relevant, plan.item(item_id).relevant) if text]
    return " and ".join(f"`{_md(one_line(text))}` is true" for text in parts)


def _items(entries: list[ItemColumns], plans: list[Plan]) -> list[str]:
    lines: list[str] = []
    for entry in entries:
        when = condition(entry.item.id, plans)
        for var in entry.variables:
            lines += [f"### {var.name}", "", f"- label: {_md(var.label)}",
                      f"- item: `{_md(var.item_id)}` ({var.item_kind})"
                      + (f", option {_md(var.option)}" if var.option else ""),
                      f"- type: {_TYPES[var.kind]}",
                      f"- in plan versions: {', '.join(map(str, var.versions))}"]
            if var.values:
                lines.append("- values: " + "; ".join(f"{code} = {_md(label)}"
                                                      for code, label in var.values.items()))
            if when:
                lines.append(f"- asked only when {when}; otherwise not-asked")
            if var.kind != "text":
                lines.append("- missing: Stata .a-.g, SPSS -991 to -997 (see Missing codes)")
            lines.append("")
    return lines
