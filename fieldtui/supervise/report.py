"""The supervisor's report as text: poll tallies (suppressed), key-point coverage,
and for group meetings talk time by participant and agenda item with the off-topic share.

Every line is escaped (`core.errors.one_line`) and a cell a device named (a participant) never
starts a spreadsheet formula (`spreadsheet.text_cell`): the report goes to a terminal or a file.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.dataset import get_meta, session_documents
from fieldtui.supervise.flags import offtopic_share, talk_times
from fieldtui.supervise.poll_tables import PollReport, Tally, poll_report
from fieldtui.supervise.session_rows import session_duration
from fieldtui.supervise.spreadsheet import text_cell
from fieldtui.supervise.study_link import dataset_plans

HIDDEN = "x"


def build_report(conn: sqlite3.Connection, plan_id: str | None = None,
                 by: str | None = None) -> str:
    """The whole report for one plan (or every plan in the dataset) as plain text."""
    plans = dataset_plans(conn)
    latest: dict[str, Plan] = {}
    for (pid, _version), plan in sorted(plans.items()):
        latest[pid] = plan
    wanted = sorted(latest) if plan_id is None else [plan_id]
    if plan_id is not None and plan_id not in latest:
        known = ", ".join(sorted(latest)) or "none"
        raise FieldtuiError(f"no plan {plan_id!r} in this dataset (plans: {known})",
                            "give one of those ids with --plan")
    lines = [f"fieldtui report — study {get_meta(conn, 'study_name', '?')} "
             f"({get_meta(conn, 'study_id', '?')})", ""]
    for pid in wanted:
        plan = latest[pid]
        docs = [d for d in session_documents(conn, plan_id=pid)
                if d.get("status") != "refused"]
        lines += [f"== {plan.title} [{plan.id}, {plan.method}] — {len(docs)} session(s)", ""]
        if plan.method == "poll":
            lines += poll_lines(poll_report(docs, plan, by))
        else:
            lines += coverage_lines(docs, plan)
            if plan.method == "group":
                lines += group_lines(docs, plan)
        lines.append("")
    return "\n".join(one_line(line) for line in lines).rstrip() + "\n"


def poll_lines(report: PollReport) -> list[str]:
    """A poll's tallies; suppressed counts show as `x`. Number items show ranges only:
    no values and no means, which could reveal one respondent."""
    if report.withheld:
        return [f"Nothing shown: {report.withheld}."]
    lines = [f"Respondents: {report.respondents}. Counts below {report.min_cell} are "
             f"suppressed ({HIDDEN}), with others where totals would reveal them.", ""]
    for tally in report.tallies:
        lines += [*_tally_lines(tally), ""]
    return lines


def _fmt(count: int | None) -> str:
    return HIDDEN if count is None else str(count)


def _tally_lines(tally: Tally) -> list[str]:
    lines = [f"{tally.item_id}: {tally.prompt}"]
    if tally.note:
        return [*lines, f"  {tally.note}."]
    width = max([len(r.label) for r in tally.rows] + [5])
    for row in tally.rows:
        share = ""
        if row.count is not None and tally.total:
            share = f"  {100 * row.count / tally.total:5.1f}%"
        lines.append(f"  {row.label:<{width}}  {_fmt(row.count):>5}{share}")
    lines.append(f"  {'total':<{width}}  {_fmt(tally.total):>5}")
    if tally.matrix is not None and tally.by_labels is not None:
        lines.append(f"  by {tally.by_item} (rows) × {tally.item_id} (columns):")
        heads = [r.label[:8] for r in tally.rows]
        lines.append("  " + " " * 14 + "".join(f"{h:>9}" for h in heads))
        for label, cells in zip(tally.by_labels, tally.matrix, strict=True):
            lines.append(f"  {label[:14]:<14}" + "".join(f"{_fmt(c):>9}" for c in cells))
    return lines


def coverage_lines(docs: list[dict[str, Any]], plan: Plan) -> list[str]:
    """How many sessions covered each key point."""
    if not plan.key_items:
        return ["No key points in this plan."]
    lines = ["Key-point coverage:"]
    for item in plan.key_items:
        covered = sum(1 for d in docs
                      if ((d.get("answers") or {}).get(item.id) or {}).get("key_covered"))
        share = f"{100 * covered / len(docs):.0f}%" if docs else "—"
        lines.append(f"  {item.id:<20} {covered:>4} of {len(docs):<4} {share:>5}  "
                     f"{item.prompt[:40]}")
    return lines


def turn_table(doc: dict[str, Any]) -> dict[str, dict[str, float]]:
    """participant -> agenda item (section) -> seconds of talk."""
    # Silent participants still get a row.
    table: dict[str, dict[str, float]] = {who: defaultdict(float) for who in talk_times(doc)}
    for event in doc.get("events") or []:
        if event.get("type") == "turn" and event.get("participant"):
            section = str(event.get("section_id") or "—")
            table.setdefault(str(event["participant"]), defaultdict(float))[section] += float(event.get("duration") or 0.0)
    return table


def group_lines(docs: list[dict[str, Any]], plan: Plan) -> list[str]:
    """Per meeting: talk time by participant and agenda item, and the off-topic share."""
    sections = [s.id for s in plan.sections]
    lines = ["", "Talk time (minutes) by participant and agenda item:"]
    for doc in docs:
        share = offtopic_share(doc, session_duration(doc))
        lines.append(f"  meeting {doc['session_id'][:8]} ({doc.get('created', '')[:10]}), "
                     f"off topic {share:.0%}")
        lines.append("    " + f"{'':<8}" + "".join(f"{s[:10]:>11}" for s in sections)
                     + f"{'total':>9}")
        for who, by_section in sorted(turn_table(doc).items()):
            cells = "".join(f"{by_section.get(s, 0.0) / 60:>11.1f}" for s in sections)
            lines.append(f"    {text_cell(who)[:8]:<8}{cells}{sum(by_section.values()) / 60:>9.1f}")
    return lines
