"""The codebook of the Stata/SPSS files: every variable with its name, full label, type,
values and their codes, missing codes, and the plan versions it appears in. No counts: a
codebook travels further than the data, and small counts identify people."""

from __future__ import annotations

from fieldtui.core.missing import SPSS_MISSING_RANGE, Missing
from fieldtui.core.plan.model import Plan
from fieldtui.interop.columns import FIXED, plan_columns

_TYPES = {"coded": "numeric, coded", "number": "numeric", "indicator": "numeric, 0/1",
          "reason": "numeric, 1 or a missing code", "text": "text"}


def _md(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def codebook(plan_id: str, plans: list[Plan]) -> str:
    """Markdown for the wide file of `plan_id` (all given versions)."""
    versions = sorted(p.version for p in plans)
    title = max(plans, key=lambda p: p.version).title if plans else ""
    lines = [f"# Codebook: {_md(plan_id)} ({_md(title)})", "",
             f"Plan versions: {', '.join(map(str, versions))}. One row per session; "
             "`plan_version` says which version a session was asked from.", "",
             "## Missing codes", "",
             "| reason | Stata | SPSS | meaning |", "|---|---|---|---|"]
    lines += [f"| {m.code} | .{m.stata} | {m.spss} | {m.label} |" for m in Missing]
    lines += ["", f"SPSS declares {SPSS_MISSING_RANGE[0]} to {SPSS_MISSING_RANGE[1]} as "
              "user-missing. `not-asked` is reserved for questionnaire logic. Text variables "
              "hold an empty string when missing; their `_m` variable gives the reason.", "",
              "## Session variables", "", "| name | label | type |", "|---|---|---|"]
    lines += [f"| {name} | {_md(label)}{' (only with --with-identifiers)' if ident else ''} "
              f"| {kind} |" for name, label, kind, ident in FIXED]
    lines += ["", "## Item variables", ""]
    for entry in plan_columns(plans):
        for var in entry.variables:
            lines += [f"### {var.name}", "", f"- label: {_md(var.label)}",
                      f"- item: `{_md(var.item_id)}` ({var.item_kind})"
                      + (f", option {_md(var.option)}" if var.option else ""),
                      f"- type: {_TYPES[var.kind]}",
                      f"- in plan versions: {', '.join(map(str, var.versions))}"]
            if var.values:
                lines.append("- values: " + "; ".join(f"{code} = {_md(label)}"
                                                      for code, label in var.values.items()))
            if var.kind != "text":
                lines.append("- missing: Stata .a-.g, SPSS -991 to -997 (see Missing codes)")
            lines.append("")
    return "\n".join(lines)
