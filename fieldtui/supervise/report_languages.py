"""A poll release's items split by the language each answer was asked in (`report
--by-language`, `--format md|html` alike).

The split is a table of the release like any other ("item × language asked in":
release_tables.py), perturbed with the same cell keys and audited with the rest, so a
report shows only what the release published: a suppressed cell is `x`, a total is the
sum of the shown counts. Each column states its language ("asked in English", "asked in
Chinese"); answers whose language was not recorded (sessions from before devices recorded
it, items not asked) have a column of their own, so every split adds up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.cells import cell_len

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import _, current, ngettext
from fieldtui.core.language_names import called
from fieldtui.core.plan.model import Item, Plan
from fieldtui.supervise.command_paths import release_create
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.poll_tables import NO_LANGUAGE, language_item
from fieldtui.supervise.release import Release, releases
from fieldtui.supervise.release_gap import gone_hint, respondents_needed
from fieldtui.supervise.report_cells import left, right
from fieldtui.supervise.report_wrap import Row
from fieldtui.supervise.shown_sum import shown_sum
from fieldtui.supervise.study_link import dataset_plans

Split = list[tuple[str, list[int | None]]]  # (answer label, one published count a language)


def check_languages(rel: Release, plan: Plan, dataset: DatasetSpec | None = None,
                    conn: Dataset | None = None) -> None:
    """An error unless the release splits its items by language (its hint makes one of
    `dataset` that does; with `conn`, where `dataset` was opened, it names an earlier
    release that has the split, or says how many more respondents a new release needs:
    it only said to make one, which then refused)."""
    if len(plan.languages) < 2:
        raise FieldtuiError(
            _("plan {plan} is asked in one language ({lang}): there is no split by language "
              "to show").format(plan=plan.id, lang=plan.language),
            _("leave out --by-language, or give a poll in more than one language with "
              "--plan"))
    if not rel.languages():
        raise FieldtuiError(
            _("release {name} has no tables by language (it was made before releases had "
              "them, or none of its answers recorded a language)").format(name=rel.name),
            _language_hint(rel, plan, dataset, conn))


def _language_hint(rel: Release, plan: Plan, dataset: DatasetSpec | None,
                   conn: Dataset | None) -> str:
    command = release_create(dataset, rel.plan_id)
    if conn is not None:
        having = [r.name for r in releases(conn, rel.plan_id) if r.languages()]
        if having:
            return _("release {name} has them: add --release {name}").format(name=having[-1])
        more = respondents_needed(conn, plan)
        if more is None:
            return gone_hint(command)
        if more > 0:
            return ngettext("a release with them can be made once {more} more respondent "
                            "is merged: {command}",
                            "a release with them can be made once {more} more respondents "
                            "are merged: {command}", more).format(more=more, command=command)
    return _("make a release that has them: {command}").format(command=command)


def plan_shown(plan: Plan) -> Plan:
    """`plan` with its texts in the interface language when that is one of its languages
    (else in its default): what a report, a codebook or a summary shows of it."""
    lang = current()
    return plan.localized(lang) if lang != plan.language and lang in plan.languages else plan


def in_interface_language(conn: Dataset, rel: Release) -> Release:
    """`rel` with its items' prompts and answers' labels in the interface language when
    that is one of its plan's languages (else as the release stored them: the plan's
    default). Codes and counts are the release's; only the words shown beside them change."""
    plan = dataset_plans(conn).get((rel.plan_id, rel.plan_version))
    if plan is None or plan_shown(plan) is plan:
        return rel
    base = {i.id: i for i in plan.items}
    shown = {i.id: i for i in plan_shown(plan).items}
    stored: dict[str, dict[str, str]] = rel.tables.get("labels") or {}
    tables = dict(rel.tables)
    tables["prompts"] = {i: shown[i].prompt if i in shown else text
                         for i, text in rel.tables["prompts"].items()}
    labels: dict[str, dict[str, str]] = {}
    answers = {**rel.tables["categories"], **rel.tables["multi"]}
    for item_id, codes in answers.items():
        mine = stored.get(item_id, {})
        found = {c: _label(base.get(item_id), shown.get(item_id), c, mine.get(c, c))
                 for c in codes}
        labels[item_id] = {c: v for c, v in found.items() if v != c or c in mine}
    tables["labels"] = {i: found for i, found in labels.items() if found}
    return replace(rel, tables=tables)


def _label(base: Item | None, shown: Item | None, code: str, stored: str) -> str:
    """An answer's label in the shown language: a scale's point by its position, an
    option by its value (a category the plan does not name keeps what was stored)."""
    if base is None or shown is None:
        return stored
    if base.scale is not None and shown.scale is not None:
        for point in base.scale.points:
            if base.scale.label(point) == code:
                return shown.scale.label(point)
        return stored
    return shown.label_of(code) if code in shown.options else stored


def column_names(rel: Release) -> list[str]:
    """Each language column's heading: "asked in English", "asked in 中文", and the
    column of answers whose language was not recorded."""
    return [_("not recorded") if lang == NO_LANGUAGE else
            _("asked in {language}").format(language=called(lang))
            for lang in rel.languages()]


def statement(rel: Release) -> str:
    """What the split is, in one sentence (under the release and its protection)."""
    named = " / ".join(f"{called(lang)} ({lang})" for lang in rel.languages() if lang != NO_LANGUAGE)
    return _("Split by language: each item's answers by the language they were asked in "
             "({languages}; a column for answers whose language was not recorded). These "
             "counts come from release {name}, perturbed and protected with the rest; a "
             "total is the sum of the shown counts.").format(languages=named, name=rel.name)


def split(rel: Release, item: str, categories: list[str]) -> Split:
    """The published counts of one item's answers, one per language column."""
    cells = rel.cells()
    row = language_item(item)
    return [(category, [cells.get(("x", row, lang, item, category))
                        for lang in rel.languages()]) for category in categories]


def _fit(text: str, cells: int) -> str:
    """`text` cut to `cells` terminal cells (a wide character takes two)."""
    out = ""
    for ch in one_line(text):
        if cell_len(out + ch) > cells:
            break
        out += ch
    return out


def split_lines(rel: Release, item: str, rows: Split, label: Callable[[str], str],
                hidden: str) -> list[str]:
    """The split as text lines for a terminal (wide characters keep the columns
    aligned): one row per answer (`label` names it), one column per language, then the
    totals; a suppressed count is `hidden`."""
    heads = [_fit(h, 18) for h in column_names(rel)]
    widths = [max(cell_len(h), 5) + 2 for h in heads]
    total = _("total")
    out = ["  " + _("{item} by the language it was asked in:").format(item=item),
           Row("  " + " " * 16 + "".join(right(h, w) for h, w in zip(heads, widths,
                                                                     strict=True))
               + right(total, 8))]
    def shown(count: int | None) -> str:
        return hidden if count is None else str(count)
    for category, counts in rows:
        out.append(Row("  " + left(_fit(label(category), 14), 16)
                       + "".join(right(shown(c), w) for c, w in zip(counts, widths,
                                                                     strict=True))
                       + right(shown(shown_sum(counts)), 8)))
    sums = [shown_sum(counts[j] for _, counts in rows) for j in range(len(heads))]
    out.append(Row("  " + left(_fit(total, 14), 16)
                   + "".join(right(shown(s), w) for s, w in zip(sums, widths, strict=True))
                   + right(shown(shown_sum(sums)), 8)))
    return out
