"""The codebook of the Stata/SPSS files: every variable with its name, full label, type,
the question as asked (per plan version and language), the condition under which its item
is asked, its values and their codes with the protected counts of the plan's latest poll
release (codebook_counts; none without one), missing codes, and the plan versions it
appears in. A roster's items are described under the roster's own file (one row per
member), and a meeting plan's participants and turns under theirs (interop/meeting_wide).
Written as Markdown here, as HTML by codebook_html.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import N_, _
from fieldtui.core.missing import SPSS_MISSING_RANGE, Missing, spss_range
from fieldtui.core.plan.expr.words import in_words, labeller
from fieldtui.core.plan.model import Plan
from fieldtui.interop.codebook_counts import PlanCounts, Row
from fieldtui.interop.codebook_words import column_type, fixed_label, item_kind, missing_label
from fieldtui.interop.columns import (
    FIXED,
    ROSTER_FIXED,
    ItemColumns,
    Variable,
    plan_columns,
    plan_rosters,
)
from fieldtui.interop.meeting_wide import (
    MEETING_FILES,
    PARTICIPANT_FIXED,
    TURN_FIXED,
    attribute_columns,
)
from fieldtui.interop.names import file_stem
from fieldtui.supervise.report_languages import plan_shown

TYPES = {"coded": N_("numeric, coded"), "number": N_("numeric"),
         "indicator": N_("numeric, 0/1"), "reason": N_("numeric, 1 or a missing code"),
         "text": N_("text"), "date": N_("date"),
         "time": N_("time of day")}
MISSING_NOTE = N_("SPSS declares {low} to {high} as user-missing, except for a numeric "
                  "variable whose own values reach into that range: its codes are moved "
                  "below its values, given under it when its plan reaches the range, else "
                  "by the .sav file alone (this codebook tells nothing of the answers). "
                  "`not-asked`: the item's "
                  "condition (below) was false for this respondent or member. Text variables "
                  "hold an empty string when missing; their `_m` variable gives the reason.")
# a calculation whose plan does not fix its kind (core/plan/expr/result_kind): the codebook
# says text, from the plan alone; the export looks at the values it writes
UNDECIDED_TYPE = N_("{type}, or numeric: its plan does not say whether the calculation gives "
                    "a number; an export makes it numeric (with no _m variable) when every "
                    "value is one")
_DEFAULT_TOP = SPSS_MISSING_RANGE[1]
# what interop/readstat.py writes for a number Stata's doubles cannot hold (a device's 1e308)
STATA_BEYOND = N_("a number of 2^1023 (about 8.99e307) or more, of either sign, is .g "
                  "(value outside the plan): Stata cannot hold it; the SPSS file keeps it")


def missing_note() -> str:
    """The note under the missing codes, in the interface language."""
    return _(MISSING_NOTE).format(low=SPSS_MISSING_RANGE[0], high=SPSS_MISSING_RANGE[1])


@dataclass
class Entry:
    """One variable as the codebook describes it."""

    var: Variable
    asked: list[tuple[str, str]]  # (versions and language, prompt as asked)
    rows: list[Row]  # (code, label, count)
    note: str  # where the counts come from, or why there are none
    conditions: list[str] = field(default_factory=list)  # section's and item's `relevant`
    when: str = ""  # the conditions in plain words (empty when always asked)
    spss_top: int = SPSS_MISSING_RANGE[1]  # its SPSS declined code (spss_missing)
    undecided: bool = False  # a calculation of no fixed kind, described as text


def spss_codes(top: int) -> str:
    """A variable's own SPSS codes, each with its reason's code: "-9991 = declined, ..."."""
    return ", ".join(f"{m.spss_at(top)} = {m.code}" for m in Missing)


@dataclass
class Book:
    """The codebook of one plan (all its versions)."""

    plan_id: str
    title: str
    versions: list[int]
    counts: str  # where the counts come from, or why there are none
    entries: list[Entry]
    rosters: list[tuple[str, str, list[Entry]]] = field(default_factory=list)  # name, file
    # A meeting plan's participants and turns files: (name, file, fixed variables, entries)
    meeting: list[Meeting] = field(default_factory=list)


Fixed = tuple[tuple[str, str, str, bool], ...]
Meeting = tuple[str, str, Fixed, list[Entry]]


def _asked(entry: ItemColumns, plans: list[Plan]) -> list[tuple[str, str]]:
    """The item's prompt as each version asked it in each of its languages, versions with
    the same text together."""
    found: dict[tuple[str, str], list[int]] = {}
    for plan in sorted(plans, key=lambda p: p.version):
        for lang in dict.fromkeys((plan.language, *plan.languages)):
            for item in plan.localized(lang).items:
                if item.id == entry.item.id and item.kind == entry.item.kind and item.prompt:
                    found.setdefault((lang, item.prompt), []).append(plan.version)
    return [(_("version {versions} ({language})").format(
                versions=", ".join(map(str, versions)), language=one_line(language)),
             one_line(prompt)) for (language, prompt), versions in found.items()]


def conditions(item_id: str, plans: list[Plan]) -> list[str]:
    """When an item is asked: its section's and its own `relevant` (newest version), as
    written; empty when always."""
    plan = max(plans, key=lambda p: p.version)
    try:
        section = plan.section_of(item_id)
    except KeyError:
        return []
    return [one_line(text) for text in (section.relevant, plan.item(item_id).relevant) if text]


def conditions_in_words(texts: list[str], plans: list[Plan]) -> str:
    """The conditions (all must hold) in plain words (the interface language's), options
    named by their labels in the newest version's language of the interface when it has
    it, else its default."""
    if not texts:
        return ""
    plan = plan_shown(max(plans, key=lambda p: p.version))
    label = labeller({item.id: item.label_of for item in plan.items if item.options})
    joined = " and ".join(f"({text})" for text in texts) if len(texts) > 1 else texts[0]
    # (an expression's `and`: in_words puts it into words)
    return one_line(in_words(joined, label))


def _entries(columns: list[ItemColumns], plans: list[Plan], counts: PlanCounts,
             tops: dict[str, int], undecided: frozenset[str]) -> list[Entry]:
    out = []
    for entry in columns:
        asked, when = _asked(entry, plans), conditions(entry.item.id, plans)
        for var in entry.variables:
            rows, note = counts.rows(entry, var)
            out.append(Entry(var, asked, rows, note, when, conditions_in_words(when, plans),
                             tops.get(var.name, _DEFAULT_TOP),
                             var.kind == "text" and var.item_kind == "calculate"
                             and var.item_id in undecided))
    return out


def type_text(e: Entry) -> str:
    """A variable's type as the codebook gives it."""
    kind = _(TYPES[e.var.kind])
    return _(UNDECIDED_TYPE).format(type=kind) if e.undecided else kind


def build_book(plan_id: str, plans: list[Plan], counts: PlanCounts | None = None,
               numeric: frozenset[str] = frozenset(),
               spss_tops: dict[str | None, dict[str, int]] | None = None,
               undecided: frozenset[str] = frozenset()) -> Book:
    """The codebook's content for the wide files of `plan_id`; `numeric`: the calculations
    described as numbers, `undecided`: those whose plan does not fix their kind
    (calc_kinds.plan_calculations: from the plan alone, never the answers); `spss_tops`:
    the variables whose SPSS missing codes are moved (spss_missing.plan_spss_tops)."""
    counts = counts or PlanCounts(plan_id, False, None)
    tops = spss_tops or {}
    title = max(plans, key=lambda p: p.version).title if plans else ""
    rosters = [(roster, file_stem(plan_id, roster),
                _entries(plan_columns(plans, roster=roster, numeric=numeric), plans, counts,
                         tops.get(roster, {}), undecided))
               for roster in plan_rosters(plans)]
    return Book(plan_id, one_line(title), sorted(p.version for p in plans), counts.statement(),
                _entries(plan_columns(plans, numeric=numeric), plans, counts,
                         tops.get(None, {}), undecided), rosters, meeting_parts(plan_id, plans))


def meeting_parts(plan_id: str, plans: list[Plan]) -> list[Meeting]:
    """The participants and turns files of a group plan (none for other methods): each
    coverage attribute one variable with its choices' codes, asked by no question."""
    if not any(p.method == "group" for p in plans):
        return []
    attributes = [Entry(var, [], [(str(code), label, "") for code, label in var.values.items()],
                        "") for entry in attribute_columns(plans) for var in entry.variables]
    specs = {"participants": (PARTICIPANT_FIXED, attributes), "turns": (TURN_FIXED, [])}
    return [(name, file_stem(plan_id, name), *specs[name]) for name in MEETING_FILES]


MEETING_HEADS = {"participants": N_("Meeting participants"),
                 "turns": N_("Speaking turns")}


def meeting_line(name: str, file: str, session_id: str, key: str) -> str:
    """What a meeting file holds (its name and key columns given as code)."""
    if name == "participants":
        return _("File {file}: one row per participant of a meeting, keyed by {session_id} "
                 "and {participant}; each coverage attribute of the plan is one coded "
                 "variable (not given: skipped).").format(
                     file=file, session_id=session_id, participant=key)
    return _("File {file}: one row per speaking turn of a meeting, keyed by {session_id} and "
             "{n}.").format(file=file, session_id=session_id, n=key)


def _md(text: str) -> str:
    """Text safe in a Markdown line, and never markup (a Markdown viewer would pass an HTML
    tag on to the page)."""
    return (_code(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _code(text: str) -> str:
    """Text inside a Markdown code span or table cell (where entities would show as such)."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def codebook(plan_id: str, plans: list[Plan], numeric: frozenset[str] = frozenset(),
             counts: PlanCounts | None = None,
             spss_tops: dict[str | None, dict[str, int]] | None = None,
             undecided: frozenset[str] = frozenset()) -> str:
    """Markdown for the wide files of `plan_id` (all given versions)."""
    book = build_book(plan_id, plans, counts, numeric, spss_tops, undecided)
    lines = ["# " + _("Codebook: {plan} ({title})").format(plan=_md(one_line(plan_id)),
                                                             title=_md(book.title)), "",
             versions_line(book.versions), "",
             _md(book.counts), "",
             "## " + _("Missing codes"), "",
             _row(_("reason"), "Stata", "SPSS", _("meaning")), "|---|---|---|---|"]
    lines += [f"| {m.code} | .{m.stata} | {m.spss} | {missing_label(m)} |" for m in Missing]
    lines += ["", missing_note(), "",
              "## " + _("Session variables"), "", _row(_("name"), _("label"), _("type")),
              "|---|---|---|"]
    lines += [f"| {name} | {_md(fixed_label(label, ident))} | {column_type(kind)} |"
              for name, label, kind, ident in FIXED]
    lines += ["", "## " + _("Item variables"), ""]
    lines += _items(book.entries)
    for roster, file, entries in book.rosters:
        lines += ["## " + _("Roster {roster}").format(roster=_md(roster)), "",
                  roster_line(f"`{file}`", "`session_id`", "`member`"), "",
                  _row(_("name"), _("label"), _("type")), "|---|---|---|"]
        lines += [f"| {name} | {_md(fixed_label(label))} | {column_type(kind)} |"
                  for name, label, kind, _i in ROSTER_FIXED]
        lines.append("")
        lines += _items(entries)
    for name, file, fixed, entries in book.meeting:
        lines += ["## " + _(MEETING_HEADS[name]), "",
                  meeting_line(name, f"`{file}`", "`session_id`",
                               "`participant`" if name == "participants" else "`n`"), "",
                  _row(_("name"), _("label"), _("type")), "|---|---|---|"]
        lines += [f"| {var} | {_md(fixed_label(label, ident))} | {column_type(kind)} |"
                  for var, label, kind, ident in fixed]
        lines.append("")
        lines += _items(entries)
    return "\n".join(lines)


def _items(entries: list[Entry]) -> list[str]:
    lines: list[str] = []
    for e in entries:
        var = e.var
        lines += [f"### {var.name}", "", "- " + _("label: {label}").format(label=_md(var.label)),
                  "- " + _("item: {item} ({kind})").format(item=f"`{_code(var.item_id)}`",
                                                           kind=item_kind(var.item_kind))
                  + (_(", option {option}").format(option=_md(one_line(var.option)))
                     if var.option else ""),
                  "- " + _("type: {type}").format(type=type_text(e)),
                  "- " + _("in plan versions: {versions}").format(
                      versions=", ".join(map(str, var.versions)))]
        lines += ["- " + _("asked in {when}: {prompt}").format(when=_md(when), prompt=_md(prompt))
                  for when, prompt in e.asked]
        if e.rows:
            values = "; ".join(
                (f"{_md(code)} = " if code else "") + _md(label) + (f": {count}" if count else "")
                for code, label, count in e.rows)
            lines.append("- " + (_("values ({note}): {values}").format(note=_md(e.note),
                                                                       values=values)
                                 if e.note else _("values: {values}").format(values=values)))
        elif e.note:
            lines.append("- " + _("counts: {note}").format(note=_md(e.note)))
        if e.conditions:
            written = _(" and ").join(f"`{_code(text)}`" for text in e.conditions)
            lines.append("- " + _("asked only when {when} — {written}; otherwise not-asked")
                         .format(when=_md(e.when), written=written))
        if var.kind != "text" and e.spss_top != _DEFAULT_TOP:
            low, high = spss_range(e.spss_top)
            lines.append("- " + _("missing: Stata .a-.g; SPSS its own codes, as its values "
                                  "reach -999 to -991: {codes} (user-missing {low} to {high})")
                         .format(codes=spss_codes(e.spss_top), low=low, high=high))
        elif var.kind != "text":
            lines.append("- " + _("missing: Stata .a-.g, SPSS -991 to -997 (see Missing codes)"))
        if var.kind == "number":
            lines.append("- " + _("in Stata: {note}").format(note=_(STATA_BEYOND)))
        lines.append("")
    return lines


def _row(*heads: str) -> str:
    """A Markdown table's heading row."""
    return "| " + " | ".join(_md(h) for h in heads) + " |"


def versions_line(versions: list[int], code: str = "`plan_version`") -> str:
    """The sentence under a codebook's title: its plan versions, one row per session."""
    return _("Plan versions: {versions}. One row per session; {plan_version} says which "
             "version a session was asked from.").format(
                 versions=", ".join(map(str, versions)), plan_version=code)


def roster_line(file: str, session_id: str, member: str) -> str:
    """What a roster's file holds (its name and key columns given as code)."""
    return _("File {file}: one row per member of the roster in a session, keyed by "
             "{session_id} and {member}.").format(file=file, session_id=session_id,
                                                 member=member)
