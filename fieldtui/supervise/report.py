"""The supervisor's report as text: poll tallies (from a release: perturbed, small counts
suppressed), key-point coverage, and for group meetings talk time by participant and
agenda item with the off-topic share.

Every line is escaped (`core.errors.one_line`) and a cell a device named (a participant) never
starts a spreadsheet formula (`spreadsheet.text_cell`): the report goes to a terminal or a file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from rich.cells import cell_len, set_cell_size

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.core.plan.model import Plan
from fieldtui.supervise.asked import covered_items
from fieldtui.supervise.attacker import Key
from fieldtui.supervise.command_paths import release_create
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.dataset_documents import session_documents
from fieldtui.supervise.dataset_meta import get_meta
from fieldtui.supervise.flags import offtopic_share, seconds, talk_times
from fieldtui.supervise.number_bins import shown_label
from fieldtui.supervise.poll_tables import ASKED, INVALID, NO_ANSWER, NOT_ASKED
from fieldtui.supervise.release import Release, find_release, releases
from fieldtui.supervise.report_bars import text_bar
from fieldtui.supervise.report_languages import (
    check_languages,
    in_interface_language,
    plan_shown,
    split,
    split_lines,
    statement,
)
from fieldtui.supervise.report_wrap import Row, wrap_cells
from fieldtui.supervise.session_rows import session_duration
from fieldtui.supervise.shown_sum import HIDDEN, shown_sum, shown_text
from fieldtui.supervise.spreadsheet import text_cell
from fieldtui.supervise.study_link import dataset_plans

# a plan's method as a report's headings name it
METHODS = {"poll": N_("poll"), "interview": N_("interview"), "group": N_("group")}
NO_RELEASE = N_("No release of this poll yet; make one with:")  # the command follows


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
    for plan in report_plans(conn, plan_id):
        if plan.method == "poll":
            lines += [*heading_lines(plan), ""]
            rel = poll_release(conn, plan.id, plan_id is not None, release, dataset)
            if rel is None:
                # the command on a line of its own, whole (a Row is never wrapped)
                lines += [_(NO_RELEASE), Row("  " + release_create(
                    in_document(dataset, written), plan.id)), ""]
                continue
            if by_language:
                check_languages(rel, plan, dataset)
            lines += release_lines(rel, by, by_language, dataset)
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


def report_title(conn: Dataset) -> str:
    """The report's first line: the study's name and id."""
    return _("fieldtui report — study {name} ({id})").format(
        name=get_meta(conn, "study_name", "?"), id=get_meta(conn, "study_id", "?"))


def method_word(method: str) -> str:
    """A plan's method as a heading names it (in the interface language)."""
    return _(METHODS[method]) if method in METHODS else method


def sessions_words(count: int) -> str:
    """How many sessions a plan's heading counts."""
    return ngettext("{count} session", "{count} sessions", count).format(count=count)


def release_words(rel: Release) -> dict[str, object]:
    """The values a release's heading names (its name, date, plan version, respondents)."""
    return {"name": rel.name, "created": rel.created_at, "version": rel.plan_version,
            "respondents": rel.tables["respondents"]}


def report_plans(conn: Dataset, plan_id: str | None) -> list[Plan]:
    """The plans a report covers (the newest version of each, or of the one asked for)."""
    latest: dict[str, Plan] = {}
    for (pid, _version), plan in sorted(dataset_plans(conn).items()):
        latest[pid] = plan
    if plan_id is not None and plan_id not in latest:
        known = _(", ").join(sorted(latest)) or _("none")
        raise FieldtuiError(_("no plan {plan_id} in this dataset (plans: {known})").format(plan_id=repr(plan_id), known=known),
                            _("give one of those ids with --plan"))
    return [plan_shown(latest[p]) for p in (sorted(latest) if plan_id is None else [plan_id])]


def poll_release(conn: Dataset, plan_id: str, asked: bool, name: str | None,
                 dataset: DatasetSpec | None = None) -> Release | None:
    """The poll's release to report; None when it has none and the poll was not asked for
    by name (a poll asked for with --plan and no release is an error saying how to make one
    of `dataset`)."""
    if not asked and not releases(conn, plan_id):
        return None
    return in_interface_language(conn, find_release(conn, plan_id, name, dataset))


def in_document(dataset: DatasetSpec | None, written: bool) -> DatasetSpec | None:
    """The dataset a report's own text may name: none (the placeholder DATASET) in a
    report written to a file (-o), a document that leaves this terminal and may leave this
    machine (to the study's recipients, or any --recipient), where the path of the
    supervisor's dataset (their account's name, the study's folders) has no place, as in
    a codebook. An error stops the command on the terminal: it names the path."""
    return None if written else dataset


def no_release(plan_id: str, dataset: DatasetSpec | None) -> str:
    """A poll with no release, in one line: how to make one of `dataset`."""
    return f"{_(NO_RELEASE)} {release_create(dataset, plan_id)}"


def kept_sessions(conn: Dataset, plan_id: str) -> list[dict[str, Any]]:
    """The plan's session documents, refusals left out."""
    return [d for d in session_documents(conn, plan_id=plan_id) if d.get("status") != "refused"]


def protection_line(rel: Release) -> str:
    """How the release protects its counts, in one sentence."""
    p = rel.params
    return _("Protection: cell key method. Every count is perturbed (largest change "
             "{max_change}, variance {variance}); counts below {min_cell} are suppressed "
             "({hidden}); totals are sums of the shown counts and percentages come from "
             "them.").format(max_change=p["max_change"], variance=f"{p['variance']:g}",
                             min_cell=p["min_cell"], hidden=HIDDEN)


def release_lines(rel: Release, by: str | None = None, by_language: bool = False,
                  dataset: DatasetSpec | None = None) -> list[str]:
    """A poll release's tallies (and, with `by`, its tables crossed by that item; with
    `by_language`, each item split by the language it was asked in)."""
    check_cross(rel, by, dataset)
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


def named(rel: Release, item: str, category: str) -> str:
    """How a category (an option's value, its code) is shown: the option's label."""
    labels: dict[str, dict[str, str]] = rel.tables.get("labels") or {}
    if category in (NO_ANSWER, INVALID, NOT_ASKED, ASKED):  # the release's own categories
        return _(category)
    found = labels.get(item, {}).get(category)
    return found if found is not None else shown_label(category)


def tallied(rel: Release) -> list[tuple[str, list[str]]]:
    """Each tallied item with the categories of its base (those asked it): "(not asked)"
    and a multi item's own base table are left out of what is shown as the item."""
    return [(item, [c for c in cats if c != NOT_ASKED])
            for item, cats in rel.tables["categories"].items()
            if item not in rel.tables["multi"]]


def multi_base(rel: Release, item: str) -> int | None:
    """The published count of respondents asked a multi item (all of them when it has no
    condition)."""
    if item in rel.tables["categories"]:
        return rel.cells().get(("1", item, ASKED))
    return int(rel.tables["respondents"])


def base_words(n: int | None) -> str:
    """What an item's counts are out of: the respondents who were asked it (n is a
    published, protected count: a sum of shown cells, or a perturbed one)."""
    return _("base: asked, n = {n}").format(n=HIDDEN if n is None else n)


def check_cross(rel: Release, by: str | None, dataset: DatasetSpec | None = None) -> None:
    """An error unless the release has tables crossed by `by` (or `by` is None); its hint
    makes one of `dataset` that has them."""
    if by is not None and by not in rel.crossing:
        what = (_("release {name} has no tables crossed by {by} (it crosses {crossed})")
                if rel.crossing else
                _("release {name} has no tables crossed by {by} (it was made without --cross)"))
        raise FieldtuiError(
            what.format(name=rel.name, by=repr(by), crossed=_(", ").join(rel.crossing)),
            _("make a release that does: {command}").format(
                command=release_create(dataset, rel.plan_id, by)))


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


def cut(text: str, cells: int) -> str:
    """`text` cut to `cells` terminal cells (a wide character takes two; one cut in half
    becomes a space)."""
    return text if cell_len(text) <= cells else set_cell_size(text, cells)


def left(text: str, cells: int) -> str:
    """`text` padded on the right to `cells` terminal cells."""
    return text + " " * max(0, cells - cell_len(text))


def right(text: str, cells: int) -> str:
    """`text` padded on the left to `cells` terminal cells."""
    return " " * max(0, cells - cell_len(text)) + text


def _cross(cells: dict[Key, int | None], by: str, rows: list[str], item: str,
           cols: list[str], name: Callable[[str, str], str]) -> list[str]:
    matrix = [[cells.get(("x", by, r, item, c)) for c in cols] for r in rows]
    word = _("total")
    lines = ["  " + _("by {by} (rows) × {item} (columns):").format(by=by, item=item),
             Row("  " + " " * 14 + "".join(right(cut(one_line(name(item, c)), 8), 9)
                 for c in cols) + right(cut(word, 8), 9))]
    for label, row in zip(rows, matrix, strict=True):
        lines.append(Row(f"  {left(cut(one_line(name(by, label)), 14), 14)}"
                         + "".join(f"{shown_text(v):>9}" for v in row)
                         + f"{shown_text(shown_sum(row)):>9}"))
    sums = [shown_sum(row[j] for row in matrix) for j in range(len(cols))]
    lines.append(Row(f"  {left(cut(word, 14), 14)}"
                     + "".join(f"{shown_text(v):>9}" for v in sums)
                     + f"{shown_text(shown_sum(sums)):>9}"))
    return lines


def coverage_lines(docs: list[dict[str, Any]], plan: Plan) -> list[str]:
    """How many sessions covered each key point."""
    if not plan.key_items:
        return [_("No key points in this plan.")]
    lines = [_("Key-point coverage:")]
    for item_id, covered, share, prompt in coverage_rows(docs, plan):
        start = f"  {item_id:<20} " + of_words(covered, len(docs), 4) + f" {share:>5}  "
        lines.append(start + fitted(prompt, max(10, REPORT_WIDTH - cell_len(start))))
    return lines


REPORT_WIDTH = 80  # the text report's lines fit a terminal of 80 columns


def fitted(text: str, cells: int) -> str:
    """`text` on one line in at most `cells` terminal cells, ending in … where cut."""
    line = " ".join(text.split())
    return line if cell_len(line) <= cells else cut(line, cells - 1).rstrip() + "…"


def coverage_rows(docs: list[dict[str, Any]], plan: Plan) -> list[tuple[str, int, str, str]]:
    """Per key point: (item id, sessions that covered it, share, prompt)."""
    rows = []
    found = [covered_items(d) for d in docs]
    for item in plan.key_items:
        covered = sum(1 for items in found if item.id in items)
        share = f"{100 * covered / len(docs):.0f}%" if docs else "—"
        rows.append((item.id, covered, share, item.prompt))
    return rows


def turn_table(doc: dict[str, Any]) -> dict[str, dict[str, float]]:
    """participant -> agenda item (section) -> seconds of talk."""
    # Silent participants still get a row.
    table: dict[str, dict[str, float]] = {who: defaultdict(float) for who in talk_times(doc)}
    for event in doc.get("events") or []:
        if event.get("type") == "turn" and event.get("participant"):
            section = str(event.get("section_id") or "—")
            # read as talk_times reads it: the two tables of a meeting agree
            table.setdefault(str(event["participant"]), defaultdict(float))[section] += \
                seconds(event.get("duration"))
    return table


def group_lines(docs: list[dict[str, Any]], plan: Plan) -> list[str]:
    """Per meeting: talk time by participant and agenda item, and the off-topic share."""
    sections = [s.id for s in plan.sections]
    lines = ["", _("Talk time (minutes) by participant and agenda item:")]
    for doc in docs:
        share = offtopic_share(doc, session_duration(doc))
        lines.append("  " + _("meeting {id} ({date}), off topic {share}").format(
            id=doc["session_id"][:8], date=doc.get("created", "")[:10], share=f"{share:.0%}"))
        lines.append(Row("    " + f"{'':<8}" + "".join(f"{s[:10]:>11}" for s in sections)
                         + right(cut(_("total"), 8), 9)))
        for who, by_section in sorted(turn_table(doc).items()):
            cells = "".join(f"{by_section.get(s, 0.0) / 60:>11.1f}" for s in sections)
            lines.append(Row(f"    {text_cell(who)[:8]:<8}{cells}"
                             f"{sum(by_section.values()) / 60:>9.1f}"))
    return lines


def of_words(covered: int, total: int, cells: int = 0) -> str:
    """"3 of 10": sessions that covered a key point out of all (`cells`: each number's
    width in a text table)."""
    return _("{covered} of {total}").format(covered=f"{covered:>{cells}}",
                                            total=f"{total:<{cells}}")
